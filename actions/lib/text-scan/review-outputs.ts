import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pixelsSha256 } from '../render/encode-png.js';
import { decodePng } from './decode-png.js';
import { type ReviewItem, renderReviewPage } from './review-page.js';
import { scanImages } from './scan-file.js';

async function pngFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await pngFiles(path.join(dir, e.name), rel)));
    else if (e.isFile() && e.name.toLowerCase().endsWith('.png')) out.push(rel);
  }
  return out.sort();
}

/** Scans every PNG under `outputsDir`; returns the review page and how many were flagged. */
export async function reviewOutputs(
  outputsDir: string,
): Promise<{ html: string; scanned: number; flagged: string[] }> {
  const items: ReviewItem[] = [];
  const files = await pngFiles(outputsDir);
  for (const rel of files) {
    const png = await readFile(path.join(outputsDir, rel));
    const image = await decodePng(png);
    const scan = await scanImages([image]);
    if (!scan.identifying) continue;
    items.push({
      output: rel,
      png,
      width: image.width,
      height: image.height,
      pixelsSha256: pixelsSha256(image),
      regions: scan.regions.map((r) => ({
        box: r.box,
        categories: r.categories,
        identifying: r.identifying,
      })),
    });
  }
  return {
    html: renderReviewPage(items, files.length),
    scanned: files.length,
    flagged: items.map((i) => i.output),
  };
}
