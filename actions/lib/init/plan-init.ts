import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeCitationsFile } from '../citations/citations-file.js';
import { writeFileAtomic } from '../fs/write-file-atomic.js';
import { LAYOUT } from '../repository/repository-layout.js';
import { emittedSchemaFiles } from '../schema/json-schema.js';
import type { Policy } from '../schema/policy.js';
import { type ActionSource, checksWorkflow, regenerateWorkflow } from './init-workflows.js';

/** What `init` asks for: everything by flag, nothing by prompt. */
export interface InitOptions {
  visibility: Policy['repository_visibility'];
  intendedUse: Policy['intended_use'];
  actions: ActionSource;
  /** Overwrite files that exist and differ. */
  force: boolean;
}

/** What happened to one file. */
export interface InitResult {
  file: string;
  status: 'created' | 'unchanged' | 'kept' | 'overwritten' | 'appended';
  /** For `appended`: the lines added. */
  lines?: string[];
}

/** Folders processed images and licensed data go to; git-ignored and named by the policy. */
const OUTPUT_DIR = 'outputs';
const DATA_DIR = 'data';

/**
 * The .gitignore lines `init` makes sure of: outputs and data never enter the repository, nor the
 * installed packages (the guard would judge their binaries as tracked files).
 */
export const GITIGNORE_LINES = [`/${OUTPUT_DIR}/`, `/${DATA_DIR}/`, 'node_modules/'] as const;

function policyText(options: InitOptions): string {
  const policy = {
    $schema: './schema/policy.schema.json',
    intended_use: options.intendedUse,
    repository_visibility: options.visibility,
    output_dirs: [OUTPUT_DIR],
    data_dirs: [DATA_DIR],
    allowed_binary_files: [],
  };
  return `${JSON.stringify(policy, null, 2)}\n`;
}

/** Every whole file `init` owns, repository-relative, with its content. */
export function initFiles(options: InitOptions): { file: string; text: string }[] {
  return [
    { file: LAYOUT.policyFile, text: policyText(options) },
    ...[...emittedSchemaFiles()].map(([name, text]) => ({ file: `${LAYOUT.schemaDir}/${name}`, text })),
    { file: '.github/workflows/clinical-manifests.yml', text: checksWorkflow(options.actions) },
    {
      file: '.github/workflows/clinical-manifests-regenerate.yml',
      text: regenerateWorkflow(options.actions),
    },
  ];
}

async function readOrUndefined(file: string): Promise<string | undefined> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
}

/** Whether .gitignore already has `line` (with or without the leading or trailing slash). */
function ignores(text: string, line: string): boolean {
  const bare = line.replace(/^\/|\/$/g, '');
  return text
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^\/|\/$/g, ''))
    .includes(bare);
}

/**
 * Writes what a benchmark repository needs to adopt clinical-manifests. Idempotent: a file with the
 * same content is left alone, one that differs is kept unless `force`, and .gitignore only gains the
 * lines it lacks.
 */
export async function initRepository(root: string, options: InitOptions): Promise<InitResult[]> {
  const results: InitResult[] = [];
  for (const { file, text } of initFiles(options)) {
    const full = path.join(root, file);
    const current = await readOrUndefined(full);
    if (current === text) results.push({ file, status: 'unchanged' });
    else if (current !== undefined && !options.force) results.push({ file, status: 'kept' });
    else {
      await writeFileAtomic(full, text);
      results.push({ file, status: current === undefined ? 'created' : 'overwritten' });
    }
  }
  const gitignore = path.join(root, '.gitignore');
  const current = (await readOrUndefined(gitignore)) ?? '';
  const missing = GITIGNORE_LINES.filter((l) => !ignores(current, l));
  if (missing.length === 0) results.push({ file: '.gitignore', status: 'unchanged' });
  else {
    const lead = current === '' || current.endsWith('\n') ? '' : '\n';
    const block = `${lead}${current ? '\n' : ''}# clinical-manifests: processed images and licensed data never enter the repository.\n${missing.join('\n')}\n`;
    await writeFileAtomic(gitignore, current + block);
    results.push({ file: '.gitignore', status: current ? 'appended' : 'created', lines: [...missing] });
  }
  // CITATIONS.md is validate's to keep current (`clinical-manifests citations`); init only starts it.
  const citations = path.join(root, LAYOUT.citationsFile);
  if ((await readOrUndefined(citations)) === undefined) {
    await writeCitationsFile(root);
    results.push({ file: LAYOUT.citationsFile, status: 'created' });
  } else results.push({ file: LAYOUT.citationsFile, status: 'unchanged' });
  return results;
}
