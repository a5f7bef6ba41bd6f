import type { FileHandle } from 'node:fs/promises';

/** Random and sequential access to the bytes of a file or of an in-memory archive member. */
export interface ByteSource {
  readonly size: number;
  /** Up to `length` bytes from `offset` (fewer at the end). */
  read(offset: number, length: number): Promise<Buffer>;
  /** The whole content in chunks, for formats read front to back (gzip, tar). */
  chunks(): AsyncIterable<Buffer>;
}

const CHUNK = 256 * 1024;

/** A source over bytes already in memory. */
export function bufferSource(buffer: Buffer): ByteSource {
  return {
    size: buffer.length,
    read: async (offset, length) => buffer.subarray(offset, Math.min(buffer.length, offset + length)),
    async *chunks() {
      for (let at = 0; at < buffer.length; at += CHUNK) yield buffer.subarray(at, at + CHUNK);
    },
  };
}

/** A source over an open file; the caller closes the handle. */
export function fileSource(handle: FileHandle, size: number): ByteSource {
  const read = async (offset: number, length: number): Promise<Buffer> => {
    const want = Math.max(0, Math.min(length, size - offset));
    const buffer = Buffer.alloc(want);
    let got = 0;
    while (got < want) {
      const { bytesRead } = await handle.read(buffer, got, want - got, offset + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return buffer.subarray(0, got);
  };
  return {
    size,
    read,
    async *chunks() {
      for (let at = 0; at < size; at += CHUNK) {
        const chunk = await read(at, CHUNK);
        if (chunk.length === 0) return;
        yield chunk;
      }
    },
  };
}

/** Reads exact byte counts from a chunked stream, front to back. */
export class ChunkReader {
  private readonly iterator: AsyncIterator<Buffer>;
  private pending: Buffer = Buffer.alloc(0);
  private ended = false;

  constructor(chunks: AsyncIterable<Buffer>) {
    this.iterator = chunks[Symbol.asyncIterator]();
  }

  /** `length` bytes, or fewer when the stream ends first. */
  async read(length: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let got = 0;
    while (got < length) {
      if (this.pending.length === 0 && !(await this.fill())) break;
      const take = this.pending.subarray(0, length - got);
      this.pending = this.pending.subarray(take.length);
      parts.push(take);
      got += take.length;
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  /** Skips `length` bytes without keeping them; false when the stream ended first. */
  async skip(length: number): Promise<boolean> {
    let left = length;
    while (left > 0) {
      if (this.pending.length === 0 && !(await this.fill())) return false;
      const take = Math.min(left, this.pending.length);
      this.pending = this.pending.subarray(take);
      left -= take;
    }
    return true;
  }

  private async fill(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.iterator.next();
    if (next.done) {
      this.ended = true;
      return false;
    }
    this.pending = next.value;
    return true;
  }
}
