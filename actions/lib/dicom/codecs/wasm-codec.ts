/**
 * Loads an Emscripten codec from the npm registry's @cornerstonejs packages once, on first use, and
 * hands out decoder objects that are freed after each frame (embind objects live in WASM memory).
 */
import { createRequire } from 'node:module';

/** What the cornerstone decoders report about a decoded frame. */
export interface CodecFrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned?: boolean;
}

/** The common shape of the cornerstone decoder classes (JPEGDecoder, JpegLSDecoder, J2KDecoder). */
export interface CodecDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  getDecodedBuffer(): Uint8Array;
  decode(): void;
  getFrameInfo(): CodecFrameInfo;
  delete(): void;
}

type CodecModule = Record<string, new () => CodecDecoder>;
type CodecFactory = (options: {
  locateFile?: (path: string, prefix: string) => string;
  print: (text: string) => void;
  printErr: (text: string) => void;
}) => Promise<CodecModule>;

// The library never prints: OpenJPEG in particular reports every header it reads.
const silent = () => {};

const require = createRequire(import.meta.url);

/**
 * Returns a function that resolves to the codec's module, loading it at most once.
 * `loadFactory` is a literal dynamic import so a bundler can see the module.
 */
export function lazyCodec(
  loadFactory: () => Promise<{ default: unknown }>,
  wasmSpecifier: string,
): () => Promise<CodecModule> {
  let loading: Promise<CodecModule> | undefined;
  return () => {
    loading ??= loadFactory().then((mod) => {
      const factory = mod.default as CodecFactory;
      let wasmPath: string | undefined;
      try {
        wasmPath = require.resolve(wasmSpecifier);
      } catch {
        wasmPath = undefined; // Let Emscripten look beside its own script.
      }
      const locateFile = wasmPath
        ? (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmPath : prefix + path)
        : undefined;
      return factory({ locateFile, print: silent, printErr: silent });
    });
    loading.catch(() => {
      loading = undefined;
    });
    return loading;
  };
}

/** Runs one decode with a fresh decoder, copying the output out of WASM memory before freeing it. */
export function decodeWith(
  module: CodecModule,
  className: string,
  encoded: Uint8Array,
): { info: CodecFrameInfo; decoded: Uint8Array } {
  const Decoder = module[className];
  if (!Decoder) throw new Error(`codec class ${className} missing`);
  const decoder = new Decoder();
  try {
    decoder.getEncodedBuffer(encoded.length).set(encoded);
    decoder.decode();
    const info = decoder.getFrameInfo();
    // A copy out of WASM memory, always a plain Uint8Array (OpenJPEG hands out a clamped view).
    const view = decoder.getDecodedBuffer();
    const decoded = new Uint8Array(view.length);
    decoded.set(view);
    return { info: { ...info }, decoded };
  } finally {
    decoder.delete();
  }
}
