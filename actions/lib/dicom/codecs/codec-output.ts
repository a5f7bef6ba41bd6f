import type { CodecFrameInfo } from './wasm-codec.js';

/** What every decoder returns: the samples of one frame, interleaved, in the codec's own container. */
export interface CodecOutput {
  values: Uint8Array | Uint16Array | Int16Array | Uint32Array;
  width: number;
  height: number;
  components: number;
  /** Samples are laid out plane after plane (RLE) rather than interleaved. */
  planar: boolean;
  /** The decoder turned YCbCr into RGB itself (JPEG, JPEG 2000 with a colour transform). */
  colourConverted: boolean;
}

/** A cornerstone decoder's frame (interleaved samples) as a CodecOutput. */
export function codecFrameOutput(
  decoded: Uint8Array,
  info: CodecFrameInfo,
  colourConverted: boolean,
): CodecOutput {
  return {
    values: samplesFromBytes(decoded, info),
    width: info.width,
    height: info.height,
    components: info.componentCount,
    planar: false,
    colourConverted,
  };
}

/** Views a cornerstone decoder's byte output as 8- or 16-bit samples. */
function samplesFromBytes(decoded: Uint8Array, info: CodecFrameInfo): CodecOutput['values'] {
  if (info.bitsPerSample <= 8) return decoded;
  // `decoded` is a fresh copy, so its buffer is aligned and owned.
  const count = decoded.byteLength >> 1;
  return info.isSigned
    ? new Int16Array(decoded.buffer, decoded.byteOffset, count)
    : new Uint16Array(decoded.buffer, decoded.byteOffset, count);
}
