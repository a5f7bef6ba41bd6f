/**
 * Subresource-integrity hashes in package lock files (`"integrity": "sha512-…"` in package-lock.json,
 * `integrity sha512-…` in yarn.lock, `integrity: sha512-…` in pnpm-lock.yaml) are digests, not payloads:
 * hundreds of random 64-byte values, a few of which begin, by chance, with a two-byte signature
 * (compress's 1f 9d). Only a token of exactly a digest's length after the word `integrity` counts, so
 * at most one digest per such field passes unjudged; a payload beside it is still a chain of its own.
 */
const SRI =
  /\bintegrity"?\s*[:=]?\s*"?(sha256-[A-Za-z0-9+/]{43}=|sha384-[A-Za-z0-9+/]{64}|sha512-[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=_-])/g;

/** The text with each integrity digest overwritten by `!` (not base64, not a joiner), offsets kept. */
export function maskIntegrityDigests(text: string): string {
  if (!text.includes('integrity')) return text;
  return text.replace(
    SRI,
    (whole, digest: string) => whole.slice(0, whole.length - digest.length) + '!'.repeat(digest.length),
  );
}
