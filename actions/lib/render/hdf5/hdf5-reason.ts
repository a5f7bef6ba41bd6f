import { messageOf } from '../../errors.js';

/**
 * The innermost reason of an HDF5 error stack ("file signature not found"), instead of the whole
 * stack with its source paths.
 */
export function hdf5Reason(error: unknown): string {
  const message = messageOf(error);
  const reasons = [...message.matchAll(/ in [\w.]+\(\): (.+)$/gm)];
  const last = reasons[reasons.length - 1];
  return (last ? last[1]! : message.split('\n')[0]!).trim().slice(0, 200) || 'unknown HDF5 error';
}
