import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError, messageOf } from '../../errors.js';

/** Pulls the first bytes of a .nii or .nii.gz file, decompressing only as far as asked. */
export interface NiftiByteReader {
  /** The first `length` bytes (fewer only if the file ends first). Grows as needed. */
  read(length: number): Promise<Buffer>;
  close(): void;
}

/**
 * Opens a NIfTI file for reading from its start; gzip is recognised by its magic bytes, not the
 * name, and streamed: a slice near the start of a large .nii.gz is read without inflating the rest.
 */
export async function openNiftiBytes(file: string): Promise<NiftiByteReader> {
  const magic = Buffer.alloc(2);
  try {
    const handle = await open(file, 'r');
    try {
      await handle.read(magic, 0, 2, 0);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new InputError('nifti/unreadable', file, `cannot read the file (${messageOf(error)})`);
  }
  const gzip = magic[0] === 0x1f && magic[1] === 0x8b;
  const source = createReadStream(file);
  const stream: Readable = gzip ? source.pipe(createGunzip()) : source;
  if (gzip) source.on('error', (error) => stream.destroy(error));
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let have = 0;
  let ended = false;
  return {
    async read(length: number) {
      while (have < length && !ended) {
        let next: IteratorResult<Buffer>;
        try {
          next = await iterator.next();
        } catch (error) {
          const code = gzip ? 'nifti/bad-gzip' : 'nifti/unreadable';
          throw new InputError(
            code,
            file,
            `cannot read the ${gzip ? 'compressed ' : ''}data (${messageOf(error)})`,
          );
        }
        if (next.done) ended = true;
        else {
          chunks.push(next.value);
          have += next.value.length;
        }
      }
      const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      chunks.length = 0;
      chunks.push(all);
      return all.subarray(0, Math.min(length, all.length));
    },
    close() {
      stream.destroy();
      source.destroy();
    },
  };
}
