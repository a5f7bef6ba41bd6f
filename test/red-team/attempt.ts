/** One red-team attempt: a pull request made by code, what a finding must name, and how its payload comes back out. */
import type { Payloads } from './payloads.js';
import type { PrRepo } from './pr-repo.js';

/** Values that identify the fake patient: none may appear in any output of the checks. */
export const PHI = {
  name: 'ZARQUON^WILHELMINA',
  family: 'ZARQUON',
  given: 'WILHELMINA',
  mrn: '48213977',
  birthDate: '19470312',
} as const;

/** Every marker searched for in the checks' stdout and stderr. */
export const PHI_MARKERS = [PHI.family, PHI.given, PHI.mrn, PHI.birthDate];

export interface Attempt {
  /** `class/variant`, unique. */
  id: string;
  /** The class of the list it belongs to (the report's row). */
  cls: string;
  /** Files of the pull request; caught = an error finding naming one of them (all of them with `requireAll`). */
  files: string[];
  requireAll?: boolean;
  /** Makes the pull request's commits on branch `pr` (the repository starts on `pr` = `main`). */
  build(repo: PrRepo, payloads: Payloads): Promise<void>;
  /**
   * Python run in the attempt's repository after the checks (cwd = repository) that raises unless the
   * payload comes back out with a standard tool; helpers: sh(), dicom_ok(), image_ok(), read().
   * Omitted only where no standard tool exists (the report counts those).
   */
  proof?: string;
  /** Per-attempt timeout of each check; a hang is a check still running then. */
  timeoutMs?: number;
}

/** An attempt factory for class `cls`: `variant` becomes the id `cls/variant`. */
export function attemptsOf(cls: string) {
  return (variant: string, files: string[], build: Attempt['build'], proof: string): Attempt => ({
    id: `${cls}/${variant}`,
    cls,
    files,
    build,
    proof,
  });
}

/** An ordinary pull request: the checks must find nothing new. */
export interface OrdinaryPr {
  id: string;
  build(repo: PrRepo, payloads: Payloads): Promise<void>;
}
