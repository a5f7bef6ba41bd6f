import { Readable } from 'node:stream';
import { constants, createGunzip, createInflate, createInflateRaw } from 'node:zlib';

export type DeflateFormat = 'raw' | 'gzip' | 'zlib';

function inflater(format: DeflateFormat, options?: { finishFlush: number }) {
  return format === 'raw'
    ? createInflateRaw(options)
    : format === 'zlib'
      ? createInflate(options)
      : createGunzip(options);
}

/**
 * The first `limit` bytes of a deflate (raw), zlib or gzip stream, from a possibly truncated input.
 * Reading a prefix is enough to recognise what is inside, and bounds the work on a decompression bomb.
 * A corrupt stream gives what could be inflated before the damage.
 */
export function inflatePrefix(input: Buffer, format: DeflateFormat, limit: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const z = inflater(format, { finishFlush: constants.Z_SYNC_FLUSH });
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

/**
 * Inflates a chunked stream lazily, throwing InflateLimitError past `maxBytes` of output. When the
 * stream ends, `onEnd` gets the number of input bytes the decompressor consumed: bytes after the end
 * of the compressed data are invisible to gunzip but still in the repository.
 */
export async function* inflateChunks(
  chunks: AsyncIterable<Buffer>,
  format: DeflateFormat,
  maxBytes: number,
  onEnd?: (consumed: number) => void,
): AsyncIterable<Buffer> {
  const z = inflater(format);
  const stream = Readable.from(chunks).pipe(z);
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw new InflateLimitError(`inflates to more than ${maxBytes} bytes`);
      yield chunk;
    }
    onEnd?.(z.bytesWritten);
  } finally {
    z.destroy();
  }
}

/** Gunzips a chunked stream lazily, throwing InflateLimitError past `maxBytes` of output. */
export function gunzipChunks(chunks: AsyncIterable<Buffer>, maxBytes: number): AsyncIterable<Buffer> {
  return inflateChunks(chunks, 'gzip', maxBytes);
}
