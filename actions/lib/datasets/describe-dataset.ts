import type { DatasetManifest } from '../schema/dataset-manifest.js';
import { TERM_NAMES } from '../schema/vocabulary.js';

const TERM_LABELS: Record<(typeof TERM_NAMES)[number], string> = {
  non_commercial_research: 'Non-commercial research',
  academic_publication: 'Academic publication',
  model_training: 'Model training',
  commercial_use: 'Commercial use',
  redistribution: 'Redistribution of the data',
  derivative_works: 'Derivative works (e.g. processed images)',
  reidentification: 'Re-identification of people',
  labels_redistribution: 'Redistribution of labels',
};

/** Human wording of each data-use term, for info text and README checklists. */
export function termLabel(term: (typeof TERM_NAMES)[number]): string {
  return TERM_LABELS[term];
}

function layoutLine(e: DatasetManifest['layout']['entries'][number]): string {
  const extra: string[] = [];
  if (e.min_count !== undefined) extra.push(`at least ${e.min_count}`);
  if (e.csv_header) extra.push(`header: ${e.csv_header.join(',')}`);
  if (e.csv_has_header === false) extra.push('no header row');
  if (e.hdf5_keys) extra.push(`HDF5 keys: ${e.hdf5_keys.join(', ')}`);
  return `  ${e.kind.padEnd(4)}  ${e.path}\n        ${e.description}${extra.length ? `\n        ${extra.join('; ')}` : ''}`;
}

function labelLine(l: DatasetManifest['label_fields'][number]): string {
  const values = l.values?.map((v) => `${v.value === '' ? '(blank)' : v.value} = ${v.meaning}`).join(', ');
  const lines = [`  ${l.name} (${l.type}${l.unit ? `, ${l.unit}` : ''}) in ${l.source}: ${l.description}`];
  if (values) lines.push(`      values: ${values}`);
  if (l.findings.length) lines.push(`      findings: ${l.findings.join('; ')}`);
  return lines.join('\n');
}

/**
 * The text of `datasets info`: what the dataset is, its files and layout, labels, how to cite it,
 * every data-use term, how to get it, and what is unverified.
 */
export function describeDataset(m: DatasetManifest): string {
  const counts = Object.entries(m.counts).map(
    ([k, v]) => `${k.replace(/_/g, ' ')}: ${typeof v === 'number' ? v.toLocaleString('en-US') : v}`,
  );
  const sections = [
    `${m.title} (${m.id})`,
    `Provider: ${m.provider.name} <${m.provider.url}>`,
    `Landing page: ${m.landing_page}${m.portal_url && m.portal_url !== m.landing_page ? `\nPortal: ${m.portal_url}` : ''}`,
    m.description,
    `Modalities: ${m.modalities.join(', ')}    Anatomy: ${m.anatomy.join(', ')}\nCounts: ${counts.join('; ')}`,
    `Formats: ${m.formats.join(', ')}\nLayout (paths relative to DATA_ROOT/${m.id}/, top folder ${m.layout.root}):\n${m.layout.entries.map(layoutLine).join('\n')}`,
    `Labels:\n${m.label_fields.map(labelLine).join('\n')}\nPatient/case ids match: ${m.patient_id_pattern}`,
    [
      'Citation:',
      `  Dataset DOI: ${m.dataset_doi ?? `none (${m.dataset_doi_missing_reason ?? 'no reason given'})`}`,
      '  Required acknowledgement (verbatim):',
      `    "${m.citation.acknowledgement}"`,
      `    source: ${m.citation.acknowledgement_source}`,
      '  References:',
      ...m.citation.references.map(
        (r) =>
          `    - ${r.text}${r.doi ? ` doi:${r.doi}` : ''}${r.arxiv ? ` arXiv:${r.arxiv}` : ''}${r.url && !r.doi ? ` ${r.url}` : ''}`,
      ),
      '  BibTeX:',
      m.citation.bibtex
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n'),
    ].join('\n'),
    [
      `Licence: ${m.licence.name}`,
      `  ${m.licence.url}`,
      `  Registration required: ${m.licence.registration_required ? `yes${m.licence.registration_per_user ? ', each user individually' : ''}` : 'no'}`,
      '  Terms:',
      ...TERM_NAMES.map((t) => `    ${termLabel(t).padEnd(42)} ${m.licence.terms[t]}`),
      ...(m.licence.notes ?? []).map((n) => `  - ${n}`),
    ].join('\n'),
    ['Access, step by step:', ...m.access.steps.map((s, i) => `  ${i + 1}. ${s}`)].join('\n'),
  ];
  if (m.unverified.length) {
    sections.push(
      [
        'Unverified (check before relying on it):',
        ...m.unverified.map((u) => `  ${u.field}: ${u.source}${u.note ? ` (${u.note})` : ''}`),
      ].join('\n'),
    );
  }
  return `${sections.join('\n\n')}\n`;
}
