/**
 * DICOM → 8-bit pixels, following DESIGN.md "Processing semantics (DICOM)": stored values (unused
 * bits masked, sign-extended) → Modality LUT → VOI → MONOCHROME1 inverted; colour to RGB.
 */
import { InputError, UsageError } from '../errors.js';
import type { RenderedImage } from '../render/rendered-image.js';
import { CT_PRESETS, type CtPreset } from '../schema/ct-presets.js';
import { renderColour } from './colour.js';
import { decodeFrame } from './decode-frame.js';
import { withFunctionalGroups } from './functional-groups.js';
import { renderGrey } from './grey.js';
import { readPixelModule } from './pixel-module.js';
import { DEFAULT_DICOM_LIMITS, type DicomLimits, guardParser, readDicom } from './read-dicom.js';

/** How to render: which frame, and an explicit window or CT preset instead of the file's own VOI. */
export interface RenderDicomOptions {
  /** 0-based frame index (default 0). */
  frame?: number;
  /** Explicit VOI window, LINEAR function. Mutually exclusive with `preset`. */
  window?: { center: number; width: number };
  /** A named CT window (see CT_PRESETS). Mutually exclusive with `window`. */
  preset?: CtPreset;
  /** Memory limits; defaults are DEFAULT_DICOM_LIMITS. */
  limits?: Partial<DicomLimits>;
}

/**
 * Renders one frame of a DICOM file to 8-bit grey or RGB pixels. Bad input throws InputError with a
 * 'dicom/…' code and a message that names the file and the reason, never an element value; bad
 * options throw UsageError.
 */
export async function renderDicom(file: string, options: RenderDicomOptions = {}): Promise<RenderedImage> {
  const { window, preset } = options;
  if (window && preset) throw new UsageError('give either a window or a preset, not both');
  if (preset !== undefined && !Object.hasOwn(CT_PRESETS, preset)) {
    throw new UsageError(`unknown CT preset "${preset}"`);
  }
  if (window && !(Number.isFinite(window.center) && Number.isFinite(window.width) && window.width >= 1)) {
    throw new UsageError('a window needs a finite center and a width of at least 1');
  }
  const frameIndex = options.frame ?? 0;
  if (!Number.isInteger(frameIndex) || frameIndex < 0)
    throw new UsageError('the frame must be a whole number ≥ 0');

  const limits = { ...DEFAULT_DICOM_LIMITS, ...options.limits };
  const { dataSet, transferSyntax } = await readDicom(file, limits);
  const { elements } = dataSet;
  if (!elements.x7fe00010 && !elements.x7fe00008 && !elements.x7fe00009) {
    // Said first: a structured report, RT plan or DICOMDIR is not an image with missing attributes.
    throw new InputError('dicom/no-pixel-data', file, 'the file has no Pixel Data (7FE0,0010): not an image');
  }
  const module = guardParser(file, () =>
    withFunctionalGroups(readPixelModule(file, dataSet, limits), dataSet, frameIndex),
  );
  const frame = await decodeFrame(file, dataSet, module, transferSyntax, frameIndex);
  const colour = module.samplesPerPixel === 3 || module.photometric === 'PALETTE COLOR';
  const result = colour ? renderColour(frame, module) : renderGrey(frame, module, { window, preset });
  const expected = module.rows * module.columns * (colour ? 3 : 1);
  if (result.data.length !== expected) {
    throw new InputError('dicom/decode-failed', file, 'the decoded frame has the wrong size');
  }
  return {
    width: module.columns,
    height: module.rows,
    channels: colour ? 3 : 1,
    data: result.data,
    resolved: { frame: frameIndex, ...result.resolved },
    burnedInAnnotation: module.burnedInAnnotation,
  };
}
