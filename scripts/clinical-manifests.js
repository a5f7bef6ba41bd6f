#!/usr/bin/env node
// The CLI's bin: runs the bundle that `npm ci` (prepare) and `npm run build` make from scripts/cli/.
import { existsSync, readFileSync } from 'node:fs';

// Fast path: the version is this package's own (the package.json beside scripts/), without loading
// the bundle — and without it, so a broken or missing build still answers.
const args = process.argv.slice(2);
if (args.length === 1 && ['-v', '-V', '--version', 'version'].includes(args[0])) {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${manifest.version}\n`);
  process.exit(0);
}

const bundle = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write(
    'clinical-manifests: the CLI is not built yet; run `npm ci` or `npm run build` first.\n',
  );
  process.exit(2);
}
await import(bundle.href);
