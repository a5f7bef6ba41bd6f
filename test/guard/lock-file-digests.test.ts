import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectContent } from '../../actions/lib/guard/detect-data-file.js';
import { scanText } from '../../actions/lib/guard/scan-text.js';
import { makePng } from './helpers/fixtures.js';

/** sha512 digests as npm writes them, some chosen to begin with compress's two magic bytes (1f 9d). */
function digests(count: number, withMagic: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    const d = createHash('sha512').update(`package ${i}`).digest();
    const magic = d[0] === 0x1f && d[1] === 0x9d;
    if (magic || out.length >= withMagic) out.push(`sha512-${d.toString('base64')}`);
    if (!magic && out.length < withMagic) {
      // Force the magic on a copy: what one lock in thousands holds by chance.
      const forced = Buffer.from(d);
      forced[0] = 0x1f;
      forced[1] = 0x9d;
      out.push(`sha512-${forced.toString('base64')}`);
    }
  }
  return out;
}

function packageLock(integrity: string[]): string {
  const packages = integrity.map(
    (v, i) =>
      `    "node_modules/pkg-${i}": {\n      "version": "1.0.${i}",\n      "resolved": "https://registry.npmjs.org/pkg-${i}/-/pkg-${i}-1.0.${i}.tgz",\n      "integrity": "${v}",\n      "license": "MIT"\n    }`,
  );
  return `{\n  "name": "bench",\n  "lockfileVersion": 3,\n  "packages": {\n${packages.join(',\n')}\n  }\n}\n`;
}

describe('package lock files', () => {
  it('an npm lock of 500 packages, 20 digests beginning 1f 9d, has no finding', () => {
    expect(scanText(packageLock(digests(500, 20)), 'package-lock.json')).toEqual([]);
  });

  it('yarn.lock and pnpm-lock.yaml digests are digests too', () => {
    const list = digests(200, 10);
    const yarn = list.map((v, i) => `pkg-${i}@^1.0.0:\n  version "1.0.0"\n  integrity ${v}\n`).join('\n');
    const pnpm = list.map((v, i) => `  /pkg-${i}@1.0.0:\n    resolution: {integrity: ${v}}\n`).join('');
    expect(scanText(yarn, 'yarn.lock')).toEqual([]);
    expect(scanText(`packages:\n${pnpm}`, 'pnpm-lock.yaml')).toEqual([]);
  });

  it('a payload beside a digest, or in a field shaped like one but longer, is still found', () => {
    const png = Buffer.concat([makePng(), Buffer.alloc(4000, 9)]).toString('base64');
    const [v] = digests(1, 0);
    const beside = `{\n  "integrity": "${v}",\n  "x": "${png}"\n}\n`;
    expect(scanText(beside, 'package-lock.json')).toMatchObject([{ decodesTo: 'png' }]);
    const stuffed = `{\n  "integrity": "sha512-${png}"\n}\n`;
    expect(scanText(stuffed, 'package-lock.json')).toMatchObject([{ decodesTo: 'png' }]);
  });

  it('compress (.Z) needs its flags byte, not two bytes alone', () => {
    const z = Buffer.from([0x1f, 0x9d, 0x90, 0x41, 0x42, 0x43, 0x44, 0x45]);
    expect(detectContent(z)).toEqual({ class: 'opaque-archive', kind: 'compress' });
    const random = Buffer.from([0x1f, 0x9d, 0xe3, 0x41, 0x42, 0x43, 0x44, 0x45]);
    expect(detectContent(random)).not.toMatchObject({ kind: 'compress' });
  });
});
