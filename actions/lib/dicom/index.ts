/**
 * The DICOM part of the image engine: render a frame to 8-bit pixels (renderDicom) and write Part 10
 * files for tests and synthetic data (writeDicom, encodeDicom).
 */
export { DEFAULT_DICOM_LIMITS, type DicomLimits } from './read-dicom.js';
export { type RenderDicomOptions, renderDicom } from './render-dicom.js';
export { describeTransferSyntax, lookupTransferSyntax, type TransferSyntax } from './transfer-syntaxes.js';
export {
  type DicomElement,
  type DicomItems,
  type DicomKeyword,
  type DicomValue,
  type DicomWriteInput,
  type EncapsulatedFrames,
  encodeDicom,
  type NumericArray,
  type Vr,
  WRITABLE_TRANSFER_SYNTAX_UIDS,
  type WritableTransferSyntax,
  writeDicom,
} from './write-dicom.js';
