import { DECODE_PREFIX_BYTES, type EncodedRun } from './encoded-run.js';
import { judgeDecoded, kindOf, MIN_PAYLOAD_BYTES, MIN_UNKNOWN_BINARY_BYTES } from './judge-decoded.js';

/** 1 = base64 (standard or URL-safe) character, 2 = also a hex digit. */
const CLASS = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_')
  CLASS[c.charCodeAt(0)] = 1;
for (const c of '0123456789abcdefABCDEF') CLASS[c.charCodeAt(0)] = 2;

const MAX_GAP = 32;
/** Segment starts inside one chain probed for a signature (a payload after a word that joined it). */
const MAX_PROBES = 256;
const MIN_CHAIN_CHARS = 12;

interface Chain {
  /** [start, end) character ranges of the segments, in order. */
  segments: number[];
  chars: number;
  hexOnly: boolean;
  /** Joined only by line breaks (no quotes or escapes): the layout of `xxd -p` or PEM. */
  bareLines: boolean;
}

/**
 * Base64 and hex payloads however they are split: over physical lines, across `\n` escapes inside a
 * JSON string, over many JSON array strings, URL-safe, or in independently padded pieces. Segments of
 * base64 characters chain while the gaps between them are only what splitting adds (line breaks,
 * quotes, commas, escapes); each chain is decoded and judged by what it decodes to.
 */
export function findBase64Chains(text: string, skip: (offset: number) => boolean): EncodedRun[] {
  const runs: EncodedRun[] = [];
  let chain: Chain | undefined;
  let lastEnd = -1;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c >= 128 || CLASS[c] === 0) {
      i++;
      continue;
    }
    const start = i;
    let hex = true;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d >= 128 || CLASS[d] === 0) break;
      if (CLASS[d] !== 2) hex = false;
      i++;
    }
    const padded = i < n && text.charCodeAt(i) === 61;
    while (i < n && text.charCodeAt(i) === 61) i++;
    const end = i;
    let joins = chain !== undefined && joinerGap(text, lastEnd, start);
    if (!joins && chain && spacedGroup(text, lastEnd, start, chain, end - start)) joins = true;
    if (!joins) {
      if (chain) judge(text, chain, runs, skip);
      chain = { segments: [], chars: 0, hexOnly: true, bareLines: true };
    }
    const current = chain!;
    if (joins && (lastGapFlags & (QUOTE | ESCAPE)) !== 0) current.bareLines = false;
    // After a `\n` escape, the segment scan took the escape's letter as data: it is not.
    const from = joins && lastGapEatsLetter ? start + 1 : start;
    current.segments.push(from, end);
    current.chars += end - from;
    if (!hex || padded) current.hexOnly = current.hexOnly && hex && !padded;
    lastEnd = end;
  }
  if (chain) judge(text, chain, runs, skip);
  return runs;
}

const NEWLINE = 1;
const QUOTE = 2;
const ESCAPE = 4;
const SLASH = 8;
const COMMENT = 16;
/** After a line break, what starts a comment or a quoted line: # ; % * > ! (payloads in comments, line by line). */
const COMMENT_MARKS = [35, 59, 37, 42, 62, 33];
/** What the last accepted gap held (set by joinerGap; the scan is synchronous). */
let lastGapFlags = 0;
/** The last accepted gap ended in an escape whose letter is the next segment's first character. */
let lastGapEatsLetter = false;

/**
 * True when the characters between two segments are what splitting a payload leaves: line breaks and
 * indentation, quotes and commas of string arrays, `\n` escapes, JSON's `\/`, comment marks starting a line
 * (`# `, `; `, ` * `), or nothing after padding.
 */
function joinerGap(text: string, from: number, to: number): boolean {
  lastGapFlags = 0;
  lastGapEatsLetter = false;
  if (to - from > MAX_GAP) return false;
  if (to === from) return text.charCodeAt(from - 1) === 61; // independently padded pieces
  let flags = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) flags |= NEWLINE;
    else if (c === 32 || c === 9 || c === 13 || c === 44) continue;
    else if (c === 34 || c === 39 || c === 96) flags |= QUOTE;
    else if ((flags & NEWLINE) !== 0 && COMMENT_MARKS.includes(c)) flags |= COMMENT;
    else if (c === 92) {
      const next = text.charCodeAt(i + 1);
      if (next === 110 || next === 114 || next === 116) {
        // \n \r \t: the next segment would start with the letter; skip it as part of the gap.
        flags |= ESCAPE;
        i++;
        if (i === to) lastGapEatsLetter = true;
      } else if (next === 92) {
        i++; // a doubly escaped \\n
        flags |= ESCAPE;
        if (i + 1 === to && /[nrt]/.test(text[to] ?? '')) lastGapEatsLetter = true;
      } else if (i === to - 1 && next === 47) flags |= SLASH;
      else return false;
    } else return false;
  }
  lastGapFlags = flags;
  return flags !== 0;
}

/**
 * Groups separated by a space or two, or a delimiter (`AbCd EfGh ...`, CSV cells): joined only when the group has the
 * width of the one before (the last group may be shorter), so words of prose do not chain.
 */
