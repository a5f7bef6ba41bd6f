import { existsSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { inputReader } from '../lib/action/inputs.js';
import { capSummary } from '../lib/action/summary-cap.js';
import { messageOf } from '../lib/errors.js';
import { mergeLockTrees } from '../lib/locks/merge-lock-trees.js';
import type { Logger } from '../lib/logger.js';
import { commitMergedLocks } from '../lib/regenerate/commit-merge.js';
import { createDefaultRenderer } from '../lib/regenerate/default-renderer.js';
import { resultMarkdown } from '../lib/regenerate/format-report.js';
import { PublishError, publishCommit } from '../lib/regenerate/publish.js';
import { regenerate } from '../lib/regenerate/regenerate.js';
import { parseWorkShare } from '../lib/regenerate/work-share.js';

const logger: Logger = { info: core.info, warn: core.warning, debug: core.debug };

function list(input: string): string[] {
  return input
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const input = inputReader((name) => core.getInput(name));

/** Writes what the summary holds so far, cut below the runner's 1 MiB limit. */
async function writeSummary(): Promise<void> {
  const text = core.summary.stringify();
  core.summary.emptyBuffer();
  await core.summary
    .addRaw(
      capSummary(text, (cut) => `…summary cut here (${cut} bytes left out); the step log has every item.`),
    )
    .write();
}

/**
 * Pushes HEAD and opens or updates the pull request (its title the commit message's first line), or
 * pushes to the default branch.
 */
async function publish(repoRoot: string, mode: 'pull-request' | 'push', message: string): Promise<void> {
  const token = core.getInput('token', { required: true });
  core.setSecret(token);
  let result: Awaited<ReturnType<typeof publishCommit>>;
  try {
    result = await publishCommit({
      repoRoot,
      mode,
      token,
      repository: process.env.GITHUB_REPOSITORY ?? '',
      serverUrl: process.env.GITHUB_SERVER_URL ?? 'https://github.com',
      apiUrl: process.env.GITHUB_API_URL ?? 'https://api.github.com',
      baseBranch: core.getInput('base-branch') || process.env.GITHUB_REF_NAME || 'main',
      branch: core.getInput('branch') || 'clinical-manifests/regenerate-locks',
      title: message.split('\n')[0]!,
      body: message,
      logger,
    });
  } catch (error) {
    // The branch is pushed even when the pull request is refused: say so, and where it is.
    if (error instanceof PublishError) {
      core.setOutput('pushed-ref', error.ref);
      core.summary.addRaw(`\n**Pull request not opened.** ${error.message}\n`);
    }
    throw error;
  }
  core.setOutput('pushed-ref', result.ref);
  if (result.pullRequest) {
    core.setOutput('pull-request', result.pullRequest.number);
    core.summary.addRaw(
      `Pull request: ${result.pullRequest.url} (${result.pullRequest.created ? 'opened' : 'updated'}).\n`,
    );
  }
}

/** The data-root input, else the runner's CLINICAL_DATA_ROOT (so no data path sits in a workflow). */
function dataRoot(): string {
  const value = core.getInput('data-root') || process.env.CLINICAL_DATA_ROOT;
  if (!value)
    throw new Error(
      'Input required and not supplied: data-root (or CLINICAL_DATA_ROOT in the runner environment)',
    );
  return value;
}

/** Reads inputs, regenerates (or merges shard locks), commits, publishes, and writes the job summary. */
async function regenerateAction(): Promise<void> {
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const repoRoot = path.resolve(workspace, input.string('repo-path', '.'));
  const mode = input.choice('mode', ['regenerate', 'merge'] as const, 'regenerate');
  const commit = input.choice('commit', ['none', 'local'] as const, 'none');
  const publishMode = input.choice('publish', ['none', 'pull-request', 'push'] as const, 'none');
  const force = input.boolean('force', false);
  const failOnItems = input.boolean('fail-on-failed-items', true);
  const jobs = input.integer('jobs', undefined, { min: 1 });
  if (publishMode !== 'none' && commit !== 'local') throw new Error('Input publish needs commit: local');

  if (mode === 'merge') {
    // A shard that failed before handing over its locks has no directory: its outputs keep the base's entries.
    const dirs = list(core.getInput('merge-from', { required: true }))
      .map((d) => path.resolve(workspace, d))
      .filter((d) => {
        if (existsSync(d)) return true;
        core.warning(`no shard locks at ${d}; that shard's entries stay as they were`);
        return false;
      });
    if (dirs.length === 0) throw new Error('no shard locks to merge');
    const merged = await mergeLockTrees(repoRoot, dirs);
    for (const c of merged.conflicts) core.error(c);
    const lines = [
      '## Merge shard locks',
      '',
      '| dataset | added | changed | removed | unchanged |',
      '| --- | ---: | ---: | ---: | ---: |',
    ];
    for (const d of merged.datasets)
      lines.push(
        `| ${d.dataset} | ${d.counts.added} | ${d.counts.changed} | ${d.counts.removed} | ${d.counts.unchanged} |`,
      );
    core.summary.addRaw(`${lines.join('\n')}\n\n`);
    if (merged.conflicts.length > 0) {
      await writeSummary();
      core.setFailed(`${merged.conflicts.length} conflicting shard entries; nothing merged`);
      return;
    }
    const done = commit === 'local' ? await commitMergedLocks(repoRoot, merged, dirs.length) : {};
    core.setOutput('changed', String(merged.written.length + merged.removed.length > 0));
    if (done.commit) {
      core.setOutput('commit', done.commit);
      if (publishMode !== 'none') await publish(repoRoot, publishMode, done.message!);
    }
    return;
  }

  const shard = core.getInput('shard');
  const renderer = createDefaultRenderer(jobs);
  const result = await regenerate({
    repoRoot,
    dataRoot: path.resolve(workspace, dataRoot()),
    ...(core.getInput('out-dir') ? { outDir: path.resolve(workspace, core.getInput('out-dir')) } : {}),
    datasets: list(core.getInput('datasets')),
    ...(shard ? { share: parseWorkShare(shard) } : {}),
    ...(jobs ? { jobs } : {}),
    force,
    commit,
    renderer,
    logger,
  }).finally(() => renderer.close?.());
  for (const f of result.failures.slice(0, 50))
    core.warning(`${f.output}: ${f.reason}`, { title: 'regenerate: item failed' });
  core.summary.addRaw(resultMarkdown(result, shard ? `Regenerate (shard ${shard})` : 'Regenerate'));
  core.setOutput('changed', String(result.locksWritten.length + result.locksRemoved.length > 0));
  core.setOutput('failed', result.failures.length);
  if (result.commit) {
    core.setOutput('commit', result.commit);
    if (publishMode !== 'none') await publish(repoRoot, publishMode, result.commitMessage!);
  }
  if (result.failures.length > 0 && failOnItems) {
    core.setFailed(`${result.failures.length} item(s) failed; their old lock entries were kept`);
  }
}

/**
 * The action's entry point (index.ts and @github/local-action call it): never throws, fails the step
 * instead, and writes the summary gathered so far whatever happened (a refused pull request included).
 */
export async function run(): Promise<void> {
  try {
    await regenerateAction();
  } catch (error) {
    core.setFailed(messageOf(error));
  } finally {
    await writeSummary().catch((error: unknown) =>
      core.warning(`job summary not written: ${messageOf(error)}`),
    );
  }
}
