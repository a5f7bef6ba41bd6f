import type { Finding } from '../findings/finding.js';
import type { TreeEntry } from './change-set.js';
import { scanText } from './scan-text.js';

/**
 * File names ship with the history like file contents do: a payload can be spelled by the names of
 * many empty files (base32 of an image, 200 characters a name). The names a pull request adds, one a
 * line in path order, are scanned as a text; a payload is reported on the path whose name starts it.
 */
export function nameFindings(baseTree: readonly TreeEntry[], added: readonly TreeEntry[]): Finding[] {
  const basePaths = new Set(baseTree.map((e) => e.path));
  const paths = [...new Set(added.map((e) => e.path))].filter((p) => !basePaths.has(p)).sort();
  if (paths.length === 0) return [];
  const names = paths.map((p) => p.slice(p.lastIndexOf('/') + 1));
  const findings: Finding[] = [];
  // Quoted, one a line, as a list of strings is: names that are hashes (a content-addressed folder)
  // read like a list of hashes, which is not a payload unless a signature or pixel rows show.
  for (const blob of scanText(names.map((n) => JSON.stringify(n)).join(',\n'), 'file names')) {
    const what = blob.decodesTo && blob.decodesTo !== 'binary' ? `${blob.decodesTo} data` : 'binary data';
    findings.push({
      rule: 'guard/embedded-data',
      severity: 'error',
      file: paths[blob.line - 1]!,
      message: `its name and the names after it spell ${what} (${blob.decodedBytes ?? blob.length} bytes decoded, ${blob.kind}); data never goes into file names either: rename the files (in the history too)`,
    });
  }
  return findings;
}
