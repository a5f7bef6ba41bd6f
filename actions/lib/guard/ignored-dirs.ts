import path from 'node:path';
import type { Finding } from '../findings/finding.js';
import { isInside } from '../fs/real-paths.js';
import type { JsonDocument } from '../json/json-document.js';
import { isIgnored } from '../tools/run-git.js';

/** A directory the policy names, and where it is named. */
export interface PolicyDir {
  dir: string;
  pointer: string;
  role: 'output' | 'data';
}

/**
 * Output and data directories inside the repository must be ignored by git, and nothing under them
 * may be tracked. Directories outside the repository are safe by construction.
 */
export async function ignoredDirFindings(
  root: string,
  dirs: readonly PolicyDir[],
  tracked: readonly string[],
  policyFile: string,
  policyDoc: JsonDocument | undefined,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const { dir, pointer, role } of dirs) {
    const full = path.resolve(root, dir);
    const relative = path.relative(root, full).split(path.sep).join('/');
    if (relative === '') {
      findings.push({
        rule: 'guard/ignored-dirs',
        severity: 'error',
        file: policyFile,
        ...policyDoc?.locate(pointer),
        message: `the ${role} directory is the repository root`,
      });
      continue;
    }
    if (!isInside(root, full)) continue;
    // A probe path below the directory: a `/outputs/` pattern matches directories only.
    if (!(await isIgnored(root, `${relative}/.clinical-manifests-probe`))) {
      findings.push({
        rule: 'guard/ignored-dirs',
        severity: 'error',
        file: policyFile,
        ...policyDoc?.locate(pointer),
        message: `${role} directory "${relative}/" is not ignored by git; add "/${relative}/" to .gitignore`,
      });
    }
    const prefix = `${relative}/`;
    for (const file of tracked) {
      if (file.startsWith(prefix)) {
        findings.push({
          rule: 'guard/ignored-dirs',
          severity: 'error',
          file,
          message: `tracked inside the ${role} directory "${prefix}"; remove it with \`git rm --cached\``,
        });
      }
    }
  }
  return findings;
}
