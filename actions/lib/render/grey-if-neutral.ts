import type { RenderedImage } from './rendered-image.js';

/**
 * RGB pixels whose three channels are equal everywhere become one grey channel: many scanners store
 * greyscale ultrasound as RGB (EchoNet-Dynamic's AVIs are), and the benchmark's images should say
 * what they are. Any colour pixel (a Doppler overlay, a coloured marker) keeps the image RGB.
 */
export function greyIfNeutral(
  width: number,
  height: number,
  rgb: Uint8Array,
): Pick<RenderedImage, 'channels' | 'data'> {
  const pixels = width * height;
  for (let i = 0; i < pixels; i++) {
    const r = rgb[i * 3];
    if (r !== rgb[i * 3 + 1] || r !== rgb[i * 3 + 2]) return { channels: 3, data: rgb };
  }
  const grey = new Uint8Array(pixels);
  for (let i = 0; i < pixels; i++) grey[i] = rgb[i * 3]!;
  return { channels: 1, data: grey };
}
