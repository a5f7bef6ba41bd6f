/**
 * True for a path that stays inside whatever root it is joined to: forward slashes, not absolute, no
 * drive letter, no `..` or `.` segment, no NUL. Lock files arrive through pull requests, so their paths
 * are checked before anything is read through them.
 */
export function isSafeRelativePath(p: string): boolean {
  if (p.length === 0 || p.startsWith('/') || p.includes('\\') || p.includes('\0') || /^[A-Za-z]:/.test(p))
    return false;
  for (const segment of p.split('/')) if (segment === '..' || segment === '.' || segment === '') return false;
  return true;
}