function spacedGroup(text: string, from: number, to: number, chain: Chain, width: number): boolean {
  if (to - from > 3 || to === from) return false;
  for (let i = from; i < to; i++) if (!' \t,;|'.includes(text[i]!)) return false;
  const segments = chain.segments;
  const previous = segments[segments.length - 1]! - segments[segments.length - 2]!;
  // Characters spaced out one by one ("i V B O R w 0 K"): prose never has a dozen one-letter words in a row.
  if (previous === 1 && width === 1 && text[from] === ' ' && to - from === 1) return true;
  if (previous < 4) return false;
  if (segments.length >= 4) {
    const before = segments[segments.length - 3]! - segments[segments.length - 4]!;
    // Inside a spaced chain every group but the last has one width.
    if (before !== previous) return false;
  }
  return width === previous || (width < previous && segments.length >= 6);
}

/** The chain's characters (escaped letters that split it are not part of it). */
function chainText(text: string, chain: Chain, fromSegment: number, maxChars: number): string {
  let out = '';
  for (let s = fromSegment * 2; s < chain.segments.length && out.length < maxChars; s += 2) {
    out += text.slice(chain.segments[s]!, chain.segments[s + 1]!);
  }
  return out.slice(0, maxChars);
}

/** Eight '0' or '1' characters a byte, most significant bit first. */
function decodeBits(chars: string): Buffer {
  const out = Buffer.alloc(Math.min(chars.length >> 3, DECODE_PREFIX_BYTES));
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(chars.slice(i * 8, i * 8 + 8), 2);
  return out;
}

