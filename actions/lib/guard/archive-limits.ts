import { detectContent } from './detect-data-file.js';

/** Bounds that keep a hostile archive (a zip bomb, a million members) from exhausting the runner. */
export interface ArchiveLimits {
  /** Bytes of each member inflated to recognise it. */
  memberHeadBytes: number;
  /** Nested archives up to this size are read whole and inspected; larger ones are a problem. */
  nestedArchiveBytes: number;
  /** Total output allowed when gunzipping a stream (a .tar.gz). */
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

/**
 * Called for each member with its first bytes and, when the member is a small archive, all of it.
 */
export type MemberVisitor = (name: string, head: Buffer, whole: Buffer | undefined) => Promise<void>;

/** True when a member starting with `head` is an archive small enough to read whole. */
export function wantsWhole(head: Buffer, size: number, limits: ArchiveLimits): boolean {
  return detectContent(head).class === 'archive' && size <= limits.nestedArchiveBytes;
}
