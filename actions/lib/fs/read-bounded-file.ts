import { open } from 'node:fs/promises';

/**
 * Reads `file` when it holds at most `limit` bytes; otherwise returns only its size, without reading
 * it. The size is taken from the open handle and the read stops past `limit`, so a file that grows
 * while it is read cannot bring in more.
 */
export async function readBoundedFile(
  file: string,
  limit: number,
): Promise<{ bytes: Buffer; size: number } | { tooLarge: true; size: number }> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > limit) return { tooLarge: true, size };
    const buffer = Buffer.alloc(Math.min(size, limit) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > limit) return { tooLarge: true, size: length };
      if (length === buffer.length) break;
    }
    return { bytes: buffer.subarray(0, length), size: length };
  } finally {
    await handle.close();
  }
}
