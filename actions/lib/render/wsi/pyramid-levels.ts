import type { TiffDirectory } from './tiff-directories.js';

/**
 * The resolution levels of a slide, largest first (level 0 = full resolution). Levels are the tiled
 * directories with the base image's aspect ratio, so Aperio's stripped thumbnail, label and macro
 * images are left out, as OpenSlide does. A plain, untiled TIFF has one level: its first page.
 */
export function pyramidLevels(directories: readonly TiffDirectory[]): TiffDirectory[] {
  const tiled = directories.filter(
    (d) => d.tiled && d.width > 0 && d.height > 0 && !/(^|[\r\n])\s*(label|macro)\b/.test(d.description),
  );
  const base = tiled[0];
  if (!base) return directories.slice(0, 1);
  const aspect = base.width / base.height;
  const sameAspect = tiled.filter((d) => Math.abs(d.width / d.height / aspect - 1) < 0.02 || d === base);
  return sameAspect.sort((a, b) => b.width - a.width || a.page - b.page);
}
