/** Writes workflow and action files into a temporary repository and runs the workflow policy on them. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Finding } from '../../actions/lib/findings/finding.js';
import { checkWorkflowFiles } from '../../actions/lib/workflow-policy/check-workflow-files.js';

export const CONTEXT = { defaultBranches: ['main'], protectedDirs: ['outputs', 'data'] };

/** The lines every test workflow starts with after `on:`: read-only token, one run at a time. */
export const HEADER = 'permissions:\n  contents: read\nconcurrency: x\n';

/** The condition the policy recommends for self-hosted jobs, as a YAML line of a job. */
export const DEFAULT_BRANCH_IF =
  "    if: github.event_name == 'schedule' || github.ref == format('refs/heads/{0}', github.event.repository.default_branch)";

export async function checkFiles(files: Record<string, string>): Promise<Finding[]> {
  const root = await mkdtemp(path.join(tmpdir(), 'cm-wf-'));
  try {
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    }
    return await checkWorkflowFiles(root, Object.keys(files), CONTEXT);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export const errorsOf = (findings: readonly Finding[]) => findings.filter((f) => f.severity === 'error');

/** 1-based number of the first line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`marker not found: ${needle}`);
  return index + 1;
}
