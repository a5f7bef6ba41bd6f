/** A bad non-DICOM source on disk and the recipe it is rendered with. */
import type { Recipe } from '../../../actions/lib/schema/recipe.js';

export interface FormatCase {
  name: string;
  file: string;
  recipe: Recipe;
  /** Broken beyond use: must end in an InputError (else an image is a fair answer too). */
  mustFail: boolean;
}

/** A copy of `bytes` with `patch` applied to it. */
export function patched(bytes: Uint8Array, patch: (view: DataView, bytes: Uint8Array) => void): Uint8Array {
  const copy = new Uint8Array(bytes);
  patch(new DataView(copy.buffer), copy);
  return copy;
}

/** Offset of the first occurrence of an ASCII `marker` (a RIFF chunk or an MP4 box name). */
export function indexOfAscii(bytes: Uint8Array, marker: string): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(marker, 0, 'latin1');
}

/** A copy of `bytes` with the byte at `at` inverted. */
export function flipped(bytes: Uint8Array, at: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy[at] = copy[at]! ^ 0xff;
  return copy;
}
