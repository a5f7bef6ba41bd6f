import os from 'node:os';
import path from 'node:path';
import { datasetDirectory } from '../datasets/dataset-directory.js';
import { datasetLayouts, printableEntry } from '../datasets/dataset-layouts.js';
import { messageOf } from '../errors.js';
import { realDirectory, realpathOnce, resolvesOutside } from '../fs/real-paths.js';
import { applyGroundTruth } from '../labels/ground-truth.js';
import { labelsDrift } from '../labels/lock-labels.js';
import { compareCodeUnits } from '../locks/canonical-json.js';
import { readAllLocks } from '../locks/lock-store.js';
import type { Logger } from '../logger.js';
import { checkDataRoot } from '../regenerate/check-roots.js';
import { HashCache } from '../regenerate/hash-cache.js';
import { HashPool } from '../regenerate/hash-pool.js';
import { resolveRecipeInputs } from '../regenerate/recipe-inputs.js';
import { redactPaths } from '../regenerate/redact-paths.js';
import type { Renderer } from '../regenerate/renderer.js';
import { runPool } from '../regenerate/run-pool.js';
import { videoSlotStages } from '../regenerate/video-slots.js';
import {
  collectWorkItems,
  loadRequests,
  type RejectedSources,
  rejectionReason,
  resolveInside,
  sourceFileOf,
  type WorkItem,
} from '../regenerate/work-items.js';
import { LAYOUT } from '../repository/repository-layout.js';
import type { LockEntry } from '../schema/lock.js';
import { reapplyRedaction } from '../text-scan/reapply-redaction.js';

/** What kind of drift: the lock no longer describes what the data, recipe or outputs give. */
export type DriftKind =
  | 'source'
  | 'source-missing'
  | 'recipe'
  | 'pixels'
  | 'output'
  | 'output-missing'
  | 'render-failed'
  | 'unlocked'
  | 'orphaned'
  | 'layout'
  // Issue 18: labels that do not match their row, or a row revised since it was locked.
  | 'labels';

export interface Drift {
  kind: DriftKind;
  dataset: string;
  output: string;
  source: string;
  message: string;
}

export interface VerifyOptions {
  repoRoot: string;
  dataRoot: string;
  /** When given, every output file is hashed and compared with its entry. */
  outputsDir?: string;
  datasets?: readonly string[];
  /** Called as each locked entry is checked (the CLI draws a progress bar on a terminal). */
  onProgress?: (done: number, total: number) => void;
  /** Re-render each source and compare decoded pixels (default true). */
  render?: boolean;
  renderer: Renderer;
  logger: Logger;
  jobs?: number;
  timeoutMs?: number;
}

export interface VerifyResult {
  /** Entries checked. */
  checked: number;
  drift: Drift[];
}

/** True when `file` and `realRoot` exist and the real path of `file` lies outside it. */
async function escapes(file: string, realRoot: string | Promise<string>): Promise<boolean> {
  try {
    return await resolvesOutside(file, await realRoot);
  } catch {
    return false;
  }
}

/**
 * Recomputes every locked entry from the data and compares: source hash and size (no cache is
 * trusted), recipe hash, decoded pixels, and the output file when an outputs directory is given.
 * Also names outputs the repository asks for that have no entry, and entries nothing asks for.
 * Writes nothing: no lock, no output, no cache.
 */
