import sharp from 'sharp';
import { RenderPool } from '../render/render-pool.js';
import { ffmpegPath } from '../tools/ffmpeg-path.js';
import { runProcess } from '../tools/run-process.js';
import type { Renderer } from './renderer.js';

/** `ffmpeg version 6.1.1-3 Copyright …` → `6.1.1-3`; undefined when ffmpeg cannot be run. */
async function ffmpegVersion(): Promise<string | undefined> {
  try {
    const result = await runProcess(ffmpegPath(), ['-hide_banner', '-version'], { timeoutMs: 10_000 });
    const match = /^ffmpeg version (\S+)/.exec(result.stdout.toString('utf8'));
    return match?.[1];
  } catch {
    return undefined;
  }
}

/**
 * The real renderer: renderSource for every recipe kind, then the deterministic PNG encoder, with
 * DICOM and NIfTI on `threads` worker threads (see RenderPool). `close` ends the threads.
 */
export function createDefaultRenderer(threads?: number): Renderer {
  const pool = new RenderPool(threads);
  return {
    render: (file, recipe, context) => pool.render(file, recipe, context),
    close: () => pool.close(),
    async tools() {
      const ffmpeg = await ffmpegVersion();
      return {
        // PNG bytes come from node:zlib (see encodePng); pixels from sharp, libvips and ffmpeg.
        zlib: process.versions.zlib,
        sharp: sharp.versions.sharp,
        libvips: sharp.versions.vips,
        ...(ffmpeg ? { ffmpeg } : {}),
      };
    },
  };
}
