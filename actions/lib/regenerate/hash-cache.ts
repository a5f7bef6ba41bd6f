import { createHash } from 'node:crypto';
import { type BigIntStats, realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../locks/atomic-write.js';

/** What a file's bytes are assumed not to have changed under: (device, inode, size, mtime, ctime). */
export type StatKey = string;

/** The key of a stat result. ctime is included because `touch -d` can forge mtime but not ctime. */
export function statKeyOf(st: BigIntStats): StatKey {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
}

/**
 * Stats a file (synchronously: planning is 100,000 stats and nothing else, and a sync stat avoids a
 * thread-pool round trip per file). Undefined when it is missing or not a regular file.
 */
export function statFile(file: string): { key: StatKey; size: number } | undefined {
  const st = statSync(file, { bigint: true, throwIfNoEntry: false });
  if (!st?.isFile()) return undefined;
  return { key: statKeyOf(st), size: Number(st.size) };
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

/**
 * sha256 of files by relative path, valid while their StatKey is unchanged. Lives outside the
 * repository (it names local inodes), one file per root; losing it only costs a rehash.
 */
export class HashCache {
  private dirty = false;
  private constructor(
    readonly file: string | undefined,
    private readonly entries: Map<string, [StatKey, string]>,
  ) {}

  /** A cache that remembers nothing and saves nothing (for `verify`, which trusts no cache). */
  static empty(): HashCache {
    return new HashCache(undefined, new Map());
  }

  /** Loads `<cacheDir>/<kind>-<fingerprint of root>.json`; a missing or unreadable cache is empty. */
  static async load(cacheDir: string, kind: 'sources' | 'outputs', root: string): Promise<HashCache> {
    const file = path.join(cacheDir, 'hashes', `${kind}-${rootFingerprint(root)}.json`);
    const entries = new Map<string, [StatKey, string]>();
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as {
        format?: number;
        entries?: Record<string, [StatKey, string]>;
      };
      if (parsed.format === 1 && parsed.entries) {
        for (const [k, v] of Object.entries(parsed.entries)) {
          if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string') entries.set(k, v);
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
    return hit && hit[0] === key ? hit[1] : undefined;
  }

  set(relative: string, key: StatKey, sha256: string): void {
    const hit = this.entries.get(relative);
    if (hit && hit[0] === key && hit[1] === sha256) return;
    this.entries.set(relative, [key, sha256]);
    this.dirty = true;
  }

  /** Writes the cache atomically if anything changed (no fsync: it is only a cache). */
  async save(): Promise<void> {
    if (!this.file || !this.dirty) return;
    await writeFileAtomic(
      this.file,
      JSON.stringify({ format: 1, entries: Object.fromEntries(this.entries) }),
      { fsync: false },
    );
    this.dirty = false;
  }
}
