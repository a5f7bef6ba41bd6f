import type { VerifyResult } from './verify.js';

/** One line per drifted output, naming the output, its source and what differs; then a total. */
export function formatDrift(result: VerifyResult): string {
  const lines = result.drift.map(
    (d) =>
      `${d.dataset}: ${d.output}${d.source === '' ? '' : `  (source ${d.source})`}  ${d.kind}: ${d.message}`,
  );
  lines.push(
    result.drift.length === 0
      ? `no drift: ${result.checked} entr${result.checked === 1 ? 'y' : 'ies'} checked`
      : `${result.drift.length} drifted, ${result.checked} entr${result.checked === 1 ? 'y' : 'ies'} checked`,
  );
  return `${lines.join('\n')}\n`;
}
