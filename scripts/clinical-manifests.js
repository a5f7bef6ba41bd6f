#!/usr/bin/env node
// The CLI's bin: runs the bundle that `npm ci` (prepare) and `npm run build` make from scripts/cli/.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write(
    'clinical-manifests: the CLI is not built yet; run `npm ci` or `npm run build` first.\n',
  );
  process.exit(2);
}
await import(bundle.href);
