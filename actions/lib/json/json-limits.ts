/**
 * How large each kind of JSON file may be. Parsing JSON costs many times its size in memory (a
 * 200 MB scenario took 2.5 GB before failing), so a file is refused by its size and by an upper
 * bound on its number of values before `JSON.parse` sees it.
 */

export type JsonKind = 'scenario' | 'selection' | 'dataset' | 'policy' | 'lock' | 'json';

const MiB = 1024 * 1024;

/**
 * Hand-written files are a few kilobytes (the largest dataset manifest is 16 KB). A lock file holds at
 * most 10,000 entries (~5.5 MB) before it is split into 256 shards by hash; 64 MiB per shard still
 * leaves room for a dataset of ~30 million images.
 */
export const JSON_SIZE_LIMITS: Readonly<Record<JsonKind, number>> = {
  scenario: 1 * MiB,
  selection: 1 * MiB,
  dataset: 4 * MiB,
  policy: 1 * MiB,
  lock: 64 * MiB,
  json: 16 * MiB,
};

/**
 * At most this many values in one file. A real lock entry is ~550 bytes and 16 values, so a 64 MiB
 * shard holds about 2 million; at the limit, the densest input (`[{},{},…]`, two values per three
 * bytes) parses into ~2 million objects, ~300 MB.
 */
export const MAX_JSON_VALUES = 4_000_000;

/**
 * An upper bound on the number of values in JSON `bytes`, counted without parsing: every value but the
 * first is the first member or element after a `{` or `[`, or follows a `,` (bytes inside strings are
 * counted too, so it only overestimates).
 */
export function jsonValueUpperBound(json: Uint8Array | string): number {
  let n = 1;
  if (typeof json === 'string') {
    for (let i = 0; i < json.length; i++) {
      const c = json.charCodeAt(i);
      if (c === 0x2c || c === 0x5b || c === 0x7b) n++;
    }
    return n;
  }
  for (let i = 0; i < json.length; i++) {
    const b = json[i]!;
    if (b === 0x2c || b === 0x5b || b === 0x7b) n++;
  }
  return n;
}

/** The reason `json` (bytes or text) is too large to parse as JSON of `kind`, or undefined when it is not. */
export function jsonTooLarge(kind: JsonKind, size: number, json?: Uint8Array | string): string | undefined {
  const limit = JSON_SIZE_LIMITS[kind];
  if (size > limit) return `file is ${size} bytes, larger than the ${limit} bytes a ${kind} file may be`;
  // Every value takes at least one byte: a file of fewer bytes than the limit needs no count.
  if (json !== undefined && json.length > MAX_JSON_VALUES && jsonValueUpperBound(json) > MAX_JSON_VALUES)
    return `file holds more than ${MAX_JSON_VALUES} JSON values`;
  return undefined;
}

/**
 * `jsonTooLarge` for text already in memory (a file read from git, perhaps cut short at the limit:
 * see `readBoundedFile`), so the size is not named.
 */
export function jsonTextTooLarge(kind: JsonKind, text: string): string | undefined {
  const limit = JSON_SIZE_LIMITS[kind];
  // UTF-8 takes at least one byte per UTF-16 unit: the length is a lower bound of the size.
  if (text.length > limit || Buffer.byteLength(text) > limit)
    return `file is larger than the ${limit} bytes a ${kind} file may be`;
  return jsonTooLarge(kind, 0, text);
}
