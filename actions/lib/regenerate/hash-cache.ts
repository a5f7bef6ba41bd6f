import { createHash } from 'node:crypto';
import { realpathSync, type Stats, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../fs/write-file-atomic.js';

/** What a file's bytes are assumed not to have changed under: (device, inode, size, mtime, ctime). */
export type StatKey = string;

/**
 * The key of a stat result. ctime is included because `touch -d` can forge mtime but not ctime.
 * Plain-number stats (mtimeMs keeps sub-microsecond precision for present dates): BigInt stats cost
 * more and make garbage, which adds up over 200,000 stats a plan.
 */
export function statKeyOf(st: Stats): StatKey {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}

/** statKeyOf as a JavaScript expression over `st`, for the eval'd worker sources that make keys too. */
export const STAT_KEY_EXPRESSION =
  "st.dev + ':' + st.ino + ':' + st.size + ':' + st.mtimeMs + ':' + st.ctimeMs";

/**
 * Stats a file (synchronously: planning is 100,000 stats and nothing else, and a sync stat avoids a
 * thread-pool round trip per file). Undefined when it is missing or not a regular file.
 */
export function statFile(file: string): { key: StatKey; size: number } | undefined {
  const st = statSync(file, { throwIfNoEntry: false });
  if (!st?.isFile()) return undefined;
  return { key: statKeyOf(st), size: st.size };
}

/** Where hash caches live: outside any repository, per user. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CLINICAL_MANIFESTS_CACHE_DIR) return env.CLINICAL_MANIFESTS_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'clinical-manifests');
}

/** A short, stable name for a directory (its real path hashed): caches are per data root / outputs dir. */
export function rootFingerprint(root: string): string {
  let real = path.resolve(root);
  try {
    real = realpathSync(real);
  } catch {
    // Not created yet (an outputs directory): the resolved path is as stable.
  }
  return createHash('sha256').update(real).digest('hex').slice(0, 16);
}

const CACHE_HEADER = 'clinical-manifests hash cache 2\n';

/**
 * sha256 of files by relative path, valid while their StatKey is unchanged. Lives outside the
 * repository (it names local inodes), one file per root; losing it only costs a rehash. Stored as
 * one line per file (`<path>\t<stat key> <sha256>`): three times faster to load than a JSON object
 * of 200,000 keys, and a torn last line is merely a miss.
 */
export class HashCache {
  private dirty = false;
  private constructor(
    readonly file: string | undefined,
    /** relative path → `<stat key> <sha256>`. */
    private readonly entries: Map<string, string>,
  ) {}

  /** A cache that remembers nothing and saves nothing. */
  static empty(): HashCache {
    return new HashCache(undefined, new Map());
  }

  /** Loads `<cacheDir>/hashes/<kind>-<fingerprint of root>.tsv`; a missing or unreadable cache is empty. */
  static async load(cacheDir: string, kind: 'sources' | 'outputs', root: string): Promise<HashCache> {
    const file = path.join(cacheDir, 'hashes', `${kind}-${rootFingerprint(root)}.tsv`);
    const entries = new Map<string, string>();
    try {
      const text = await readFile(file, 'utf8');
      if (text.startsWith(CACHE_HEADER)) {
        let start = CACHE_HEADER.length;
        while (start < text.length) {
          let end = text.indexOf('\n', start);
          if (end < 0) end = text.length;
          const tab = text.indexOf('\t', start);
          if (tab > start && tab < end) entries.set(text.slice(start, tab), text.slice(tab + 1, end));
          start = end + 1;
        }
      }
    } catch {
      // First run, or a cache damaged by a crash: start empty.
    }
    return new HashCache(file, entries);
  }

  /** The cached sha256 of `relative` if its stat key still matches. */
  get(relative: string, key: StatKey): string | undefined {
    const hit = this.entries.get(relative);
    if (
      hit === undefined ||
      hit.length !== key.length + 65 ||
      hit.charCodeAt(key.length) !== 32 ||
      !hit.startsWith(key)
    ) {
      return undefined;
    }
    return hit.slice(key.length + 1);
  }

  set(relative: string, key: StatKey, sha256: string): void {
    if (relative.includes('\n') || relative.includes('\t')) return;
    const value = `${key} ${sha256}`;
    if (this.entries.get(relative) === value) return;
    this.entries.set(relative, value);
    this.dirty = true;
  }

  /** Writes the cache atomically if anything changed (no fsync: it is only a cache). */
  async save(): Promise<void> {
    if (!this.file || !this.dirty) return;
    const lines = [CACHE_HEADER];
    for (const [relative, value] of this.entries) lines.push(`${relative}\t${value}\n`);
    await writeFileAtomic(this.file, lines.join(''), { fsync: false });
    this.dirty = false;
  }
}
