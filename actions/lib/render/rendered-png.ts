import { encodePng, pixelsSha256 } from './encode-png.js';
import type { RenderedImage } from './rendered-image.js';

/** A rendered source as the PNG that gets written, and what a lock records of it. */
export interface RenderedPng {
  png: Uint8Array;
  /** sha256 of the decoded pixels (robust to PNG encoder differences between runners). */
  pixelsSha256: string;
  width: number;
  height: number;
  channels: 1 | 3;
  /** Resolved recipe details (frame chosen, window applied): numbers, not header values. */
  resolved: Record<string, unknown>;
  burnedInAnnotation?: 'YES' | 'NO' | 'undeclared';
}

/** Encodes rendered pixels as the deterministic PNG and keeps what a lock records. */
export async function encodeRendered(image: RenderedImage): Promise<RenderedPng> {
  return {
    png: await encodePng(image),
    pixelsSha256: pixelsSha256(image),
    width: image.width,
    height: image.height,
    channels: image.channels,
    resolved: image.resolved,
    ...(image.burnedInAnnotation !== undefined ? { burnedInAnnotation: image.burnedInAnnotation } : {}),
  };
}
