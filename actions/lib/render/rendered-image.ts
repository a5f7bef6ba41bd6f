/**
 * What every renderer returns: 8-bit pixels, row-major, channels interleaved, plus what the recipe
 * resolved to (the frame actually chosen, the window actually applied) so locks can record it.
 */
export interface RenderedImage {
  width: number;
  height: number;
  /** 1 = grey, 3 = RGB. Grey sources stay grey. */
  channels: 1 | 3;
  data: Uint8Array;
  /** Resolved recipe details, e.g. `{ frame: 41, window: { center: 40, width: 400 } }`. Numbers only, no header values. */
  resolved: Record<string, unknown>;
  /** DICOM BurnedInAnnotation of the source, where the format declares it. */
  burnedInAnnotation?: 'YES' | 'NO' | 'undeclared';
}
