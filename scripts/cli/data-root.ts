import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../actions/lib/errors.js';
import { checkDataRoot } from '../../actions/lib/regenerate/check-roots.js';
import type { CommandIo } from './command.js';

/** The variable the actions and the CLI both read when --data-root is not given. */
export const DATA_ROOT_ENV = 'CLINICAL_DATA_ROOT';

/**
 * `--data-root DIR`, else $CLINICAL_DATA_ROOT: the folder that holds one subfolder per dataset
 * (DIR/<dataset id>/). A usage error when neither is given or it is not a directory.
 */
export function dataRootOption(io: CommandIo, value: string | undefined): string {
  const given = value ?? (io.env[DATA_ROOT_ENV] || undefined);
  if (given === undefined)
    throw new UsageError(
      `--data-root is required (or set ${DATA_ROOT_ENV}): the folder holding DIR/<dataset id>/`,
    );
  const dir = path.resolve(io.cwd, given);
  const source = value === undefined ? DATA_ROOT_ENV : '--data-root';
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(`data root ${dir} (from ${source}) is not a directory`);
  return dir;
}

/**
 * First the place, given the repository (a data root inside the repository's work tree is refused before anything is read:
 * git could add it), then the contents:
 * a data root that holds none of the datasets' folders (empty, or one dataset's own folder given by
 * mistake), or lacks a folder a `--dataset` names, is a setup error naming what it should hold: not a
 * list of "failed" items.
 */
export async function checkDataRootHolds(
  repoRoot: string | undefined,
  dataRoot: string,
  known: readonly string[],
  wanted: readonly string[] | undefined,
): Promise<void> {
  if (repoRoot) await checkDataRoot(realpathSync(repoRoot), realpathSync(dataRoot), dataRoot);
  const has = (id: string) => statSync(path.join(dataRoot, id), { throwIfNoEntry: false })?.isDirectory();
  const missing = (wanted && wanted.length > 0 ? wanted : []).filter((id) => !has(id));
  if (missing.length > 0)
    throw new UsageError(
      `the data root ${dataRoot} has no folder ${missing.map((d) => `${d}/`).join(', ')} (DIR/<dataset id>/ holds each extracted download; see \`clinical-manifests datasets prepare ID\`)`,
    );
  if (known.length > 0 && !known.some(has))
    throw new UsageError(
      `the data root ${dataRoot} holds none of the dataset folders (expected one or more of ${known.map((d) => `${d}/`).join(', ')}); it is the folder holding one folder per dataset id`,
    );
}
