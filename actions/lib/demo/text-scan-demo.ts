import sharp from 'sharp';
import type { RenderedImage } from '../render/rendered-image.js';
import { redactRegions } from '../text-scan/redact-regions.js';
import { scanImages } from '../text-scan/scan-file.js';

/** A made-up patient: the demo's frame carries these words burned in, as a scanner would print them. */
const NAME_LINE = 'DOE^JANE   ID 4471902';
const MACHINE_LINE = '12 cm  3.5MHz  TIs 0.4';

/** A 448×336 ultrasound-like frame (noise in a sector) with yellow and grey burned-in text. */
async function syntheticFrame(): Promise<RenderedImage> {
  const width = 448;
  const height = 336;
  const data = new Uint8Array(width * height * 3);
  let seed = 16;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  for (let y = 40; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (Math.abs(x - width / 2) > (y - 30) * 0.7) continue;
      const v = Math.floor(rand() * 110);
      data.set([v, v, v], (y * width + x) * 3);
    }
  }
  const text = (markup: string) =>
    sharp({ text: { text: markup, font: 'DejaVu Sans 12', rgba: true, dpi: 72 } })
      .png()
      .toBuffer();
  const { data: raw } = await sharp(data, { raw: { width, height, channels: 3 } })
    .composite([
      { input: await text(`<span foreground="#ffff00">${NAME_LINE}</span>`), left: 8, top: 8 },
      { input: await text(`<span foreground="#d0d0d0">${MACHINE_LINE}</span>`), left: 250, top: 310 },
    ])
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width, height, channels: 3, data: raw, resolved: {} };
}

/**
 * `npm start`'s burned-in text step: a synthetic frame with a name and an ID burned in is caught, and
 * its redacted copy passes. Counts and categories only; the words are never shown.
 */
export async function burnedInTextDemo(): Promise<{ ok: boolean; lines: string[] }> {
  const frame = await syntheticFrame();
  const before = await scanImages([frame]);
  const boxes = before.regions.filter((r) => r.identifying).map((r) => r.box);
  const after = await scanImages([redactRegions(frame, boxes)]);
  const machineKept = after.regions.some((r) => !r.identifying);
  return {
    ok: before.identifying && !after.identifying && machineKept,
    lines: [
      `synthetic 448×336 frame with a made-up name and ID burned in: ${before.identifying ? 'caught' : 'MISSED'} (${before.identifying_regions} identifying of ${before.text_regions} text regions: ${before.categories.join(', ')}; ${before.engine.engine} ${before.engine.version}, offline)`,
      `redacted copy (${boxes.length} region(s) filled): ${after.identifying ? 'STILL IDENTIFYING' : 'passes'}, ${after.text_regions} machine annotation region(s) left (${after.categories.join(', ')})`,
    ],
  };
}
