import { Readable } from 'node:stream';
import { constants, createGunzip, createInflateRaw } from 'node:zlib';

/**
 * The first `limit` bytes of a deflate (raw) or gzip stream, from a possibly truncated input. Reading a
 * prefix is enough to recognise what is inside, and bounds the work on a decompression bomb.
 * A corrupt stream gives what could be inflated before the damage.
 */
export function inflatePrefix(input: Buffer, format: 'raw' | 'gzip', limit: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const options = { finishFlush: constants.Z_SYNC_FLUSH };
    const z = format === 'raw' ? createInflateRaw(options) : createGunzip(options);
    const chunks: Buffer[] = [];
    let total = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      z.destroy();
      resolve(Buffer.concat(chunks).subarray(0, limit));
    };
    z.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= limit) finish();
    });
    z.on('end', finish);
    z.on('error', finish);
    z.end(input);
  });
}

/** Thrown when inflating would exceed the cap: the guard reports the archive instead of reading on. */
export class InflateLimitError extends Error {
  override name = 'InflateLimitError';
}

/** Gunzips a chunked stream lazily, throwing InflateLimitError past `maxBytes` of output. */
export async function* gunzipChunks(chunks: AsyncIterable<Buffer>, maxBytes: number): AsyncIterable<Buffer> {
  const gunzip = Readable.from(chunks).pipe(createGunzip());
  let total = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw new InflateLimitError(`inflates to more than ${maxBytes} bytes`);
      yield chunk;
    }
  } finally {
    gunzip.destroy();
  }
}
