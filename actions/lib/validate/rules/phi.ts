import type { Finding } from '../../findings/finding.js';
import { pointerOf } from '../../json/json-document.js';
import type { LoadedFile } from '../../repository/load-json-file.js';
import { findingAt, type Rule } from '../rule.js';

/** Patterns of values that identify a patient or a study, with what each looks like. */
const VALUE_PATTERNS: { kind: string; pattern: RegExp }[] = [
  {
    kind: 'a DICOM UID',
    pattern: /^[0-2](?:\.(?:0|[1-9]\d*)){3,}$|(?<![\d.])[0-2](?:\.(?:0|[1-9]\d*)){5,}(?![\d.])/,
  },
  {
    kind: 'a DICOM date or date-time',
    pattern:
      /(?<!\d)(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:(?:[01]\d|2[0-3])(?:[0-5]\d){0,2}(?:\.\d{1,6})?)?(?!\d)/,
  },
  { kind: 'a DICOM time', pattern: /^(?:[01]\d|2[0-3])[0-5]\d[0-5]\d(?:\.\d{1,6})?$/ },
  { kind: 'a person name (Family^Given)', pattern: /[A-Za-z][A-Za-z'-]*\^[A-Za-z]/ },
  {
    kind: 'an absolute path',
    pattern:
      /^\/[^\s/]+\/|(?:^|[\s"'(=])(?:\/(?:home|Users|mnt|media|srv|data|scratch|nfs|storage|root)\/|[A-Za-z]:\\|\\\\[^\s\\]+\\)/,
  },
];

/** Metadata keys that would hold a direct identifier, whatever their value looks like. */
const IDENTIFIER_KEYS =
  /^(?:patient_?name|birth_?date|date_?of_?birth|dob|mrn|medical_?record_?number|accession(?:_?number)?|address|phone|e_?mail|ssn|social_?security)$/i;

/** Ids in synthetic scenarios must say they are synthetic, so they can never be mistaken for real ones. */
const SYNTHETIC_PATIENT_ID = /^synthetic[-_][A-Za-z0-9_-]+$/;

/** Visits every string with its path; iterative, so no input can exhaust the call stack. */
function walkStrings(root: unknown, visit: (s: string, path: (string | number)[]) => void): void {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') visit(value, path);
    else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value).reverse()) stack.push({ value: v, path: [...path, k] });
    }
  }
}

/** Reports every value that looks identifying; true when there was one. */
function scanValues(loaded: LoadedFile<unknown>, findings: Finding[]): boolean {
  const before = findings.length;
  walkStrings(loaded.doc?.value, (s, path) => {
    if (path[0] === '$schema') return;
    for (const { kind, pattern } of VALUE_PATTERNS) {
      if (pattern.test(s)) {
        // The message names the field and the kind, never the value itself.
        findings.push(
          findingAt(
            loaded,
            pointerOf(path),
            'phi/value',
            'error',
            `${pointerOf(path)} looks like ${kind}; no identifying value may be committed`,
          ),
        );
        return;
      }
    }
  });
  return findings.length > before;
}

/**
 * No value in scenarios or selections may look like patient or study identity: UIDs, DICOM dates and
 * times, person names, absolute paths, or a patient id outside the dataset's pseudonymous pattern.
 */
export const phiRule: Rule = ({ repo, datasetsById }) => {
  const findings: Finding[] = [];
  const flagged = new Set<string>();
  for (const loaded of [...repo.scenarios, ...repo.selections])
    if (scanValues(loaded, findings)) flagged.add(loaded.file);
  for (const loaded of repo.scenarios) {
    const scenario = loaded.value;
    if (!scenario) continue;
    for (const key of Object.keys(scenario.metadata)) {
      if (IDENTIFIER_KEYS.test(key)) {
        findings.push(
          findingAt(
            loaded,
            `/metadata/${key}`,
            'phi/identifier-field',
            'error',
            `metadata.${key} is a direct identifier; remove it`,
          ),
        );
      }
    }
    const patientId = scenario.metadata.patient_id;
    // A file with an identifying-looking value already fails; its patient id is not pattern-checked too.
    if (patientId === undefined || flagged.has(loaded.file)) continue;
    const patientIdProblem = (message: string) =>
      findings.push(findingAt(loaded, '/metadata/patient_id', 'phi/patient-id', 'error', message));
    const dataset = scenario.source ? datasetsById.get(scenario.source.dataset)?.value : undefined;
    if (scenario.source && dataset) {
      let pattern: RegExp | undefined;
      try {
        pattern = new RegExp(dataset.patient_id_pattern);
      } catch {
        findings.push(
          findingAt(
            datasetsById.get(dataset.id)!,
            '/patient_id_pattern',
            'phi/patient-id',
            'error',
            'patient_id_pattern is not a valid regular expression',
          ),
        );
      }
      if (pattern && !pattern.test(patientId)) {
        patientIdProblem(
          `metadata.patient_id does not match dataset ${dataset.id}'s pseudonymous id pattern ${dataset.patient_id_pattern}`,
        );
      }
    } else if (!scenario.source && !SYNTHETIC_PATIENT_ID.test(patientId)) {
      patientIdProblem(
        `a synthetic scenario's metadata.patient_id must match ${SYNTHETIC_PATIENT_ID.source}`,
      );
    }
  }
  return findings;
};
