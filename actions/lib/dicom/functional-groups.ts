/**
 * Enhanced multi-frame objects (Enhanced CT/MR/…, PS3.3 C.7.6.16) keep rescale and window per frame
 * in functional groups, not at the top level: Pixel Value Transformation (0028,9145) and Frame VOI
 * LUT (0028,9132), in the frame's Per-Frame Functional Groups item or else the Shared one.
 */
import type { DataSet } from 'dicom-parser';
import type { PixelModule, VoiLutFunction } from './pixel-module.js';

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
    result.rescaleSlope = finite(transformation, 'x00281053') || 1;
    result.rescaleIntercept = finite(transformation, 'x00281052') ?? 0;
  }
  if (voi) {
    const center = finite(voi, 'x00281050');
    const width = finite(voi, 'x00281051');
    if (center !== undefined && width !== undefined) {
      result.window = { center, width };
      const fn = (voi.string('x00281056') ?? '').trim().toUpperCase();
      result.voiLutFunction = (fn === 'LINEAR_EXACT' || fn === 'SIGMOID' ? fn : 'LINEAR') as VoiLutFunction;
    }
  }
  return result;
}

function finite(dataSet: DataSet, tag: string): number | undefined {
  if (!dataSet.elements[tag]?.length) return undefined;
  const value = dataSet.floatString(tag, 0);
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}
