import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMoov } from '../../actions/lib/render/video/mp4-boxes.js';

/** A top-level MP4 box: 32-bit size, type, body. */
function box(type: string, body: Buffer, declared = 8 + body.length): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(declared, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cm-bounds-mp4-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function moovOf(bytes: Buffer): Promise<Buffer | undefined> {
  const file = path.join(dir, 'clip.mp4');
  await writeFile(file, bytes);
  const handle = await open(file, 'r');
  try {
    return await readMoov(handle, bytes.length);
  } finally {
    await handle.close();
  }
}

describe('the MP4 top-level walk trusts no declared size', () => {
  it('finds a moov after a few boxes', async () => {
    const moov = box('moov', Buffer.alloc(100, 1));
    const found = await moovOf(
      Buffer.concat([box('ftyp', Buffer.alloc(16)), box('free', Buffer.alloc(0)), moov]),
    );
    expect(found?.equals(moov)).toBe(true);
  });

  it('gives up on a moov declared past the end of the file instead of allocating it', async () => {
    const moov = box('moov', Buffer.alloc(100, 1), 60 * 1024 * 1024);
    expect(await moovOf(Buffer.concat([box('ftyp', Buffer.alloc(16)), moov]))).toBeUndefined();
  });

  it('gives up after thousands of top-level boxes (a million empty ones took 8 s to walk)', async () => {
    const empty = box('free', Buffer.alloc(0));
    const moov = box('moov', Buffer.alloc(100, 1));
    const many = Buffer.concat([...Array.from({ length: 5000 }, () => empty), moov]);
    expect(await moovOf(many)).toBeUndefined();
    const few = Buffer.concat([...Array.from({ length: 100 }, () => empty), moov]);
    expect((await moovOf(few))?.equals(moov)).toBe(true);
  });
});
