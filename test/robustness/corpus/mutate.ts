/**
 * Seeded mutations of valid inputs, shared by the property tests and `npm run fuzz`: byte-level
 * damage aimed at DICOM element headers (lengths, tags, VRs), cuts, splices and inserted bytes; and
 * text- and value-level damage for JSON content files. The same seed always gives the same bytes.
 */
import { createPrng } from '../../../actions/lib/synth/prng.js';
import { elementSpans } from './element-boundaries.js';

/** A source of numbers in [0, 1). */
export type Random = () => number;

/** The synth generator's mulberry32: small, fast, and good enough to spread mutations; replayable from its seed. */
export function prng(seed: number): Random {
  return createPrng(seed).next;
}

const int = (random: Random, below: number) => Math.floor(random() * below);
const pick = <T>(random: Random, list: readonly T[]): T => list[int(random, list.length)]!;

const INTERESTING_16 = [0, 1, 2, 3, 7, 8, 15, 16, 17, 32, 33, 0x7fff, 0x8000, 0xfffe, 0xffff];
const INTERESTING_32 = [0, 1, 3, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 0x10000, 1e6];
/** Tags whose values steer decoding: pixel module, transfer syntax, item and delimiter tags. */
const STEERING_TAGS = [
  0x00280010, 0x00280011, 0x00280100, 0x00280101, 0x00280102, 0x00280002, 0x00280004, 0x00280008, 0x00280103,
  0x7fe00010, 0x00020010, 0xfffee000, 0xfffee00d, 0xfffee0dd, 0x00281201, 0x00283006,
];

/** One to `max` random mutations of `input` (a copy; the input is not changed). */
export function mutateBytes(input: Uint8Array, random: Random, max = 4): Uint8Array {
  let bytes: Uint8Array = new Uint8Array(input);
  const spans = elementSpans(input);
  const count = 1 + int(random, max);
  for (let m = 0; m < count && bytes.length > 0; m++) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const span = spans.length > 0 ? pick(random, spans) : undefined;
    const at = (n: number) =>
      span && span.offset + n < bytes.length ? span.offset + n : int(random, bytes.length);
    switch (int(random, 10)) {
      case 0: {
        const i = int(random, bytes.length);
        bytes[i] = bytes[i]! ^ (1 + int(random, 255));
        break;
      }
      case 1: {
        const i = at(span?.headerLength === 12 ? 8 : 6);
        if (i + 2 <= bytes.length) view.setUint16(i, pick(random, INTERESTING_16), true);
        break;
      }
      case 2: {
        const i = at(span?.headerLength === 12 ? 8 : 4);
        if (i + 4 <= bytes.length) view.setUint32(i, pick(random, INTERESTING_32), true);
        break;
      }
      case 3: {
        const i = at(0);
        const tag = pick(random, STEERING_TAGS);
        if (i + 4 <= bytes.length) {
          view.setUint16(i, tag >>> 16, true);
          view.setUint16(i + 2, tag & 0xffff, true);
        }
        break;
      }
      case 4: {
        const i = at(4);
        if (i + 2 <= bytes.length)
          bytes.set(
            new TextEncoder().encode(pick(random, ['OB', 'OW', 'SQ', 'UN', 'US', 'UL', 'DS', 'XX', '\0\0'])),
            i,
          );
        break;
      }
      case 5:
        bytes = bytes.slice(0, int(random, bytes.length));
        break;
      case 6: {
        const start = int(random, bytes.length);
        const end = Math.min(bytes.length, start + 1 + int(random, 64));
        bytes = concat(bytes.subarray(0, start), bytes.subarray(end));
        break;
      }
      case 7: {
        const start = int(random, bytes.length);
        const junk = Uint8Array.from({ length: 1 + int(random, 32) }, () => int(random, 256));
        bytes = concat(bytes.subarray(0, start), junk, bytes.subarray(start));
        break;
      }
      case 8: {
        // Duplicate a run of bytes elsewhere: repeated elements, items and fragments.
        const start = int(random, bytes.length);
        const run = bytes.slice(start, start + 1 + int(random, 128));
        const to = int(random, bytes.length);
        bytes = concat(bytes.subarray(0, to), run, bytes.subarray(to));
        break;
      }
      default: {
        // Overwrite a span of bytes with one value (zeros or 0xff): blanked headers and lengths.
        const start = at(0);
        bytes.fill(pick(random, [0, 0xff, 0x20]), start, Math.min(bytes.length, start + 1 + int(random, 16)));
      }
    }
  }
  return bytes;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const JSON_TOKENS = [
  '{',
  '}',
  '[',
  ']',
  '"',
  ',',
  ':',
  '\\',
  '\ufeff',
  '\u0000',
  'null',
  'true',
  '1e400',
  '-0',
  '-',
  '9'.repeat(40),
  '"__proto__"',
  '"\\ud800"',
  '"\\u0000"',
  '\n',
  '/*',
  '0x10',
  'NaN',
  '"a":1,',
];
const INTERESTING_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  0.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  '',
  'Doe^Jane',
  '../../etc/passwd',
  '/etc/passwd',
  [],
  {},
  [[[[[]]]]],
  { kind: 'dicom', frame: -1 },
  { __proto__: null },
  'x'.repeat(10_000),
];

