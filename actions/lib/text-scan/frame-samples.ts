/** The frames of a clip that get scanned: first, middle and last (text can appear mid-clip). */
export function frameSamples(count: number | undefined): number[] {
  if (!count || count < 1) return [0];
  return [...new Set([0, Math.floor(count / 2), count - 1])];
}
