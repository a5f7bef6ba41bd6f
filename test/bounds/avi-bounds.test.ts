import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countContainerFrames } from '../../actions/lib/render/video/count-container-frames.js';

/** A RIFF chunk: id, little-endian length, body, pad byte to even length. */
function chunk(id: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(id, 0, 'latin1');
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body, body.length & 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}
const list = (type: string, ...children: Buffer[]) =>
  chunk('LIST', Buffer.concat([Buffer.from(type, 'latin1'), ...children]));

/** An AVI whose `movi` list holds `frames` two-byte video chunks: ~10 bytes a frame. */
function tinyFrameAvi(frames: number): Buffer {
  const avih = Buffer.alloc(56);
  avih.writeUInt32LE(frames, 16);
  avih.writeUInt32LE(64, 32);
  avih.writeUInt32LE(48, 36);
  const strh = Buffer.alloc(56);
  strh.write('vids', 0, 'latin1');
  const frame = chunk('00dc', Buffer.from([1, 2]));
  const movi = Buffer.alloc(4 + frame.length * frames);
  movi.write('movi', 0, 'latin1');
  for (let i = 0; i < frames; i++) frame.copy(movi, 4 + i * frame.length);
  const riff = Buffer.concat([
    Buffer.from('AVI ', 'latin1'),
    list('hdrl', chunk('avih', avih), list('strl', chunk('strh', strh))),
    chunk('LIST', movi),
  ]);
  return chunk('RIFF', riff);
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cm-bounds-avi-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the AVI chunk walk reads windows, not one header at a time', () => {
  it('counts a million tiny frame chunks from the index walk (one read each took 16 s)', async () => {
    const file = path.join(dir, 'tiny.avi');
    await writeFile(file, tinyFrameAvi(1_000_000));
    expect(await countContainerFrames(file)).toEqual({
      frames: 1_000_000,
      width: 64,
      height: 48,
      irregular: false,
    });
  });
});
