/**
 * Bench for issue 14: the guard on a pull request of N commits over a copy of this repository, judged
 * as the guard action judges it (base..head, every blob of every commit, policy from the base).
 * Ordinary edits only: scenario JSON, README lines, new dataset manifests, notes, a side branch merged
 * in every 50 commits. Target: under 10 s for 200 commits on 2 cores. Anchor: the guard on the work
 * tree alone (no history), in the same run.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { countFindings } from '../../actions/lib/findings/finding.js';
import { runGuard } from '../../actions/lib/guard/run-guard.js';
import { runGit } from '../../actions/lib/tools/run-git.js';
import type { BenchResult } from './bench-result.js';
import { run, timeMs, withTempDir } from './bench-util.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const TARGET_SECONDS = 10;

const git = (root: string, args: string[]) =>
  runGit(root, [
    '-c',
    'user.name=Bench',
    '-c',
    'user.email=bench@example.com',
    '-c',
    'commit.gpgsign=false',
    ...args,
  ]);

/** This repository's committed tree (HEAD), unpacked into `dir` and committed there as the base. */
async function copyRepository(dir: string): Promise<string> {
  const tar = path.join(dir, '..', `${path.basename(dir)}.tar`);
  await run('git', ['-C', REPO_ROOT, 'archive', '--format=tar', '-o', tar, 'HEAD']);
  await mkdir(dir, { recursive: true });
  await run('tar', ['-xf', tar, '-C', dir]);
  await git(dir, ['init', '-q', '-b', 'main']);
  await git(dir, ['add', '-A']);
  await git(dir, ['commit', '-q', '-m', 'base']);
  return (await git(dir, ['rev-parse', 'HEAD'])).trim();
}

async function editJsonFile(file: string, edit: (value: Record<string, unknown>) => void): Promise<void> {
  const value = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  edit(value);
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** One ordinary edit, by turn: what contributors to this repository change. */
async function ordinaryEdit(root: string, i: number, scenarios: string[], manifest: string): Promise<void> {
  switch (i % 5) {
    case 0:
      await editJsonFile(path.join(root, 'scenarios', scenarios[i % scenarios.length]!), (s) => {
        s.ground_truth = `Reviewed wording, revision ${i}.`;
      });
      break;
    case 1: {
      const readme = path.join(root, 'README.md');
      await writeFile(readme, `${await readFile(readme, 'utf8')}\nNote ${i}: wording clarified.\n`);
      break;
    }
    case 2:
      await editJsonFile(path.join(root, 'manifests/datasets', manifest), (d) => {
        d.id = `bench-dataset-${i}`;
      });
      await writeFile(
        path.join(root, 'manifests/datasets', `bench-dataset-${i}.json`),
        await readFile(path.join(root, 'manifests/datasets', manifest)),
      );
      await git(root, ['checkout', '-q', '--', `manifests/datasets/${manifest}`]);
      break;
    case 3:
      await mkdir(path.join(root, 'docs'), { recursive: true });
      await writeFile(path.join(root, 'docs', `notes-${i % 7}.md`), `# Notes\n\nRevision ${i}.\n`);
      break;
    default:
      await editJsonFile(path.join(root, 'scenarios', scenarios[(i * 3) % scenarios.length]!), (s) => {
        s.description = `Described again in commit ${i}.`;
      });
  }
}

/** Builds the pull request: `commits` commits on a branch, with a side branch merged every 50. */
async function buildPullRequest(root: string, commits: number): Promise<void> {
  const scenarios = (await git(root, ['ls-files', 'scenarios']))
    .split('\n')
    .filter((f) => /^scenarios\/[^/]+\.json$/.test(f))
    .map((f) => f.slice('scenarios/'.length));
  const manifest = (await git(root, ['ls-files', 'manifests/datasets']))
    .split('\n')
    .find((f) => f.endsWith('.json'))!
    .slice('manifests/datasets/'.length);
  await git(root, ['checkout', '-q', '-b', 'feature']);
  let made = 0;
  while (made < commits) {
    if (made > 0 && made % 50 === 0 && made + 2 <= commits) {
      await git(root, ['checkout', '-q', '-b', `side-${made}`]);
      await mkdir(path.join(root, 'docs'), { recursive: true });
      await writeFile(path.join(root, `docs/side-${made}.md`), `Side branch ${made}.\n`);
      await git(root, ['add', '-A']);
      await git(root, ['commit', '-q', '-m', `side ${made}`]);
      await git(root, ['checkout', '-q', 'feature']);
      await ordinaryEdit(root, made + 1, scenarios, manifest);
      await git(root, ['commit', '-q', '-am', `edit ${made + 1}`]);
      await git(root, ['merge', '-q', '--no-edit', `side-${made}`]);
      made += 3;
      continue;
    }
    await ordinaryEdit(root, made, scenarios, manifest);
    await git(root, ['add', '-A']);
    await git(root, ['commit', '-q', '--allow-empty', '-m', `edit ${made}`]);
    made++;
  }
}

export async function benchGuardHistory(options: { commits: number }): Promise<BenchResult> {
  return withTempDir('guard-history', async (dir) => {
    const root = path.join(dir, 'repo');
    const base = await copyRepository(root);
    await buildPullRequest(root, options.commits);
    const event = { repository: { private: true, default_branch: 'main' } };
    let history: Awaited<ReturnType<typeof runGuard>> | undefined;
    const ms = await timeMs(async () => {
      history = await runGuard({ root, base, head: 'HEAD', event });
    });
    let tree: Awaited<ReturnType<typeof runGuard>> | undefined;
    const treeMs = await timeMs(async () => {
      tree = await runGuard({ root, event });
    });
    const counts = countFindings(history!.findings);
    const seconds = ms / 1000;
    return {
      id: 'guard-history',
      title: `Guard on a pull request of ${history!.commits} commits (base..head)`,
      value: seconds,
      unit: 's',
      anchor: { name: 'guard on the work tree alone', value: treeMs / 1000, unit: 's' },
      ratio: ms / treeMs,
      target: `< ${TARGET_SECONDS} s for 200 commits`,
      met: seconds < TARGET_SECONDS && counts.errors === 0 && counts.warnings === 0,
      notes: [
        `${history!.scannedFiles} blobs new to the base read by content; ${tree!.scannedFiles} files for the work tree`,
        `${counts.errors} errors and ${counts.warnings} warnings on ordinary edits (must be 0)`,
      ],
    };
  });
}
