import type { Finding } from '../findings/finding.js';
import type { FileObservation } from './inspect-content.js';
import { type SyntheticClaim, type SyntheticRenderer, verifySyntheticImage } from './synthetic-images.js';

const REMEDY =
  'remove it from git (and its history) or, if it is not data, list it in manifests/policy.json allowed_binary_files on the base branch with a reason and licence';

const ENCODING_NAMES: Record<string, string> = {
  base64: 'base64 blob',
  'base64-lines': 'base64 split over lines or strings',
  hex: 'hex blob',
  'hex-dump': 'hex dump',
  'escaped-bytes': 'escaped byte string',
  numbers: 'run of numbers',
  ascii85: 'Ascii85 blob',
  base85: 'base85 blob',
  uuencode: 'uuencoded blob',
  'binary-patch': 'git binary patch',
  symbols: 'run of non-ASCII symbols (an alphabet of bytes or bits)',
  whitespace: 'bits as trailing tabs and spaces',
};

function describeBlob(o: Extract<FileObservation, { type: 'embedded' }>): string {
  const b = o.blob;
  const size = b.decodedBytes !== undefined ? `${b.decodedBytes} bytes decoded` : `${b.length} characters`;
  const decoded =
    b.decodesTo === 'pixel-array'
      ? ' that can spell a pixel array'
      : b.decodesTo && b.decodesTo !== 'text'
        ? ` decoding to ${b.decodesTo === 'binary' ? 'unrecognised binary' : `${b.decodesTo} data`}`
        : '';
  switch (b.kind) {
    case 'data-uri':
      return `data: URI${b.mediaType ? ` of type ${b.mediaType}` : ''} (${size})${decoded}; images and data never go into text files`;
    case 'lfs-attribute':
      return 'Git LFS filter: LFS objects are still distributed with the repository; data must stay outside it';
    default:
      return `${ENCODING_NAMES[b.kind] ?? b.kind} (${size})${decoded}; images and binary data never go into text files, however encoded`;
  }
}

/**
 * Turns what the scan saw into findings. A data file passes only when it is a synthetic image its
 * scenario reproduces byte for byte, or when the policy allows it with a reason and licence.
 */
export async function observationFindings(
  root: string,
  observations: readonly FileObservation[],
  allowed: ReadonlySet<string>,
  claims: ReadonlyMap<string, SyntheticClaim[]>,
  render: SyntheticRenderer,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const error = (rule: string, file: string, message: string, at: { line?: number; column?: number } = {}) =>
    findings.push({ rule, severity: 'error', file, ...at, message });
  for (const o of observations) {
    if (allowed.has(o.file)) continue;
    switch (o.type) {
      case 'data': {
        const claim = claims.get(o.file);
        if (claim) {
          const problem = await verifySyntheticImage(root, o.file, claim, render);
          if (problem)
            error(
              'guard/synthetic-image',
              o.file,
              `synthetic image ${problem}; regenerate it with the generator`,
            );
        } else {
          error(
            'guard/data-file',
            o.file,
            `tracked ${o.kind} data (${o.size} bytes), not a synthetic image any scenario reproduces; ${REMEDY}`,
          );
        }
        break;
      }
      case 'archive': {
        if (o.hits.length > 0) {
          // Kinds only: member names inside an archive can carry identifiers (a patient's folder).
          const kinds = [...new Set(o.hits.map((h) => h.kind))];
          error(
            'guard/archive',
            o.file,
            `${o.kind} archive holds ${o.hits.length} member${o.hits.length === 1 ? '' : 's'} that may be data (${kinds.slice(0, 5).join(', ')}${kinds.length > 5 ? ', …' : ''}); ${REMEDY}`,
          );
        }
        for (const problem of o.problems.slice(0, 5)) {
          error(
            'guard/archive',
            o.file,
            `${o.kind} archive cannot be fully inspected (${problem}), so it may hold data; ${REMEDY}`,
          );
        }
        break;
      }
      case 'opaque-archive':
        error(
          'guard/archive',
          o.file,
          `${o.kind} archive (${o.size} bytes) whose contents the guard cannot inspect; ${REMEDY}`,
        );
        break;
      case 'lfs-pointer':
        error(
          'guard/lfs',
          o.file,
          'Git LFS pointer: the object it names is distributed with the repository; data must stay outside it',
          { line: 1, column: 1 },
        );
        break;
      case 'embedded':
        error(
          o.blob.kind === 'lfs-attribute' ? 'guard/lfs' : 'guard/embedded-data',
          o.file,
          describeBlob(o),
          { line: o.blob.line, column: o.blob.column },
        );
        break;
      case 'binary':
        // Fail closed: a binary the guard cannot name may be pixels in any layout (raw, packed floats).
        error(
          'guard/binary',
          o.file,
          `${o.format ? `${o.format} (${o.size} bytes)` : `binary file of unrecognised type (${o.size} bytes)`} may be data, which never goes into the repository; if it is not data, list it in manifests/policy.json allowed_binary_files on the base branch (a pull request cannot allow its own files) with a reason and licence`,
        );
        break;
      case 'pointer':
        error(
          'guard/pointer',
          o.file,
          `${o.kind === 'dvc' ? 'DVC' : 'git-annex'} pointer: the data it names is distributed with or alongside the repository; data must stay outside it`,
          { line: 1, column: 1 },
        );
        break;
      case 'symlink-escape':
        error(
          'guard/symlink',
          o.file,
          'symbolic link pointing outside the repository (it could expose a data directory)',
        );
        break;
      case 'unreadable':
        error('guard/unreadable', o.file, `cannot be read (${o.code}), so it cannot be checked`);
        break;
      case 'text-too-large':
        error(
          'guard/embedded-data',
          o.file,
          `text file of ${o.size} bytes is too large to scan for embedded data, so it cannot be fully inspected; ${REMEDY}`,
        );
        break;
    }
  }
  return findings;
}