export async function verifyLocks(options: VerifyOptions): Promise<VerifyResult> {
  const repoRoot = await realDirectory(options.repoRoot, 'repository');
  const dataRoot = await realDirectory(options.dataRoot, 'data root');
  await checkDataRoot(repoRoot, dataRoot, options.dataRoot);
  const outputsDir = options.outputsDir
    ? await realDirectory(options.outputsDir, 'outputs directory')
    : undefined;
  const wanted = options.datasets && options.datasets.length > 0 ? new Set(options.datasets) : undefined;
  const rejected: RejectedSources[] = [];
  let layouts = datasetLayouts();
  let requests: Awaited<ReturnType<typeof loadRequests>> | undefined;
  const [items, locks] = await Promise.all([
    loadRequests(repoRoot).then((loaded) => {
      requests = loaded;
      layouts = datasetLayouts(loaded.datasets);
      return collectWorkItems(loaded, dataRoot, options.datasets, undefined, rejected);
    }),
    readAllLocks(path.join(repoRoot, LAYOUT.locksDir)),
  ]);
  // Recipe inputs (EchoNet tracings, label volumes) hashed afresh: verify trusts no cache.
  await resolveRecipeInputs(items, dataRoot, HashCache.empty());
  // Issue 18: the same picks as regenerate, and every scenario's labels against its row, read afresh.
  await applyGroundTruth(items, requests!, dataRoot);
  const drift: Drift[] = [];
  // Paths that do not follow their layout are counted, never named, and never read.
  for (const r of rejected)
    drift.push({
      kind: 'layout',
      dataset: r.dataset,
      output: r.origin,
      source: '',
      message: rejectionReason(r),
    });
  const asked = new Map<string, WorkItem>(items.map((i) => [`${i.dataset}\0${i.output}`, i]));
  const checks: { dataset: string; entry: LockEntry; item?: WorkItem }[] = [];
  for (const [dataset, locked] of locks) {
    if (wanted && !wanted.has(dataset)) continue;
    let hidden = 0;
    for (const entry of locked.entries.values()) {
      if (!printableEntry(layouts, dataset, entry)) {
        hidden++;
        continue;
      }
      const item = asked.get(`${dataset}\0${entry.output}`);
      checks.push(item ? { dataset, entry, item } : { dataset, entry });
    }
    if (hidden > 0)
      drift.push({
        kind: 'layout',
        dataset,
        output: `${LAYOUT.locksDir}/ (${dataset})`,
        source: '',
        message: `${hidden} lock entr${hidden === 1 ? 'y has paths that do' : 'ies have paths that do'} not follow the ${dataset} layout; not checked (run \`clinical-manifests validate\`)`,
      });
  }
  for (const item of items) {
    if (!locks.get(item.dataset)?.entries.has(item.output)) {
      drift.push({
        kind: 'unlocked',
        dataset: item.dataset,
        output: item.output,
        source: item.source,
        message: 'asked for but has no lock entry',
      });
      // Issue 18: a scenario never locked still has its labels checked.
      if (item.labelsFailure)
        drift.push({
          kind: 'labels',
          dataset: item.dataset,
          output: item.output,
          source: item.source,
          message: item.labelsFailure,
        });
    }
  }
  const jobs = Math.max(1, options.jobs ?? os.availableParallelism());
  const pool = new HashPool(jobs);
  const realDir = realpathOnce();
  const note = (kind: DriftKind, dataset: string, entry: LockEntry, message: string) =>
    drift.push({ kind, dataset, output: entry.output, source: entry.source.path, message });
  let done = 0;
  let settled = 0;
  try {
    const settle = {
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      onSettled: (check: (typeof checks)[number], result: { ok: boolean; error?: unknown }) => {
        options.onProgress?.(++settled, checks.length);
        if (!result.ok)
          note('render-failed', check.dataset, check.entry, `cannot be checked: ${messageOf(result.error)}`);
      },
    };
    const check = async ({ dataset, entry, item }: (typeof checks)[number], signal: AbortSignal) => {
      const labelDrift = item ? labelsDrift(item, entry) : undefined; // issue 18
      if (labelDrift) note('labels', dataset, entry, labelDrift);
      if (!item) note('orphaned', dataset, entry, 'locked, but no scenario or selection asks for it');
      else if (item.recipeSha256 !== entry.recipe_sha256)
        note(
          'recipe',
          dataset,
          entry,
          'the recipe, or a file it reads besides the source, changed since it was locked',
        );
      const sourceFile = sourceFileOf(dataRoot, { dataset, source: entry.source.path });
      // Like regenerate, never read through a link that leads out of the dataset folder.
      const source = (await escapes(sourceFile, realDir(datasetDirectory(dataRoot, dataset))))
        ? Object.assign(new Error('outside'), { code: 'ESCAPE' })
        : await pool.hash(sourceFile).catch((error: NodeJS.ErrnoException) => error);
      if (source instanceof Error) {
        const missing = source.code === 'ENOENT';
        const reason =
          source.code === 'ESCAPE'
            ? 'source resolves outside its dataset folder; not read'
            : `source cannot be read (${source.code ?? 'error'})`;
        note(
          missing ? 'source-missing' : 'source',
          dataset,
          entry,
          missing ? 'source file is missing' : reason,
        );
      } else if (source.sha256 !== entry.source.sha256 || source.size !== entry.source.size) {
        note(
          'source',
          dataset,
          entry,
          `source sha256 ${source.sha256.slice(0, 12)}… (${source.size} bytes), locked ${entry.source.sha256.slice(0, 12)}… (${entry.source.size} bytes)`,
        );
      } else if (options.render !== false && item && item.recipeSha256 === entry.recipe_sha256) {
        try {
          const rendered = await options.renderer.render(sourceFile, item.recipe, {
            dataRoot: datasetDirectory(dataRoot, dataset),
            sourcePath: entry.source.path,
            signal,
            ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
          });
          await reapplyRedaction(rendered, entry, dataset, item.recipe, sourceFile); // issue 16
          if (
            rendered.pixelsSha256 !== entry.pixels_sha256 ||
            rendered.width !== entry.width ||
            rendered.height !== entry.height ||
            rendered.channels !== entry.channels
          ) {
            note(
              'pixels',
              dataset,
              entry,
              `decoded pixels differ (${rendered.width}×${rendered.height}×${rendered.channels}, locked ${entry.width}×${entry.height}×${entry.channels})`,
            );
          }
        } catch (error) {
          const reason = redactPaths(messageOf(error), sourceFile, entry.source.path, dataRoot);
          note('render-failed', dataset, entry, `cannot be rendered again: ${reason}`);
        }
      }
      if (outputsDir) {
        const outputFile = resolveInside(outputsDir, entry.output);
        // outputsDir is a real path already.
        const output = (await escapes(outputFile, outputsDir))
          ? new Error('outside')
          : await pool.hash(outputFile).catch((error: NodeJS.ErrnoException) => error);
        if (output instanceof Error) note('output-missing', dataset, entry, 'output file is missing');
        else if (output.sha256 !== entry.output_sha256)
          note(
            'output',
            dataset,
            entry,
            `output sha256 ${output.sha256.slice(0, 12)}…, locked ${entry.output_sha256.slice(0, 12)}…`,
          );
      }
      if (++done % 500 === 0) options.logger.info(`verified ${done}/${checks.length}`);
    };
    // Clips the renderer can group get more slots (see videoSlotStages).
    const recipeOf = (c: (typeof checks)[number]) => (options.render === false ? undefined : c.item?.recipe);
    for (const stage of videoSlotStages(checks, recipeOf, jobs))
      await runPool(stage.items, { ...settle, concurrency: stage.concurrency }, check);
  } finally {
    await pool.close();
  }
  drift.sort((a, b) => compareCodeUnits(a.output, b.output) || compareCodeUnits(a.kind, b.kind));
  return { checked: checks.length, drift };
}
