import { readdir } from 'node:fs/promises';
import path from 'node:path';

function segmentRegex(segment: string): RegExp {
  const body = segment.replace(/[.+^${}()|[\]\\?]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`^${body}$`);
}

async function entriesOf(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES') return [];
    throw error;
  }
}

/**
 * Counts paths under `dir` matching a glob (`*` within one folder name, `**` any number of folders),
 * walking only the folders the pattern can reach. Matches files and folders alike; never follows a
 * symbolic link to a folder, so a link cannot pull in data from elsewhere.
 */
export async function countGlob(dir: string, pattern: string): Promise<number> {
  const segments = pattern.split('/').filter((s) => s !== '' && s !== '.');
  const seen = new Set<string>();
  const walk = async (at: string, i: number): Promise<void> => {
    if (i === segments.length) {
      seen.add(at);
      return;
    }
    const segment = segments[i]!;
    if (segment === '**') {
      await walk(at, i + 1);
      for (const e of await entriesOf(at)) if (e.isDirectory()) await walk(path.join(at, e.name), i);
      return;
    }
    if (!segment.includes('*')) {
      const entries = await entriesOf(at);
      const e = entries.find((x) => x.name === segment);
      if (e && (i === segments.length - 1 || e.isDirectory())) await walk(path.join(at, segment), i + 1);
      return;
    }
    const re = segmentRegex(segment);
    for (const e of await entriesOf(at)) {
      if (re.test(e.name) && (i === segments.length - 1 || e.isDirectory()))
        await walk(path.join(at, e.name), i + 1);
    }
  };
  await walk(dir, 0);
  return seen.size;
}