/** RFC 4648 base32. */
export function decodeBase32(chars: string): Buffer {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const c of chars) {
    const d = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.indexOf(c);
    if (d < 0) break;
    value = ((value << 5) | d) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** Decodes base64 made of independently padded pieces by decoding each piece on its own. */
export function decodeBase64(chars: string): Buffer {
  const parts: Buffer[] = [];
  for (const piece of chars.split(/(?<==)(?=[^=])/)) {
    const clean = piece.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
    parts.push(Buffer.from(clean.slice(0, clean.length - (clean.length % 4 === 1 ? 1 : 0)), 'base64'));
  }
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

/**
 * Neighbouring bytes close together, as in 8-bit pixel rows: random bytes (hashes, compressed or
 * encrypted data) differ by 85 on average, an image's neighbours by a few grey levels.
 */
function smooth(bytes: Buffer): boolean {
  let sum = 0;
  let changes = 0;
  for (let i = 1; i < bytes.length; i++) {
    const d = Math.abs(bytes[i]! - bytes[i - 1]!);
    sum += d;
    if (d !== 0) changes++;
  }
  // Mostly one repeated byte is a placeholder ("aaaa…" or zeros), not an image.
  const n = bytes.length - 1;
  return bytes.length >= MIN_UNKNOWN_BINARY_BYTES && sum / n < 32 && changes > n / 2;
}

function entropyBits(chars: string): number {
  const counts = new Map<number, number>();
  const n = Math.min(chars.length, 65536);
  for (let i = 0; i < n; i++) counts.set(chars.charCodeAt(i), (counts.get(chars.charCodeAt(i)) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) bits -= (count / n) * Math.log2(count / n);
  return bits;
}

/**
 * The index of the first segment of an encoder's wrapped output: most segments share one width of
 * 40 or more (a header line like PEM's may precede them, a short last line and a footer follow).
 * -1 when the chain is not wrapped output.
 */
function wrappedFrom(chain: Chain): number {
  const count = chain.segments.length / 2;
  if (count < 2) return -1;
  const widths = new Map<number, number>();
  for (let s = 0; s < chain.segments.length; s += 2) {
    const w = chain.segments[s + 1]! - chain.segments[s]!;
    widths.set(w, (widths.get(w) ?? 0) + 1);
  }
  let mode = 0;
  let most = 0;
  for (const [w, n] of widths) if (n > most || (n === most && w > mode)) [mode, most] = [w, n];
  if (mode < 40 || (count > 2 && most < count * 0.6) || (count === 2 && most === 1 && widthOf(chain, 0) < 40))
    return -1;
  for (let s = 0; s < count; s++) if (widthOf(chain, s) === mode || count === 2) return s;
  return -1;
}

function widthOf(chain: Chain, s: number): number {
  return chain.segments[2 * s + 1]! - chain.segments[2 * s]!;
}

function judge(text: string, chain: Chain, out: EncodedRun[], skip: (offset: number) => boolean): void {
  if (chain.chars < MIN_CHAIN_CHARS) return;
  const offset = chain.segments[0]!;
  if (skip(offset)) return;
  const count = chain.segments.length / 2;
  const length = chain.segments[chain.segments.length - 1]! - offset;
  const bitsText =
    chain.chars >= 64 && (text[offset] === '0' || text[offset] === '1')
      ? chainText(text, chain, 0, DECODE_PREFIX_BYTES * 8)
      : '';
  // A string of bits ("01001000...") is bytes too.
  if (chain.chars >= 64 && /^[01]+$/.test(bitsText)) {
    const bits = judgeDecoded(decodeBits(bitsText), chain.chars >> 3, chain.chars >= 8192);
    if (bits)
      out.push({ encoding: 'base64', offset, length, decodedBytes: chain.chars >> 3, decodesTo: bits });
    return;
  }
  if (chain.hexOnly) {
    // Hex: one unbroken run, or lines of one width with nothing but line breaks between (xxd -p).
    // A list of quoted hashes is neither, and only a signature in one of them would matter.
    const from = count === 1 ? 0 : chain.bareLines ? wrappedFrom(chain) : -1;
    if (from >= 0) {
      const chars = chainText(text, chain, from, DECODE_PREFIX_BYTES * 2);
      // A run of one repeated character is padding or a placeholder, not a payload.
      const plausible = entropyBits(chars) >= 3;
      const verdict = judgeDecoded(
        Buffer.from(chars.slice(0, chars.length & ~1), 'hex'),
        chain.chars >> 1,
        plausible,
      );
      if (verdict)
        out.push({ encoding: 'hex', offset, length, decodedBytes: chain.chars >> 1, decodesTo: verdict });
      return;
    }
    // Hex split into strings ("8950", "4e47", ...): a signature from any segment on, over the joins.
    for (let s = 0; s < Math.min(count, MAX_PROBES); s++) {
      const chars = chainText(text, chain, s, 96);
      const kind = signature(Buffer.from(chars.slice(0, chars.length & ~1), 'hex'));
      if (kind) {
        const at = chain.segments[2 * s]!;
        out.push({ encoding: 'hex', offset: at, length, decodedBytes: chain.chars >> 1, decodesTo: kind });
        return;
      }
    }
    // Rows of an image as hex strings: hashes are uniform bytes, pixel rows change little from byte to byte.
    if (chain.chars >> 1 >= MIN_UNKNOWN_BINARY_BYTES) {
      const chars = chainText(text, chain, 0, DECODE_PREFIX_BYTES * 2);
      const bytes = Buffer.from(chars.slice(0, chars.length & ~1), 'hex');
      if (smooth(bytes))
        out.push({
          encoding: 'hex',
          offset,
          length,
          decodedBytes: chain.chars >> 1,
          decodesTo: 'pixel-array',
        });
    }
    return;
  }
  const decodedBytes = Math.floor((chain.chars * 3) / 4);
  const encoding = count === 1 ? 'base64' : 'base64-lines';
  const wrapped = wrappedFrom(chain);
  const chars = chainText(text, chain, Math.max(0, wrapped), Math.ceil((DECODE_PREFIX_BYTES * 4) / 3));
  // Short chains without a digit or symbol are words and identifiers (16 random base64 characters
  // have one with odds of 96 %, and every image signature's encoding does): not worth decoding.
  if (chain.chars < 64 && !/[0-9+/]/.test(chars)) return;
  // Ordinary identifiers and words chain too; a payload without a signature must look encoded.
  // Lines of one width with no space in them are an encoder's output whatever its alphabet: 16
  // letters (a nibble each) are 4 bits of entropy at most, so a wrapped run needs only 8 symbols' worth.
  const plausible =
    wrapped >= 0 && count >= 8
      ? entropyBits(chars) >= 3
      : (count === 1 && chain.chars >= 1024) || wrapped >= 0
        ? entropyBits(chars) >= 4
        : chain.chars >= 256 && entropyBits(chars) >= 5.2;
  // Base32 (RFC 4648) is a subset of the base64 alphabet: decoded as base64 it is noise.
  const base32 = chain.chars >= 16 && /^[A-Z2-7]+=*$/.test(chars) ? decodeBase32(chars) : undefined;
  const verdict =
    (base32 && judgeDecoded(base32, Math.floor((chain.chars * 5) / 8), plausible)) ||
    judgeDecoded(decodeBase64(chars), decodedBytes, plausible);
  if (verdict) {
    out.push({
      encoding,
      offset: chain.segments[2 * Math.max(0, wrapped)]!,
      length,
      decodedBytes,
      decodesTo: verdict,
    });
    return;
  }
  // A payload glued to a word before it (or a few stray characters) starts at a later segment or shift.
  if (count === 1 && chain.chars < 64) return;
  for (let s = 0; s < Math.min(count, MAX_PROBES); s++) {
    const probe = chainText(text, chain, s, 120);
    for (let shift = 0; shift < 12 && shift < probe.length - 11; shift++) {
      if (s === 0 && shift === 0) continue;
      const kind = signature(decodeBase64(probe.slice(shift)));
      if (kind) {
        out.push({ encoding, offset: chain.segments[2 * s]! + shift, length, decodedBytes, decodesTo: kind });
        return;
      }
    }
  }
}

/** A recognised kind (data, archive, pointer) from a payload's first bytes; never plain binary or text. */
function signature(bytes: Buffer): string | undefined {
  if (bytes.length < MIN_PAYLOAD_BYTES) return undefined;
  const kind = kindOf(bytes);
  return kind === 'binary' || kind === 'text' || kind === 'wasm' ? undefined : kind;
}
