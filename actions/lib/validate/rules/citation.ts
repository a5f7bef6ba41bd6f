import type { Finding } from '../../findings/finding.js';
import { findingAt, type Rule } from '../rule.js';

/**
 * Every dataset manifest can be cited: the provider's acknowledgement, a DOI (or the reason there is
 * none), and at least one reference. Checked for all datasets, since any may be used next.
 */
export const citationRule: Rule = ({ datasetsById }) => {
  const findings: Finding[] = [];
  for (const loaded of datasetsById.values()) {
    const { citation, dataset_doi, dataset_doi_missing_reason, id } = loaded.value;
    if (citation.acknowledgement.trim() === '') {
      findings.push(
        findingAt(
          loaded,
          '/citation/acknowledgement',
          'citation/acknowledgement',
          'error',
          `dataset ${id}: the required acknowledgement text is empty; copy it verbatim from the provider`,
        ),
      );
    }
    if (dataset_doi === null && !dataset_doi_missing_reason?.trim()) {
      findings.push(
        findingAt(
          loaded,
          '/dataset_doi',
          'citation/doi',
          'error',
          `dataset ${id}: no DOI and no dataset_doi_missing_reason saying why`,
        ),
      );
    }
    if (citation.references.length === 0) {
      findings.push(
        findingAt(
          loaded,
          '/citation/references',
          'citation/references',
          'error',
          `dataset ${id}: at least one reference is required`,
        ),
      );
    }
    if (citation.bibtex.trim() === '') {
      findings.push(
        findingAt(loaded, '/citation/bibtex', 'citation/bibtex', 'warning', `dataset ${id}: no BibTeX entry`),
      );
    }
  }
  return findings;
};
