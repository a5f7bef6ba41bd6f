import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { RenderedImage } from './rendered-image.js';

/**
 * Encodes a rendered image as PNG with fixed settings, so the same pixels always give the same bytes:
 * no metadata (sharp drops it unless asked), no timestamps, fixed zlib level and filter, no palette.
 * Grey stays one channel (sharp keeps the `b-w` interpretation of a 1-channel raw input).
 */
export async function encodePng(image: RenderedImage): Promise<Buffer> {
  checkImage(image);
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } })
    .toColourspace(image.channels === 1 ? 'b-w' : 'srgb')
    .png({ compressionLevel: 9, adaptiveFiltering: false, palette: false, progressive: false, effort: 7 })
    .toBuffer();
}

/**
 * sha256 of the decoded pixels, independent of the PNG encoder: width, height and channels as
 * 32-bit big-endian integers, then the raw row-major bytes.
 */
export function pixelsSha256(image: RenderedImage): string {
  checkImage(image);
  const header = Buffer.alloc(12);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header.writeUInt32BE(image.channels, 8);
  return createHash('sha256').update(header).update(image.data).digest('hex');
}

function checkImage(image: RenderedImage): void {
  if (image.data.length !== image.width * image.height * image.channels) {
    throw new Error(
      `rendered image has ${image.data.length} bytes, expected ${image.width}×${image.height}×${image.channels}`,
    );
  }
}
