/** Shorthands for attempts: one file in one commit is the commonest pull request. */
import type { Attempt } from '../attempt.js';
import type { Payloads } from '../payloads.js';

/** One commit adding `file` with the bytes `data(payloads)`. */
export function addFile(
  cls: string,
  variant: string,
  file: string,
  data: (p: Payloads) => Buffer | string,
  proof?: string,
): Attempt {
  return {
    id: `${cls}/${variant}`,
    cls,
    files: [file],
    async build(repo, p) {
      await repo.write(file, data(p));
      await repo.commit(`add ${variant}`);
    },
    proof,
  };
}

/** Python literal of a path (proofs embed it). */
export const py = (s: string) => JSON.stringify(s);
