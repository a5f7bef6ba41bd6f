import type { FieldChange } from './json-diff.js';

/** A scenario as the review names it. */
export interface ScenarioRef {
  id: string;
  file: string;
  /** The licensed dataset its real source comes from, if any. */
  dataset?: string;
}

export interface ScenarioChange extends ScenarioRef {
  /** Set when the file moved (same id). */
  previousFile?: string;
  fields: FieldChange[];
}

/** Why a processed image (or the committed synthetic one) must be made again. */
export interface RegenerationNeed {
  scenario: string;
  file: string;
  reason: string;
}

/** A dataset that the change starts using, with what a reviewer must check about it. */
export interface DatasetUse {
  id: string;
  title?: string;
  file?: string;
  acknowledgement: 'present' | 'missing';
  doi: string | null;
  doiMissingReason?: string;
  references: number;
  licence?: string;
  /** Every term with its answer, as the manifest states it. */
  terms: Record<string, string>;
  /** Terms answered `prohibited`, `requires-agreement` or `unknown`. */
  termsNeedingAttention: string[];
  /** When the dataset has no manifest at all in the change. */
  missingManifest?: boolean;
}

export interface DatasetChange {
  id: string;
  file: string;
  change: 'added' | 'removed' | 'changed';
  fields: FieldChange[];
  /** Licence or terms fields changed: a reviewer should read these twice. */
  termsChanged: boolean;
}

/** What changed in one lock file: entry counts by output path, never hashes or paths themselves. */
export interface LockChange {
  file: string;
  dataset?: string;
  change: 'added' | 'removed' | 'changed';
  entriesAdded: number;
  entriesRemoved: number;
  entriesChanged: number;
  /** The tool versions that produced the entries changed. */
  toolsChanged: boolean;
}

/** A file the review could not read as JSON on one side. */
export interface UnreadableFile {
  file: string;
  side: 'base' | 'head';
  reason: string;
}

/** The semantic difference between a base revision and the work tree. */
export interface ReviewReport {
  base: string;
  scenarios: { added: ScenarioRef[]; removed: ScenarioRef[]; changed: ScenarioChange[] };
  regeneration: RegenerationNeed[];
  datasetsNewlyUsed: DatasetUse[];
  datasets: DatasetChange[];
  policy: FieldChange[];
  locks: LockChange[];
  unreadable: UnreadableFile[];
}

/** True when the report has nothing to say. */
export function isEmptyReview(report: ReviewReport): boolean {
  const s = report.scenarios;
  return (
    s.added.length +
      s.removed.length +
      s.changed.length +
      report.datasets.length +
      report.policy.length +
      report.locks.length +
      report.unreadable.length ===
    0
  );
}
