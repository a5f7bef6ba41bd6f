/**
 * Enhanced multi-frame objects (Enhanced CT/MR/…, PS3.3 C.7.6.16) keep rescale and window per frame
 * in functional groups, not at the top level: Pixel Value Transformation (0028,9145) and Frame VOI
 * LUT (0028,9132), in the frame's Per-Frame Functional Groups item or else the Shared one.
 */
import type { DataSet } from 'dicom-parser';
import { finiteNumber, type PixelModule, readVoiLutFunction } from './pixel-module.js';

/** The pixel module with frame `frame`'s functional-group rescale and window applied. */
export function withFunctionalGroups(module: PixelModule, dataSet: DataSet, frame: number): PixelModule {
  const perFrame = dataSet.elements.x52009230?.items?.[frame]?.dataSet;
  const shared = dataSet.elements.x52009229?.items?.[0]?.dataSet;
  const macro = (tag: string) =>
    perFrame?.elements[tag]?.items?.[0]?.dataSet ?? shared?.elements[tag]?.items?.[0]?.dataSet;
  const transformation = macro('x00289145');
  const voi = macro('x00289132');
  if (!transformation && !voi) return module;
  const result = { ...module };
  if (transformation) {
    result.rescaleSlope = finiteNumber(transformation, 'x00281053') || 1;
    result.rescaleIntercept = finiteNumber(transformation, 'x00281052') ?? 0;
  }
  if (voi) {
    const center = finiteNumber(voi, 'x00281050');
    const width = finiteNumber(voi, 'x00281051');
    if (center !== undefined && width !== undefined) {
      result.window = { center, width };
      result.voiLutFunction = readVoiLutFunction(voi);
    }
  }
  return result;
}
