import sharp from 'sharp';

/**
 * A small whole-slide stand-in: a tiled, pyramidal, JPEG-compressed TIFF (the container an Aperio
 * .svs file is). It lacks Aperio's ImageDescription; readers that open it as TIFF see the same levels.
 */
export async function writeTiledSlide(
  file: string,
  rgb: Uint8Array,
  width: number,
  height: number,
): Promise<void> {
  await sharp(Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength), {
    raw: { width, height, channels: 3 },
  })
    .tiff({ tile: true, tileWidth: 256, tileHeight: 256, pyramid: true, compression: 'jpeg', quality: 85 })
    .toFile(file);
}
