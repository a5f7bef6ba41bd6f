/**
 * Bench (issue 16): the burned-in text scan beside the render, in one run.
 * - still: N 640×480 frames (half with burned-in text, half speckle only) rendered from JPEG and
 *   encoded to PNG by our engine, then scanned; target: scanning costs at most 5× render + encode.
 * - small: 1,000 frames of 112×112 (a quarter with text) scanned by the CLI (`scan-text`, bundled
 *   from the current sources) in 2 processes at once, start-up included; target: under 60 s.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { encodePng } from '../../actions/lib/render/encode-png.js';
import { renderSource } from '../../actions/lib/render/render-source.js';
import type { RenderedImage } from '../../actions/lib/render/rendered-image.js';
import { scanImages } from '../../actions/lib/text-scan/scan-file.js';
import type { BenchResult } from './bench-result.js';
import { run, timeMs, withTempDir, xorshift32 } from './bench-util.js';

async function frame(width: number, height: number, seed: number, text: string | undefined): Promise<Buffer> {
  const next = xorshift32(seed);
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    const v = (next() >>> 24) % 110;
    data.set([v, v, v], i * 3);
  }
  const size = Math.max(7, Math.round(height / 32));
  const overlays = text
    ? [
        {
          input: await sharp({
            text: {
              text: `<span foreground="#ffff00">${text}</span>`,
              font: `DejaVu Sans ${size}`,
              rgba: true,
              dpi: 72,
            },
          })
            .png()
            .toBuffer(),
          left: 4,
          top: 4,
        },
      ]
    : [];
  return sharp(data, { raw: { width, height, channels: 3 } })
    .composite(overlays)
    .jpeg({ quality: 92 })
    .toBuffer();
}

const TEXTS = ['DOE^JANE 4471902', 'ID 55309', 'St Example Hospital', '12 cm 3.5MHz'];

export async function benchTextScan(options: {
  stills: number;
  smalls: number;
  cli: string;
}): Promise<BenchResult[]> {
  return withTempDir('text-scan', async (dir) => {
    // Still frames: render + encode, then scan, each timed per frame.
    let renderMs = 0;
    let scanMs = 0;
    await scanImages([{ width: 8, height: 8, channels: 1, data: new Uint8Array(64), resolved: {} }]); // engine start-up
    for (let i = 0; i < options.stills; i++) {
      const file = path.join(dir, `still-${i}.jpg`);
      await writeFile(file, await frame(640, 480, i + 1, i % 2 === 0 ? TEXTS[i % TEXTS.length] : undefined));
      let image: RenderedImage | undefined;
      renderMs += await timeMs(async () => {
        image = await renderSource(file, { kind: 'image' });
        await encodePng(image);
      });
      scanMs += await timeMs(() => scanImages([image!]));
    }
    const ratio = scanMs / renderMs;
    const still: BenchResult = {
      id: 'text-scan-still',
      title: 'Burned-in text scan of a 640×480 still vs render + encode',
      value: scanMs / options.stills,
      unit: 'ms/frame',
      anchor: { name: 'render + encode (same frames)', value: renderMs / options.stills, unit: 'ms/frame' },
      target: '≤ 5× render + encode',
      ratio,
      met: ratio <= 5,
      notes: [`${options.stills} frames, half with burned-in text; one thread`],
    };

    // Small frames: the CLI in two processes, wall clock from spawn to exit.
    const files: string[] = [];
    for (let i = 0; i < options.smalls; i++) {
      const file = path.join(dir, `small-${i}.png`);
      const jpeg = await frame(112, 112, 1000 + i, i % 4 === 0 ? TEXTS[i % TEXTS.length] : undefined);
      await sharp(jpeg).png().toFile(file);
      files.push(file);
    }
    const halves = [files.filter((_, i) => i % 2 === 0), files.filter((_, i) => i % 2 === 1)];
    const wallMs = await timeMs(() =>
      Promise.all(
        halves.map((h) =>
          run(process.execPath, [options.cli, 'scan-text', '--format', 'json', ...h]).catch((e: Error) => {
            // Exit 1 means identifying text was found, which some frames have: not a failure here.
            if (!/exit code 1|Command failed/.test(e.message)) throw e;
          }),
        ),
      ),
    );
    const perThousand = (wallMs / 1000) * (1000 / options.smalls);
    const small: BenchResult = {
      id: 'text-scan-small',
      title: '1,000 frames of 112×112 scanned (CLI, 2 processes)',
      value: perThousand,
      unit: 's per 1,000',
      target: '< 60 s on 2 cores',
      met: perThousand < 60,
      notes: [`${options.smalls} frames measured, scaled to 1,000; a quarter with text; start-up included`],
    };
    return [still, small];
  });
}
