/**
 * Pointer files of large-file tools: the object they name is fetched from a store the repository
 * ships with or points to, so a pointer commits data as surely as the data itself.
 */
export type PointerKind = 'git-lfs' | 'git-annex' | 'dvc';

/** Pointers are small; a larger text merely mentioning a key is prose, not a pointer. */
const MAX_POINTER_BYTES = 4096;

const LFS = /^\s*version\s+https?:\/\/(?:git-lfs\.github\.com|hawser\.github\.com)\/spec\/v\d/i;
const LFS_FIELDS = /(?:^|\n)\s*oid\s+sha256:[0-9a-f]{64}\s*\r?\n[\s\S]*?(?:^|\n)\s*size\s+\d+/i;
/** A git-annex key: backend, size field, `--`, hash (the unlocked-file pointer or a symlink target). */
const ANNEX = /(?:^|\/)annex\/objects\/(?:[^\s]*\/)?(?:[A-Z0-9_]+E?)-(?:s\d+-)?(?:[a-z]\d+-)*-?[^\s/]+/;
const DVC_OUTS = /(?:^|\n)\s*(?:outs|deps)\s*:/;
const DVC_HASH = /(?:^|\n)[\s-]*(?:md5|etag|checksum|hash\s*:\s*md5[\s\S]*?md5)\s*:\s*['"]?[0-9a-f]{32}/;

/** The pointer kind `head` is, if it is one. */
export function detectPointer(head: Buffer): PointerKind | undefined {
  if (head.length === 0) return undefined;
  const text = head.toString('latin1', 0, Math.min(head.length, 64 * 1024));
  if (head.length <= MAX_POINTER_BYTES) {
    if (LFS.test(text) || LFS_FIELDS.test(text)) return 'git-lfs';
    const trimmed = text.trimStart();
    if (
      /^(?:\.\.\/)*(?:\.git\/)?annex\/objects\//.test(trimmed) ||
      (/^\/annex\/objects\//.test(trimmed) && ANNEX.test(trimmed))
    )
      return 'git-annex';
  }
  if (DVC_OUTS.test(text) && DVC_HASH.test(text)) return 'dvc';
  return undefined;
}
