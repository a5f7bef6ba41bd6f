import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * This package's own version, from the package.json nearest above this file (dist/cli.js in the
 * bundle, scripts/cli/ in tests); never npm_package_version, which names whatever package runs npm.
 */
export function packageVersion(from = import.meta.dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (typeof manifest.version === 'string') return manifest.version;
    } catch {
      // no package.json here: look one level up
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}
