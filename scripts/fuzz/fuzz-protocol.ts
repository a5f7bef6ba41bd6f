/** Messages between run-fuzz.ts and its workers. */

/** What a worker needs to make any case: the run's seed, the seed files, a private repository copy. */
export interface WorkerSetup {
  seed: number;
  seedFiles: string[];
  /** Valid HDF5 and NIfTI files (named *.h5, *.nii, *.nii.gz). */
  volumeSeedFiles: string[];
  repoCopy: string;
  /** The harness's bound per case; external processes get a fraction of it. */
  timeBoundMs: number;
}

/** One case's answer. `crash`: a throw other than a clean InputError; `leak`: PHI in an error. */
export interface CaseResult {
  index: number;
  outcome: { status: 'image' | 'error' | 'crash' | 'leak'; detail: string };
  ms: number;
  rss: number;
}
