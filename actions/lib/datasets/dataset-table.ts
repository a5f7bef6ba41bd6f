import type { DatasetManifest } from '../schema/dataset-manifest.js';

/** One row of `datasets list`. */
export interface DatasetRow {
  id: string;
  provider: string;
  modality: string;
  count: string;
  registration: string;
  doi: string;
}

/** The headline count: the first count the manifest lists, with its unit. */
function headlineCount(m: DatasetManifest): string {
  const first = Object.entries(m.counts)[0];
  if (!first) return 'unknown';
  const [unit, value] = first;
  return value === 'unknown' ? `unknown ${unit}` : `${value.toLocaleString('en-US')} ${unit}`;
}

function shortProvider(name: string): string {
  const acronym = /\(([^)]+)\)\s*$/.exec(name);
  return acronym ? acronym[1]! : name;
}

/** Rows for the dataset table, in manifest order. */
export function datasetRows(datasets: readonly DatasetManifest[]): DatasetRow[] {
  return datasets.map((m) => ({
    id: m.id,
    provider: shortProvider(m.provider.name),
    modality: m.modalities.join(', '),
    count: headlineCount(m),
    registration: m.licence.registration_required
      ? m.licence.registration_per_user
        ? 'yes, per user'
        : 'yes'
      : 'no',
    doi: m.dataset_doi ?? 'none',
  }));
}

/** A plain-text table with a header row, columns padded to their widest cell. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return `${[line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`;
}
