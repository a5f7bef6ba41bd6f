import sharp from 'sharp';
import { encodePng, pixelsSha256 } from '../render/encode-png.js';
import { renderSource } from '../render/render-source.js';
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

/** The real renderer: renderSource for every recipe kind, then the deterministic PNG encoder. */
export function createDefaultRenderer(): Renderer {
  return {
    async render(file, recipe, context) {
      const image = await renderSource(file, recipe, context);
      const png = await encodePng(image);
      return {
        png,
        pixelsSha256: pixelsSha256(image),
        width: image.width,
        height: image.height,
        channels: image.channels,
        resolved: image.resolved,
        ...(image.burnedInAnnotation !== undefined ? { burnedInAnnotation: image.burnedInAnnotation } : {}),
      };
    },
    async tools() {
      const ffmpeg = await ffmpegVersion();
      return {
        sharp: sharp.versions.sharp,
        libvips: sharp.versions.vips,
        ...(ffmpeg ? { ffmpeg } : {}),
      };
    },
  };
}
