/**
 * The DICOM part of the image engine: render a frame to 8-bit pixels (renderDicom). The Part 10
 * writer for tests and synthetic data lives in synth/dicom/write-dicom.ts.
 */
export { DEFAULT_DICOM_LIMITS, type DicomLimits } from './read-dicom.js';
export { type RenderDicomOptions, renderDicom } from './render-dicom.js';
export { describeTransferSyntax, lookupTransferSyntax, type TransferSyntax } from './transfer-syntaxes.js';
