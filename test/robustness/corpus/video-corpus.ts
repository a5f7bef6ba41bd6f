/**
 * Bad videos made with the real ffmpeg and then damaged: zero frames, truncated files, flipped header
 * bytes, headers claiming absurd durations, frame counts and sizes, frames asked past the end, and
 * files that are not video at all. Every video carries PHI-looking metadata (title, comment).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type FormatCase, flipped, indexOfAscii, patched } from './format-case.js';

const FFMPEG = '/usr/bin/ffmpeg';

function encode(file: string, container: 'mp4' | 'avi', frames: number): Uint8Array {
  const codec =
    container === 'mp4'
      ? ['-c:v', 'libx264', '-pix_fmt', 'yuv420p']
      : ['-c:v', 'mjpeg', '-pix_fmt', 'yuvj420p'];
  execFileSync(FFMPEG, [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc=s=32x32:r=10:d=2',
    '-frames:v',
    String(frames),
    '-metadata',
    'title=Doe^Jane',
    '-metadata',
    'comment=MRN-123456 St. Example Hospital',
    ...codec,
    file,
  ]);
  return new Uint8Array(readFileSync(file));
}

/** Writes the video corpus into `dir`. */
export function videoCorpus(dir: string): FormatCase[] {
  const cases: FormatCase[] = [];
  const middle = { kind: 'video', frame: 'middle' } as const;
  const add = (name: string, bytes: Uint8Array, mustFail: boolean, recipe: FormatCase['recipe'] = middle) => {
    // Unique without the extension too: --out-dir names outputs by the input's base name.
    const file = path.join(dir, name.replace(/\.(\w+)$/, '-$1.$1'));
    writeFileSync(file, bytes);
    cases.push({ name, file, recipe, mustFail });
  };
  const mp4 = encode(path.join(dir, 'valid.mp4'), 'mp4', 20);
  const avi = encode(path.join(dir, 'valid.avi'), 'avi', 20);
  add('zero-frames.mp4', encode(path.join(dir, 'z.mp4'), 'mp4', 0), true);
  add('zero-frames.avi', encode(path.join(dir, 'z.avi'), 'avi', 0), true);

  for (const [ext, bytes] of [
    ['mp4', mp4],
    ['avi', avi],
  ] as const) {
    for (const fraction of [0, 0.01, 0.1, 0.5, 0.9]) {
      // ffmpeg writes the MP4 index (moov) last: any cut loses it. An AVI cut late keeps frames.
      const mustFail = ext === 'mp4' || fraction < 0.1;
      add(`truncated-${fraction}.${ext}`, bytes.subarray(0, Math.floor(bytes.length * fraction)), mustFail);
    }
    for (let at = 3; at < 96; at += 19) {
      add(`flipped-${at}.${ext}`, flipped(bytes, at), false);
    }
    add(`frame-past-end.${ext}`, bytes, true, { kind: 'video', frame: 1_000_000 });
    add(`time-past-end.${ext}`, bytes, true, { kind: 'video', frame: { time: 1e9 } });
    add(`sharpest-truncated.${ext}`, bytes.subarray(0, 600), true, { kind: 'video', frame: 'sharpest' });
  }

  // AVI main header: dwMicroSecPerFrame, …, dwTotalFrames (+16), …, dwWidth (+32), dwHeight (+36).
  const avih = indexOfAscii(avi, 'avih') + 8;
  const strh = indexOfAscii(avi, 'strh') + 8;
  add(
    'absurd-duration.avi',
    patched(avi, (v) => {
      v.setUint32(avih, 0xffffffff, true);
      v.setUint32(strh + 20, 1, true); // dwScale
      v.setUint32(strh + 24, 0, true); // dwRate 0: a zero frame rate
      v.setUint32(strh + 32, 0xffffffff, true); // dwLength
    }),
    false,
  );
  add(
    'absurd-frame-count.avi',
    patched(avi, (v) => v.setUint32(avih + 16, 0xffffffff, true)),
    false,
  );
  add(
    'absurd-size.avi',
    patched(avi, (v) => {
      v.setUint32(avih + 32, 0x7fffffff, true);
      v.setUint32(avih + 36, 0x7fffffff, true);
    }),
    false,
  );

  // MP4 movie header (v0): timescale at +12 after version/flags, duration at +16; same for mdhd.
  const mvhd = indexOfAscii(mp4, 'mvhd') + 4;
  const mdhd = indexOfAscii(mp4, 'mdhd') + 4;
  add(
    'absurd-duration.mp4',
    patched(mp4, (v) => {
      v.setUint32(mvhd + 12, 1, false);
      v.setUint32(mvhd + 16, 0xffffffff, false);
      v.setUint32(mdhd + 12, 1, false);
      v.setUint32(mdhd + 16, 0xffffffff, false);
    }),
    false,
  );
  add(
    'zero-timescale.mp4',
    patched(mp4, (v) => {
      v.setUint32(mvhd + 12, 0, false);
      v.setUint32(mdhd + 12, 0, false);
    }),
    false,
  );
  const stsz = indexOfAscii(mp4, 'stsz') + 4;
  add(
    'absurd-sample-count.mp4',
    patched(mp4, (v) => v.setUint32(stsz + 8, 0x7fffffff, false)),
    false,
  );
  const tkhd = indexOfAscii(mp4, 'tkhd') + 4;
  add(
    'absurd-size.mp4',
    patched(mp4, (v) => {
      v.setUint32(tkhd + 76, 0xffff0000, false);
      v.setUint32(tkhd + 80, 0xffff0000, false);
    }),
    false,
  );

  add('empty.mp4', new Uint8Array(0), true);
  add('text.avi', new TextEncoder().encode('PatientName=Doe^Jane MRN-123456\n'.repeat(40)), true);
  add('riff-only.avi', new TextEncoder().encode('RIFF\x04\0\0\0AVI '), true);
  return cases;
}
