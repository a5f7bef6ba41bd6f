import { createHash } from 'node:crypto';
import type { Policy } from '../schema/policy.js';
import type { ByteSource } from './byte-source.js';

export type AllowedBinary = Policy['allowed_binary_files'][number];

/** Hex SHA-256 of a blob's bytes, read front to back. */
export async function sha256Of(source: ByteSource): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of source.chunks()) hash.update(chunk);
  return hash.digest('hex');
}

/**
 * Whether an allowlist entry covers this content. A path alone proves nothing (a pull request can put
 * a DICOM at an allowed path): the content must be the base's at that path, or the one the entry pins.
 */
export async function allowsContent(
  entry: AllowedBinary | undefined,
  content: { oid?: string; baseOid?: string; source: ByteSource },
): Promise<boolean> {
  if (!entry) return false;
  if (content.oid !== undefined && content.oid === content.baseOid) return true;
  if (entry.sha256) return (await sha256Of(content.source)) === entry.sha256;
  return false;
}

/** What to add to a finding whose path is allowlisted but whose content the entry does not cover. */
export const ALLOWLIST_MISMATCH =
  'its allowlist entry covers only the content the base branch has at this path, or the content its sha256 pins';
