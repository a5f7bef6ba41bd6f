/**
 * Bugs the robustness corpus found in other engineers' code, kept out of the main loops until fixed
 * (each has its own skipped test that states the expected behaviour). Remove an entry when fixed.
 */
export interface KnownBug {
  id: string;
  /** Corpus case names this bug affects. */
  cases: RegExp;
  file: string;
  symptom: string;
}

export const KNOWN_BUGS: readonly KnownBug[] = [
  {
    id: 'BUG-1',
    cases: /^((rows|columns)-65535-|cut-stream-).*(rle|RLE)/,
    file: 'actions/lib/dicom/codecs/rle.ts',
    symptom: 'an RLE segment shorter than Rows × Columns is zero-filled: a cut stream renders as an image',
  },
  {
    id: 'BUG-2',
    cases: /^cut-stream-(JPEG-lossy|lossless-sv1-CT_small)-\d/,
    file: 'actions/lib/dicom/decode-frame.ts (jpeg12.ts, jpeg-lossless.ts)',
    symptom: 'a JPEG Extended or JPEG Lossless stream cut short (no EOI) decodes to a partly made-up image',
  },
  {
    id: 'BUG-3',
    cases: /^cut-stream-MR_small_jpeg_ls_lossless-\d/,
    file: 'actions/lib/dicom/codecs/jpeg-ls.ts',
    symptom: 'a JPEG-LS stream cut to 25 % or 50 % keeps CharLS busy 15–20 s per frame (a near-hang)',
  },
  {
    id: 'BUG-4',
    cases: /^length-past-end-ct-implicit-le-7fe00010$/,
    file: 'actions/lib/dicom/read-dicom.ts',
    symptom: 'in implicit VR, a Pixel Data length past the end of the file is not reported as truncation',
  },
  {
    id: 'BUG-5',
    cases: /^hdf5:flipped-(54|63|72|81|90|99|108|117)\.h5$/,
    file: 'actions/lib/render/hdf5/open-h5.ts (withH5File)',
    symptom:
      'an HDF5 file with a damaged object header opens, then h5.get() throws a plain Error (HDF5-DIAG stack, 15 lines): untyped, and up to 4 s',
  },
  {
    id: 'BUG-6',
    cases: /^nifti:affine-nan$/,
    file: 'actions/lib/render/nifti/nifti-orientation.ts',
    symptom:
      'a NIfTI sform of NaNs crashes with TypeError "Cannot read properties of undefined (reading \'-1\')"',
  },
  {
    id: 'BUG-7',
    cases: /^manifest:(nested-100000|nested-objects-5000)$/,
    file: 'actions/lib/validate/rules/phi.ts (walkStrings)',
    symptom:
      'a content file nested thousands of levels deep: RangeError (call stack) out of validateRepository after the depth finding',
  },
  {
    id: 'BUG-8',
    cases: /^path:nul-byte$/,
    file: 'actions/lib/schema/scenario.ts (relative path check) and actions/lib/regenerate/work-items.ts (assertInside)',
    symptom:
      'a scenario source path with a NUL byte passes the schema; regenerate exits 2 with "internal error: The argument \'path\' must be … without null bytes" and prints the absolute data-root path',
  },
];

/** The bug that explains a corpus case's failure, if it is a known one. */
export function knownBug(name: string): KnownBug | undefined {
  return KNOWN_BUGS.find((bug) => bug.cases.test(name));
}
