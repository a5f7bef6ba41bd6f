import { existsSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { mergeLockTrees } from '../lib/locks/merge-lock-trees.js';
import type { Logger } from '../lib/logger.js';
import { commitMergedLocks } from '../lib/regenerate/commit-merge.js';
import { createDefaultRenderer } from '../lib/regenerate/default-renderer.js';
import { resultMarkdown } from '../lib/regenerate/format-report.js';
import { publishCommit } from '../lib/regenerate/publish.js';
import { regenerate } from '../lib/regenerate/regenerate.js';
import { parseWorkShare } from '../lib/regenerate/work-share.js';

const logger: Logger = { info: core.info, warn: core.warning, debug: core.debug };

function list(input: string): string[] {
  return input
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const value = core.getInput(name) || fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw new Error(`Input ${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

/**
 * Pushes HEAD and opens or updates the pull request (its title the commit message's first line), or
 * pushes to the default branch.
 */
async function publish(repoRoot: string, mode: 'pull-request' | 'push', message: string): Promise<void> {
  const token = core.getInput('token', { required: true });
  core.setSecret(token);
  const result = await publishCommit({
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
async function run(): Promise<void> {
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const repoRoot = path.resolve(workspace, core.getInput('repo-path') || '.');
  const mode = choice('mode', ['regenerate', 'merge'] as const, 'regenerate');
  const commit = choice('commit', ['none', 'local'] as const, 'none');
  const publishMode = choice('publish', ['none', 'pull-request', 'push'] as const, 'none');
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
      await core.summary.write();
      core.setFailed(`${merged.conflicts.length} conflicting shard entries; nothing merged`);
      return;
    }
    const done = commit === 'local' ? await commitMergedLocks(repoRoot, merged, dirs.length) : {};
    core.setOutput('changed', String(merged.written.length + merged.removed.length > 0));
    if (done.commit) {
      core.setOutput('commit', done.commit);
      if (publishMode !== 'none') await publish(repoRoot, publishMode, done.message!);
    }
    await core.summary.write();
    return;
  }

  const jobs = jobsInput(core.getInput('jobs'));
  const shard = core.getInput('shard');
  const renderer = createDefaultRenderer(jobs);
  const result = await regenerate({
    repoRoot,
    dataRoot: path.resolve(workspace, dataRoot()),
    ...(core.getInput('out-dir') ? { outDir: path.resolve(workspace, core.getInput('out-dir')) } : {}),
    datasets: list(core.getInput('datasets')),
    ...(shard ? { share: parseWorkShare(shard) } : {}),
    ...(jobs ? { jobs } : {}),
    force: core.getInput('force') === 'true',
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
  await core.summary.write();
  const failOnItems = core.getInput('fail-on-failed-items') !== 'false';
  if (result.failures.length > 0 && failOnItems) {
    core.setFailed(`${result.failures.length} item(s) failed; their old lock entries were kept`);
  }
}

/** The `jobs` input: empty for the default, else a whole number ≥ 1 (NaN or 0 would start no workers). */
function jobsInput(text: string): number | undefined {
  if (text === '') return undefined;
  const jobs = Number(text);
  if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`jobs must be a whole number ≥ 1 (got "${text}")`);
  return jobs;
}

run().catch((error: unknown) => core.setFailed(error instanceof Error ? error.message : String(error)));
