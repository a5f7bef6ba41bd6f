import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

const TEMP_MARK = '.tmp-';

/**
 * Writes a file so that a reader (or a crash at any moment) sees either the old bytes or the new ones:
 * a temp file in the same directory, fsync, rename over the target, fsync the directory. The temp
 * name does not end in `.json`, so nothing that lists content files ever picks up a half-written one.
 */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  options: { fsync?: boolean } = {},
): Promise<void> {
  const fsync = options.fsync ?? true;
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = path.join(
    dir,
    `.${path.basename(file)}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  const handle = await open(temp, 'w', 0o644);
  try {
    await handle.writeFile(data);
    if (fsync) await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  if (fsync) await syncDirectory(dir);
}

/** Makes a rename or unlink in `dir` durable. Some platforms cannot open a directory; that is fine. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Best effort: Windows and some network file systems refuse to fsync a directory.
  } finally {
    await handle?.close();
  }
}

/** Removes temp files a killed writer left behind in `dir` (recursively). Returns how many. */
export async function removeStaleTempFiles(dir: string): Promise<number> {
  let names: string[];
  try {
    names = (await readdir(dir, { recursive: true })) as string[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  const stale = names.filter((n) => path.basename(n).startsWith('.') && path.basename(n).includes(TEMP_MARK));
  await Promise.all(stale.map((n) => rm(path.join(dir, n), { force: true })));
  return stale.length;
}
