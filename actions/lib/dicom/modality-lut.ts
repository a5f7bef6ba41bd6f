/**
 * The Modality LUT stage (PS3.3 C.11.1): a Modality LUT Sequence when present, else the linear
 * RescaleSlope/RescaleIntercept (Hounsfield units for CT: the step the old recipe skipped).
 */
import type { LookupTable, PixelModule } from './pixel-module.js';

/** The modality transform and what to record about it. */
export interface ModalityTransform {
  apply: (stored: number) => number;
  resolved: { modalityLut: true } | { rescale: { slope: number; intercept: number } };
}

/** Builds the modality transform of a pixel module. */
export function modalityTransform(module: PixelModule): ModalityTransform {
  if (module.modalityLut) {
    return { apply: lookup(module.modalityLut), resolved: { modalityLut: true } };
  }
  const slope = module.rescaleSlope;
  const intercept = module.rescaleIntercept;
  const apply = slope === 1 && intercept === 0 ? (v: number) => v : (v: number) => v * slope + intercept;
  return { apply, resolved: { rescale: { slope, intercept } } };
}

/**
 * A LUT as a function: inputs below the first mapped value take the first entry, inputs past the
 * end take the last (PS3.3 C.11.1.1.1).
 */
export function lookup(lut: LookupTable): (input: number) => number {
  const last = lut.data.length - 1;
  const first = lut.firstMapped;
  return (input) => {
    const index = Math.floor(input) - first;
    return lut.data[index <= 0 ? 0 : Math.min(index, last)]!;
  };
}
