/**
 * From container value to stored value (PS3.5 8.1.1, PS3.3 C.7.6.3.1): keep the BitsStored bits that
 * end at HighBit, dropping whatever a writer left in the unused high bits, and sign-extend them when
 * PixelRepresentation is 1.
 */
import type { PixelModule } from './pixel-module.js';

/** A function from a container value (as read, any signedness) to the stored pixel value. */
export function storedValueFunction(
  module: Pick<PixelModule, 'bitsStored' | 'highBit' | 'pixelRepresentation'>,
): (raw: number) => number {
  const { bitsStored, highBit } = module;
  const signed = module.pixelRepresentation === 1;
  const shift = highBit + 1 - bitsStored;
  if (bitsStored === 32) return signed ? (raw) => raw | 0 : (raw) => raw >>> 0;
  const mask = 2 ** bitsStored - 1;
  const signBit = 2 ** (bitsStored - 1);
  const range = 2 ** bitsStored;
  if (!signed) return (raw) => ((raw >>> shift) & mask) >>> 0;
  return (raw) => {
    const v = ((raw >>> shift) & mask) >>> 0;
    return v >= signBit ? v - range : v;
  };
}
