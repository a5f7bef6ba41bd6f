/** Where a render runs: the dataset root (for annotations and segmentations), limits, cancellation. */
export interface RenderContext {
  /** Root of the extracted dataset, e.g. the folder holding `EchoNet-Dynamic/`. */
  dataRoot?: string;
  /** The source path relative to the dataset root, when known (recorded, never used to read). */
  sourcePath?: string;
  signal?: AbortSignal;
  /** Per external process (ffmpeg) timeout; default 120 s. */
  timeoutMs?: number;
}

/** Largest output a renderer will allocate: 40 000 × 40 000 pixels would already be 1.6 GB of RGB. */
export const MAX_OUTPUT_PIXELS = 268_402_689; // libvips' own default limit (16383²)
