import type { EncodedRun } from './encoded-run.js';
import { MIN_UNKNOWN_BINARY_BYTES } from './judge-decoded.js';

/**
 * Bytes written as characters of a large non-ASCII alphabet: one CJK ideograph or braille pattern per
 * byte, base2048/base32768/base65536-style encodings, or bits as zero-width characters. No decoder
 * knows the alphabet, so a run is judged by the information it can carry. Prose is not such a run:
 * languages written without spaces still break their text with punctuation every few dozen characters.
 */

/** Symbols carry at least this many characters: below, a run is a word, a name or a heading. */
const MIN_RUN = 256;
/** Braille patterns are 256 dots-as-bits (one byte, or 2×4 pixels of an image); no prose uses this many. */
const MIN_BRAILLE = 256;
/** Invisible format characters in a row: emoji sequences use one at a time, hidden bits eight per byte. */
const MIN_INVISIBLE = 64;

const BREAK = /[\p{P}\p{Z}\p{Cc}]/u;
const INVISIBLE = /\p{Cf}/u;

const BREAKS = 1;
const INVISIBLE_CLASS = 2;
const SYMBOL = 3;
/** Each code point's class, worked out once: a regular expression per character is slow on 100 MB. */
let classes: Uint8Array | undefined;

function classOf(cp: number): number {
  classes ??= new Uint8Array(0x110000);
  let kind = classes[cp]!;
  if (kind === 0) {
    const char = String.fromCodePoint(cp);
    kind = INVISIBLE.test(char) ? INVISIBLE_CLASS : BREAK.test(char) ? BREAKS : SYMBOL;
    classes[cp] = kind;
  }
  return kind;
}

interface Run {
  offset: number;
  end: number;
  count: number;
  braille: number;
  invisible: number;
  seen: Set<number>;
}

export function findSymbolRuns(text: string): EncodedRun[] {
  const found: EncodedRun[] = [];
  let run: Run | undefined;
  const close = () => {
    if (run) {
      const verdict = judge(run);
      if (verdict) found.push(verdict);
    }
    run = undefined;
  };
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (cp === 0x0a || cp === 0x0d) {
      i += width; // A line break wraps a run; it does not end it.
      continue;
    }
    const kind = cp < 0x80 ? BREAKS : classOf(cp);
    const invisible = kind === INVISIBLE_CLASS;
    if (kind === BREAKS) {
      close();
    } else {
      run ??= { offset: i, end: i, count: 0, braille: 0, invisible: 0, seen: new Set() };
      run.count++;
      run.end = i + width;
      if (cp >= 0x2800 && cp <= 0x28ff) run.braille++;
      if (invisible) run.invisible++;
      if (run.seen.size < 1 << 16) run.seen.add(cp);
    }
    i += width;
  }
  close();
  return found;
}

function judge(run: Run): EncodedRun | undefined {
  const bits = Math.log2(Math.max(2, run.seen.size));
  const decodedBytes = Math.floor((run.count * bits) / 8);
  const symbols =
    run.braille >= MIN_BRAILLE ||
    run.invisible >= MIN_INVISIBLE ||
    (run.count >= MIN_RUN && decodedBytes >= MIN_UNKNOWN_BINARY_BYTES);
  if (!symbols) return undefined;
  return {
    encoding: 'symbols',
    offset: run.offset,
    length: run.end - run.offset,
    decodedBytes,
    decodesTo: 'binary',
  };
}