/** One to `max` mutations of a JSON text: at the text level (tokens, cuts, lines) or the value level. */
export function mutateJsonText(text: string, random: Random, max = 3): string {
  let out = text;
  const count = 1 + int(random, max);
  for (let m = 0; m < count; m++) {
    const at = int(random, out.length + 1);
    switch (int(random, 7)) {
      case 0:
        out = out.slice(0, at) + pick(random, JSON_TOKENS) + out.slice(at);
        break;
      case 6: {
        // Deep nesting after the first '{': arrays or objects, from just past the limit to absurd.
        const depth = pick(random, [129, 1_000, 20_000, 200_000]);
        const deep =
          random() < 0.5
            ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
            : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
        const brace = out.indexOf('{');
        out = brace < 0 ? deep : `${out.slice(0, brace + 1)}"deep": ${deep},${out.slice(brace + 1)}`;
        break;
      }
      case 1:
        out = out.slice(0, at) + out.slice(Math.min(out.length, at + 1 + int(random, 40)));
        break;
      case 2: {
        const lines = out.split('\n');
        const i = int(random, lines.length);
        lines.splice(i, 0, lines[int(random, lines.length)]!);
        out = lines.join('\n');
        break;
      }
      case 3:
        out = out.slice(0, at);
        break;
      default:
        out = mutateJsonValue(out, random);
    }
  }
  return out;
}

const JSON_DEPTH_GUARD = /[[{]{200}|(\{"a":){200}/;

/** Replaces one value (or adds one key) somewhere in a parsable document; others stay as they are. */
function mutateJsonValue(text: string, random: Random): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  if (JSON_DEPTH_GUARD.test(text)) return text; // deep documents: text-level mutations only
  const containers: (Record<string, unknown> | unknown[])[] = [];
  const collect = (v: unknown, depth: number) => {
    if (v === null || typeof v !== 'object' || depth > 12) return;
    containers.push(v as Record<string, unknown>);
    for (const child of Object.values(v)) collect(child, depth + 1);
  };
  collect(value, 0);
  if (containers.length === 0) return JSON.stringify(pick(random, INTERESTING_VALUES));
  const target = pick(random, containers);
  const keys = Object.keys(target);
  const replacement = pick(random, INTERESTING_VALUES);
  if (keys.length > 0 && random() < 0.8)
    (target as Record<string, unknown>)[pick(random, keys)] = replacement;
  else if (Array.isArray(target)) target.push(replacement);
  else target[pick(random, ['extra', '__proto__', 'constructor', '$schema', 'id'])] = replacement;
  try {
    return JSON.stringify(value, null, random() < 0.5 ? 2 : undefined);
  } catch {
    return text; // nested too deep to serialise again: keep the text as it was
  }
}
