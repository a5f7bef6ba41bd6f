/**
 * Bugs the robustness corpus found in other engineers' code. An open one goes into KNOWN_BUGS: the
 * corpus loops skip its cases and a skipped test states the expected behaviour. Once fixed it moves
 * to FIXED_BUGS, whose cases run in the loops and again as a named regression test.
 */
export interface KnownBug {
  id: string;
  /** Corpus case names this bug affects. */
  cases: RegExp;
  file: string;
  symptom: string;
}

/** Open bugs (none at the moment). */
export const KNOWN_BUGS: readonly KnownBug[] = [];

/** Fixed in 39f5a89 (BUG-5..9 earlier, in their owners' commits; their cases need no list). */
export const FIXED_BUGS: readonly KnownBug[] = [
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
    id: 'BUG-11',
    cases: /^many-elements-/,
    file: 'actions/lib/dicom/read-dicom.ts',
    symptom:
      'no bound on the element count: 3 M empty private elements (a 24 MB file) take 12 s and 900 MB; ~160 MB of them abort the process (heap OOM, exit 134)',
  },
];

/** The bug that explains a corpus case's failure, if it is a known one. */
export function knownBug(name: string): KnownBug | undefined {
  return KNOWN_BUGS.find((bug) => bug.cases.test(name));
}
