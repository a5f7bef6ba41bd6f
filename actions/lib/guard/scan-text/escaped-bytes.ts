import { DECODE_PREFIX_BYTES, type EncodedRun } from './encoded-run.js';
import { judgeDecoded } from './judge-decoded.js';

/** Escapes that spell a byte: \xHH, %HH, \uHHHH (below 0x100), octal \NNN. */
const ESCAPE_START =
  /\\x[0-9a-fA-F]{2}|%[0-9a-fA-F]{2}|\\u00[0-9a-fA-F]{2}|\\[0-3][0-7]{2}|=[0-9A-F]{2}|&#x?[0-9a-fA-F]{1,3};/g;
const MIN_ESCAPES = 8;
const MAX_JOIN_GAP = 24;

/**
 * Bytes spelled with escapes in string literals: Python's `b'\x89PNG\r\n...'`, C's "\x89\x50",
 * percent-encoding, JSON's \u0089, octal escapes; consecutive literals joined (`'...' \n b'...'`).
 * Printable characters between escapes are bytes too, as in a Python bytes repr.
 */
export function findEscapedBytes(text: string): EncodedRun[] {
  const runs: EncodedRun[] = [];
  let region: Region | undefined;
  const flush = () => {
    // Escapes must be dense where the payload starts (prose may follow it in the same region).
    if (region && region.escapes >= MIN_ESCAPES && region.earlyEscapes * 4 >= Math.min(region.total, EARLY)) {
      const verdict = judgeDecoded(Buffer.from(region.bytes), region.total, true);
      if (verdict)
        runs.push({
          encoding: 'escaped-bytes',
          offset: region.offset,
          length: region.end - region.offset,
          decodedBytes: region.total,
          decodesTo: verdict,
        });
    }
    region = undefined;
  };
  ESCAPE_START.lastIndex = 0;
  for (let match = ESCAPE_START.exec(text); match; match = ESCAPE_START.exec(text)) {
    const at = match.index;
    if (region && at < region.end) continue;
    if (
      region &&
      !(
        at - region.end <= MAX_JOIN_GAP &&
        /^(?:[^\s"'`]*|["'`]\s*[,+]?\s*[bBuUrR]?["'`])$/s.test(text.slice(region.end, at))
      )
    )
      flush();
    if (!region) {
      // Raw characters before the first escape belong to the literal too (`"\u0089PNG\r\n..."` as
      // JSON writes Latin-1): back up to the opening quote, a little way at most.
      let from = at;
      while (from > 0 && at - from < 64 && (/[^\s"'`]/.test(text[from - 1]!) || text[from - 2] === '\\'))
        from--;
      region = { offset: from, end: from, bytes: [], escapes: 0, earlyEscapes: 0, total: 0, qp: false };
      if (from < at) decodeFrom(text.slice(0, at), from, region);
    }
    region.end = decodeFrom(text, at, region);
    ESCAPE_START.lastIndex = region.end;
  }
  flush();
  return runs;
}

/** Decodes escapes and printable characters from `at` until a quote, whitespace or other stop; returns the end. */
interface Region {
  offset: number;
  end: number;
  bytes: number[];
  escapes: number;
  /** Escapes among the first EARLY decoded bytes. */
  earlyEscapes: number;
  total: number;
  /** Quoted-printable escapes seen: a line break is then a byte, not the end. */
  qp: boolean;
}

const EARLY = 512;

function decodeFrom(text: string, at: number, region: Region): number {
  let i = at;
  const push = (byte: number) => {
    if (region.bytes.length < DECODE_PREFIX_BYTES) region.bytes.push(byte);
    region.total++;
  };
  const escaped = (byte: number, length: number) => {
    if (region.total < EARLY) region.earlyEscapes++;
    region.escapes++;
    push(byte);
    i += length;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') {
      const next = text[i + 1];
      const hex = text.slice(i + 2, i + 4);
      if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(hex)) {
        escaped(Number.parseInt(hex, 16), 4);
      } else if (next === 'u' && /^00[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 6))) {
        escaped(Number.parseInt(text.slice(i + 4, i + 6), 16), 6);
      } else if (next !== undefined && /[0-7]/.test(next)) {
        const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4))![0];
        escaped(Number.parseInt(octal, 8) & 0xff, 1 + octal.length);
      } else if (next !== undefined && 'nrtabfv\\\'"'.includes(next)) {
        escaped({ n: 10, r: 13, t: 9, a: 7, b: 8, f: 12, v: 11 }[next as 'n'] ?? next.charCodeAt(0), 2);
      } else break;
    } else if (c === '&' && /^&#(?:x[0-9a-fA-F]{1,2}|\d{1,3});/.test(text.slice(i, i + 7))) {
      // HTML and XML character references: &#137; &#x89;
      const ref = /^&#(x?)([0-9a-fA-F]{1,3});/.exec(text.slice(i, i + 7))!;
      escaped(Number.parseInt(ref[2]!, ref[1] ? 16 : 10) & 0xff, ref[0].length);
    } else if (c === '=' && /^[0-9A-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      // Quoted-printable, whose soft line breaks (`=` at the end of a line) join lines.
      region.qp = true;
      escaped(Number.parseInt(text.slice(i + 1, i + 3), 16), 3);
    } else if (c === '=' && (text[i + 1] === '\n' || text.startsWith('\r\n', i + 1))) {
      i += text[i + 1] === '\n' ? 2 : 3;
    } else if (c === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      escaped(Number.parseInt(text.slice(i + 1, i + 3), 16), 3);
    } else if (c > ' ' && c <= '~' && c !== '"' && c !== "'" && c !== '`') {
      push(c.charCodeAt(0));
      i++;
    } else if (c === ' ') {
      push(32);
      i++;
    } else if (c >= '\u007f' && c <= '\u00ff') {
      // Bytes read as Latin-1 and written back as text (mojibake) are bytes all the same.
      escaped(c.charCodeAt(0), 1);
    } else if (region.qp && (c === '\n' || c === '\r' || c === '\t' || c === '"' || c === "'" || c === '`')) {
      // Quoted-printable is not a string literal: quotes and tabs are bytes in it, not its end.
      if (c !== '\r') push(c.charCodeAt(0));
      i++;
    } else break;
  }
  return i;
}
