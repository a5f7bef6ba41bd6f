/** Runs real tools to make fixtures, and inspects bytes the way the guard does. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Finding } from '../../../actions/lib/findings/finding.js';
import { bufferSource } from '../../../actions/lib/guard/byte-source.js';
import { type FileObservation, inspectContent } from '../../../actions/lib/guard/inspect-content.js';
import { observationFindings } from '../../../actions/lib/guard/observation-findings.js';

/** Debian's interpreter: the one with numpy, PIL, pydicom, h5py and scipy. */
export const PYTHON = '/usr/bin/python3';
export const PYDICOM_FILES = '/usr/lib/python3/dist-packages/pydicom/data/test_files';

/** Runs a Python script and returns what it writes to stdout, as bytes. */
export function python(script: string): Buffer {
  return execFileSync(PYTHON, ['-c', script], { maxBuffer: 256 * 1024 * 1024 });
}

/** Runs `command` in a fresh temporary folder holding `files`, returning the folder's `out` file (or stdout). */
export function inTemp(files: Record<string, Buffer | string>, command: string, out?: string): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'guard-detect-'));
  try {
    for (const [name, data] of Object.entries(files)) writeFileSync(path.join(dir, name), data);
    const stdout = execFileSync('sh', ['-c', command], { cwd: dir, maxBuffer: 256 * 1024 * 1024 });
    return out ? readFileSync(path.join(dir, out)) : stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A small real PNG (PIL), noise so it does not compress away. */
export function realPng(size = 16): Buffer {
  return python(
    `import sys,io,numpy as np;from PIL import Image;b=io.BytesIO();Image.fromarray(np.random.default_rng(1).integers(0,256,(${size},${size}),dtype=np.uint8)).save(b,'PNG');sys.stdout.buffer.write(b.getvalue())`,
  );
}

/** pydicom's own CT test file. */
export function realDicom(): Buffer {
  return readFileSync(path.join(PYDICOM_FILES, 'CT_small.dcm'));
}

export async function inspect(name: string, bytes: Buffer): Promise<FileObservation[]> {
  return inspectContent(name, bufferSource(bytes));
}

/** The findings the guard would report for `bytes` committed as `name`, with nothing allowed. */
export async function findingsFor(name: string, bytes: Buffer): Promise<Finding[]> {
  return observationFindings('/nonexistent', await inspect(name, bytes), new Set(), new Map(), () => {
    throw new Error('no synthetic images here');
  });
}

/** Deterministic bytes that look random (no NUL-free guarantee). */
export function noise(length: number, seed = 1): Buffer {
  const out = Buffer.alloc(length);
  let s = seed >>> 0;
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}
