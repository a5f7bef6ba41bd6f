/** Bounds that keep a hostile archive (a zip bomb, a million members) from exhausting the runner. */
export interface ArchiveLimits {
  /** Bytes of each member inflated to recognise it when it is too large to read whole. */
  memberHeadBytes: number;
  /** Members up to this size are read whole and inspected like files; larger ones only by their head. */
  nestedArchiveBytes: number;
  /** Total output allowed when inflating, over one archive and everything nested in it. */
  maxInflatedBytes: number;
  maxEntries: number;
  maxDepth: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  memberHeadBytes: 64 * 1024,
  nestedArchiveBytes: 32 * 1024 * 1024,
  maxInflatedBytes: 1024 * 1024 * 1024,
  maxEntries: 100_000,
  maxDepth: 4,
};

/** Inflated bytes spent so far by one top-level archive, shared with everything nested in it. */
export interface InflateBudget {
  spent: number;
}

/**
 * Called for each member with its first bytes and, when the member is small enough, all of it.
 */
export type MemberVisitor = (name: string, head: Buffer, whole: Buffer | undefined) => Promise<void>;

/** True when a member of `size` bytes is read whole (and inspected like a file). */
export function wantsWhole(_head: Buffer, size: number, limits: ArchiveLimits): boolean {
  return size <= limits.nestedArchiveBytes;
}
