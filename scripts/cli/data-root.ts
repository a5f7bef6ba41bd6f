import { statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../actions/lib/errors.js';
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
 * A data root that holds none of the datasets' folders (empty, or one dataset's own folder given by
 * mistake), or lacks a folder a `--dataset` names, is a setup error naming what it should hold: not a
 * list of "failed" items.
 */
export function checkDataRootHolds(
  dataRoot: string,
  known: readonly string[],
  wanted: readonly string[] | undefined,
): void {
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
