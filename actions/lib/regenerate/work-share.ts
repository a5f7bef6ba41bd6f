import { createHash } from 'node:crypto';
import { UsageError } from '../errors.js';

/** `--shard I/N`: this run owns the outputs whose hash falls in share I of N (1-based). */
export interface WorkShare {
  index: number;
  count: number;
}

/** Parses `I/N` with 1 ≤ I ≤ N. */
export function parseWorkShare(text: string): WorkShare {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : Number.NaN;
  const count = match ? Number(match[2]) : Number.NaN;
  if (!match || count < 1 || index < 1 || index > count || count > 4096) {
    throw new UsageError(`--shard must be I/N with 1 ≤ I ≤ N ≤ 4096 (got "${text}")`);
  }
  return { index, count };
}

/**
 * True when `output` belongs to `share`. The key is a hash of the output path alone, so every
 * machine agrees on the split without talking to the others, and shares are disjoint and complete.
 */
export function inWorkShare(output: string, share: WorkShare | undefined): boolean {
  if (!share || share.count === 1) return true;
  const n = createHash('sha256').update(output).digest().readUInt32BE(0);
  return (n % share.count) + 1 === share.index;
}
