/** The per-class table of a red-team run: what the lead reads to see the gaps. */
import type { AttemptResult } from './corpus-runner.js';

export interface Summary {
  attempts: number;
  caught: number;
  crashes: string[];
  hangs: string[];
  leaks: string[];
  buildErrors: string[];
  unproven: string[];
  /** Attempts whose checks used more than 1 GB of memory. */
  overMemory: string[];
}

export function summarize(results: readonly AttemptResult[], proofs: Map<string, string | null>): Summary {
  return {
    attempts: results.length,
    caught: results.filter((r) => r.caught).length,
    crashes: results.filter((r) => r.crash).map((r) => `${r.id}: ${r.crash}`),
    hangs: results.filter((r) => r.hang).map((r) => r.id),
    leaks: results.filter((r) => r.leaks.length > 0).map((r) => `${r.id} (${r.leaks.length} marker(s))`),
    buildErrors: results.filter((r) => r.buildError).map((r) => `${r.id}: ${r.buildError}`),
    overMemory: results.filter((r) => r.peakRssMb > 1024).map((r) => `${r.id} (${r.peakRssMb} MB)`),
    unproven: [...proofs].filter(([, why]) => why !== null).map(([id, why]) => `${id}: ${why}`),
  };
}

export function formatReport(
  results: readonly AttemptResult[],
  proofs: Map<string, string | null>,
  noProof: readonly string[],
): string {
  const classes = [...new Set(results.map((r) => r.cls))];
  const rows = classes.map((cls) => {
    const rs = results.filter((r) => r.cls === cls);
    return [
      cls,
      String(rs.length),
      String(rs.filter((r) => r.caught).length),
      String(rs.filter((r) => r.crash).length),
      String(rs.filter((r) => r.hang).length),
      String(rs.filter((r) => r.leaks.length).length),
      rs
        .filter((r) => !r.caught)
        .map((r) => r.id.slice(cls.length + 1))
        .join(', '),
    ];
  });
  const s = summarize(results, proofs);
  rows.push([
    'TOTAL',
    String(s.attempts),
    String(s.caught),
    String(s.crashes.length),
    String(s.hangs.length),
    String(s.leaks.length),
    '',
  ]);
  const head = ['class', 'attempts', 'caught', 'crashes', 'hangs', 'leaks', 'missed'];
  const widths = head.map((h, i) =>
    Math.max(h.length, ...rows.slice(0, -1).map((r) => (i === 6 ? 0 : (r[i] ?? '').length))),
  );
  const line = (r: string[]) => r.map((c, i) => (i === 6 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
  const out = [line(head), ...rows.map(line)];
  out.push(
    '',
    `caught ${((100 * s.caught) / Math.max(1, s.attempts)).toFixed(1)}% as error findings naming the file`,
  );
  for (const [title, list] of [
    ['crashes', s.crashes],
    ['hangs', s.hangs],
    ['leaks', s.leaks],
    ['over 1 GB of memory', s.overMemory],
    ['corpus build errors', s.buildErrors],
    ['payloads NOT recovered by their proof (corpus fault)', s.unproven],
  ] as const) {
    if (list.length) out.push(`${title}:`, ...list.map((l) => `  ${l}`));
  }
  const heavy = [...results].sort((a, b) => b.peakRssMb - a.peakRssMb).slice(0, 4);
  out.push(`most memory: ${heavy.map((r) => `${r.id} ${r.peakRssMb} MB`).join(', ')}`);
  const slow = [...results].sort((a, b) => b.durationMs - a.durationMs).slice(0, 8);
  out.push(`slowest: ${slow.map((r) => `${r.id} ${(r.durationMs / 1000).toFixed(1)} s`).join(', ')}`);
  out.push(
    `proved with a standard tool: ${[...proofs.values()].filter((v) => v === null).length}; no standard tool here: ${noProof.length} (${noProof.join(', ')})`,
  );
  return `${out.join('\n')}\n`;
}
