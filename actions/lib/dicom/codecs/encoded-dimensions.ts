/**
 * Reads the image size a compressed frame declares (JPEG SOF, JPEG-LS SOF55, JPEG 2000 SIZ) so a
 * frame claiming more pixels than the DICOM header can be refused before a codec allocates for it.
 */

/** Width and height declared by a JPEG-family or JPEG 2000 stream, when they can be found. */
export function encodedDimensions(bytes: Uint8Array): { width: number; height: number } | undefined {
  const u16 = (i: number) => ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0);
  const u32 = (i: number) => u16(i) * 65536 + u16(i + 2);
  // JPEG 2000 codestream (possibly inside a JP2 box): SOC then SIZ.
  for (let i = 0; i + 24 <= bytes.length && i < 4096; i++) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0x4f && bytes[i + 2] === 0xff && bytes[i + 3] === 0x51) {
      const siz = i + 4;
      return { width: u32(siz + 4) - u32(siz + 12), height: u32(siz + 8) - u32(siz + 16) };
    }
  }
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 9 <= bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const isFrame =
      (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) ||
      marker === 0xf7;
    if (isFrame) return { height: u16(at + 5), width: u16(at + 7) };
    if (marker === 0xda || marker === 0xd9) return undefined;
    at += 2 + u16(at + 2);
  }
  return undefined;
}
