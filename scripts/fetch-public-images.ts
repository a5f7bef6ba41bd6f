// Real public ultrasound DICOMs for the burned-in text tests, taken from npm packages that ship them
// as test data (no image is committed here). Run once after `npm ci`; the tests never download.
// Each file is pinned by its SHA-256: a republished package with a different file fails here.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PUBLIC_IMAGES, PUBLIC_IMAGES_DIR } from '../test/text-scan/public-images.js';

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const held = (name: string, hash: string) =>
  existsSync(path.join(PUBLIC_IMAGES_DIR, name)) && sha256(path.join(PUBLIC_IMAGES_DIR, name)) === hash;

const missing = PUBLIC_IMAGES.filter((i) => !held(i.name, i.sha256));
if (missing.length === 0) {
  console.log(`fetch-public-images: all ${PUBLIC_IMAGES.length} files present in ${PUBLIC_IMAGES_DIR}`);
  process.exit(0);
}

mkdirSync(PUBLIC_IMAGES_DIR, { recursive: true });
const work = mkdtempSync(path.join(tmpdir(), 'cm-public-images-'));
try {
  for (const spec of [...new Set(missing.map((i) => i.package))]) {
    // npm pack checks the tarball against the registry's integrity; it installs nothing and runs no script.
    const out = execFileSync('npm', ['pack', spec, '--json', '--pack-destination', work], {
      encoding: 'utf8',
    });
    const [{ filename }] = JSON.parse(out) as [{ filename: string }];
    for (const image of missing.filter((i) => i.package === spec)) {
      execFileSync('tar', ['-xzf', path.join(work, filename), '-C', work, `package/${image.pathInPackage}`]);
      const extracted = path.join(work, 'package', image.pathInPackage);
      const got = sha256(extracted);
      if (got !== image.sha256)
        throw new Error(`${spec}: ${image.pathInPackage} has SHA-256 ${got}, expected ${image.sha256}`);
      copyFileSync(extracted, path.join(PUBLIC_IMAGES_DIR, image.name));
      console.log(`fetch-public-images: ${image.name} from ${spec} (${image.pathInPackage})`);
    }
  }
} catch (error) {
  console.error(`fetch-public-images: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
