/** TIFF compression codes by name, for error messages. */
export const TIFF_COMPRESSION_NAMES: Record<number, string> = {
  1: 'none',
  5: 'LZW',
  6: 'old-style JPEG',
  7: 'JPEG',
  8: 'Deflate',
  32773: 'PackBits',
  32946: 'Deflate',
  33003: 'Aperio JPEG 2000 (YCbCr)',
  33004: 'Aperio JPEG 2000',
  33005: 'Aperio JPEG 2000 (RGB)',
  34712: 'JPEG 2000',
  50000: 'Zstandard',
  50001: 'WebP',
};

/** Compressions the libvips bundled with sharp decodes (libtiff with JPEG, zlib, zstd, WebP). */
export const DECODABLE_TIFF_COMPRESSIONS = new Set([1, 5, 7, 8, 32773, 32946, 50000, 50001]);

/** "33005 (Aperio JPEG 2000 (RGB))" */
export function describeCompression(code: number): string {
  return `${code} (${TIFF_COMPRESSION_NAMES[code] ?? 'unknown'})`;
}
