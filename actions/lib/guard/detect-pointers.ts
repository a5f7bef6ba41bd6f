/**
 * Pointer files of large-file tools: the object they name is fetched from a store the repository
 * ships with or points to, so a pointer commits data as surely as the data itself.
 */
export type PointerKind = 'git-lfs' | 'git-annex' | 'dvc';

/** Pointers are small; a larger text merely mentioning a key is prose, not a pointer. */
const MAX_POINTER_BYTES = 4096;

const LFS = /^\s*version[ \t]+https?:\/\/(?:git-lfs\.github\.com|hawser\.github\.com)\/spec\/v\d/i;
const LFS_FIELDS = /(?:^|\n)[ \t]*oid[ \t]+sha256:[0-9a-f]{64}[ \t\r]*\n(?:[^\n]*\n)*?[ \t]*size[ \t]+\d+/i;
/** A git-annex key: backend, size field, `--`, hash (the unlocked-file pointer or a symlink target). */
const ANNEX = /(?:^|\/)annex\/objects\/(?:[^\s]*\/)?(?:[A-Z0-9_]+E?)-(?:s\d+-)?(?:[a-z]\d+-)*-?[^\s/]+/;
// Horizontal whitespace only: `\s*` after `(?:^|\n)` is quadratic on a run of blank lines.
const DVC_OUTS = /(?:^|\n)[ \t]*(?:outs|deps)[ \t]*:/;
const DVC_HASH = /(?:^|\n)[ \t-]*(?:md5|etag|checksum)[ \t]*:[ \t]*['"]?[0-9a-f]{32}/;

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
