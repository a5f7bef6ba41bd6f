/**
 * 12-bit JPEG (DICOM "JPEG Extended", Process 4: sequential DCT, Huffman coding). The libjpeg-turbo
 * WASM build on npm is 8-bit only and no maintained npm package decodes 12-bit DCT, so this is a
 * small decoder of ITU-T T.81 sequential Huffman frames (any precision, interleaved or not, restart
 * intervals, any sampling factors). Progressive and arithmetic-coded frames are refused.
 */
import type { CodecOutput } from './codec-output.js';

const ZIGZAG = Int32Array.from([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7,
  14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46,
  53, 60, 61, 54, 47, 55, 62, 63,
]);

interface HuffmanTable {
  maxCode: Int32Array;
  valuePointer: Int32Array;
  minCode: Int32Array;
  values: Uint8Array;
}

interface Component {
  id: number;
  h: number;
  v: number;
  quantTable: number;
  blocksPerLine: number;
  blocksPerColumn: number;
  /** Samples, `blocksPerLine * 8` wide, padded to whole MCUs. */
  plane: Float64Array;
  planeWidth: number;
  dcPredictor: number;
  dcTable?: HuffmanTable;
  acTable?: HuffmanTable;
}

/** Decodes a sequential Huffman JPEG frame to interleaved 16-bit samples. */
export function decodeJpeg12(bytes: Uint8Array): CodecOutput {
  const quantTables: Int32Array[] = [];
  const dcTables: HuffmanTable[] = [];
  const acTables: HuffmanTable[] = [];
  let components: Component[] = [];
  let precision = 0;
  let width = 0;
  let height = 0;
  let maxH = 1;
  let maxV = 1;
  let mcusPerLine = 0;
  let mcusPerColumn = 0;
  let restartInterval = 0;
  let at = 2;
  const u16 = (i: number) => (bytes[i]! << 8) | bytes[i + 1]!;
  if (u16(0) !== 0xffd8) throw new Error('not a JPEG stream');

  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) throw new Error('marker expected');
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0xd9) break;
    const length = u16(at + 2);
    const body = at + 4;
    const end = at + 2 + length;
    if (end > bytes.length) throw new Error('segment runs past the end');
    switch (marker) {
      case 0xdb: {
        for (let p = body; p < end; ) {
          const sixteen = bytes[p]! >> 4;
          const table = new Int32Array(64);
          for (let k = 0; k < 64; k++) table[k] = sixteen ? u16(p + 1 + k * 2) : bytes[p + 1 + k]!;
          quantTables[bytes[p]! & 15] = table;
          p += 1 + 64 * (sixteen ? 2 : 1);
        }
        break;
      }
      case 0xc4: {
        for (let p = body; p < end; ) {
          const tableClass = bytes[p]! >> 4;
          const id = bytes[p]! & 15;
          const counts = bytes.subarray(p + 1, p + 17);
          const total = counts.reduce((a, b) => a + b, 0);
          const table = buildHuffman(counts, bytes.subarray(p + 17, p + 17 + total));
          (tableClass === 0 ? dcTables : acTables)[id] = table;
          p += 17 + total;
        }
        break;
      }
      case 0xdd:
        restartInterval = u16(body);
        break;
      case 0xc0:
      case 0xc1: {
        precision = bytes[body]!;
        // T.81 allows 8 and 12 bits for DCT. GDCM also writes 16-bit grey DCT, which IJG-based
        // decoders read the same way; 16-bit colour DCT has no agreed meaning, so it is refused.
        if (precision !== 8 && precision !== 12 && !(precision === 16 && bytes[body + 5] === 1)) {
          throw new Error('DCT precision must be 8 or 12 bits (16 for grey)');
        }
        height = u16(body + 1);
        width = u16(body + 3);
        const count = bytes[body + 5]!;
        components = [];
        for (let i = 0; i < count; i++) {
          const p = body + 6 + i * 3;
          components.push({
            id: bytes[p]!,
            h: bytes[p + 1]! >> 4 || 1,
            v: bytes[p + 1]! & 15 || 1,
            quantTable: bytes[p + 2]!,
            blocksPerLine: 0,
            blocksPerColumn: 0,
            plane: new Float64Array(0),
            planeWidth: 0,
            dcPredictor: 0,
          });
        }
        if (width === 0 || height === 0) throw new Error('frame size missing (DNL is not supported)');
        maxH = Math.max(...components.map((c) => c.h));
        maxV = Math.max(...components.map((c) => c.v));
        mcusPerLine = Math.ceil(width / (8 * maxH));
        mcusPerColumn = Math.ceil(height / (8 * maxV));
        for (const c of components) {
          c.blocksPerLine = Math.ceil(Math.ceil((width * c.h) / maxH) / 8);
          c.blocksPerColumn = Math.ceil(Math.ceil((height * c.v) / maxV) / 8);
          c.planeWidth = mcusPerLine * c.h * 8;
          c.plane = new Float64Array(c.planeWidth * mcusPerColumn * c.v * 8);
        }
        break;
      }
      case 0xda: {
        if (components.length === 0) throw new Error('scan before frame header');
        const count = bytes[body]!;
        const scan: Component[] = [];
        for (let i = 0; i < count; i++) {
          const id = bytes[body + 1 + i * 2]!;
          const tables = bytes[body + 2 + i * 2]!;
          const c = components.find((k) => k.id === id);
          if (!c) throw new Error('scan names an unknown component');
          c.dcTable = dcTables[tables >> 4];
          c.acTable = acTables[tables & 15];
          if (!c.dcTable || !c.acTable) throw new Error('scan uses an undefined Huffman table');
          scan.push(c);
        }
        at = decodeScan(
          bytes,
          end,
          scan,
          quantTables,
          restartInterval,
          mcusPerLine,
          mcusPerColumn,
          precision,
        );
        continue;
      }
      default:
        if (marker >= 0xc2 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
          throw new Error('only sequential Huffman JPEG is supported');
        }
    }
    at = end;
  }
  if (components.length === 0) throw new Error('no frame');

  const top = 2 ** precision - 1;
  const values = new Uint16Array(width * height * components.length);
  components.forEach((c, index) => {
    const sx = maxH / c.h;
    const sy = maxV / c.v;
    for (let y = 0; y < height; y++) {
      const row = Math.floor(y / sy) * c.planeWidth;
      for (let x = 0; x < width; x++) {
        const v = Math.round(c.plane[row + Math.floor(x / sx)]!);
        values[(y * width + x) * components.length + index] = v < 0 ? 0 : Math.min(v, top);
      }
    }
  });
  return { values, width, height, components: components.length, planar: false, colourConverted: false };
}

function buildHuffman(counts: Uint8Array, values: Uint8Array): HuffmanTable {
  const maxCode = new Int32Array(18).fill(-1);
  const valuePointer = new Int32Array(17);
  const minCode = new Int32Array(17);
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    const n = counts[length - 1]!;
    valuePointer[length] = k;
    minCode[length] = code;
    code += n;
    k += n;
    maxCode[length] = n ? code - 1 : -1;
    code <<= 1;
  }
  return { maxCode, valuePointer, minCode, values: values.slice() };
}

/** Decodes one scan's entropy-coded data; returns the offset of the marker that ends it. */
function decodeScan(
  bytes: Uint8Array,
  start: number,
  scan: Component[],
  quantTables: Int32Array[],
  restartInterval: number,
  mcusPerLine: number,
  mcusPerColumn: number,
  precision: number,
): number {
  let at = start;
  let bitBuffer = 0;
  let bitCount = 0;
  let hitMarker = false;

  const readBit = (): number => {
    if (bitCount === 0) {
      if (hitMarker || at >= bytes.length) return 0;
      const byte = bytes[at]!;
      if (byte === 0xff) {
        const next = bytes[at + 1];
        if (next === 0) {
          at += 2;
        } else {
          hitMarker = true; // A marker: the data ran out, feed zeros as decoders conventionally do.
          return 0;
        }
      } else {
        at++;
      }
      bitBuffer = byte;
      bitCount = 8;
    }
    bitCount--;
    return (bitBuffer >> bitCount) & 1;
  };
  const receive = (length: number): number => {
    let v = 0;
    for (let i = 0; i < length; i++) v = (v << 1) | readBit();
    return v;
  };
  const extend = (v: number, length: number): number => (v < 1 << (length - 1) ? v - (1 << length) + 1 : v);
  const decodeHuffman = (table: HuffmanTable): number => {
    let code = 0;
    for (let length = 1; length <= 16; length++) {
      code = (code << 1) | readBit();
      if (code <= table.maxCode[length]!)
        return table.values[table.valuePointer[length]! + code - table.minCode[length]!]!;
    }
    throw new Error('bad Huffman code');
  };

  const coefficients = new Float64Array(64);
  const workspace = new Float64Array(64);
  const decodeBlock = (c: Component, blockRow: number, blockColumn: number) => {
    const q = quantTables[c.quantTable];
    if (!q) throw new Error('undefined quantisation table');
    coefficients.fill(0);
    const t = decodeHuffman(c.dcTable!);
    c.dcPredictor += t === 0 ? 0 : extend(receive(t), t);
    coefficients[0] = c.dcPredictor * q[0]!;
    for (let k = 1; k < 64; ) {
      const rs = decodeHuffman(c.acTable!);
      const r = rs >> 4;
      const s = rs & 15;
      if (s === 0) {
        if (r !== 15) break;
        k += 16;
        continue;
      }
      k += r;
      if (k > 63) break;
      coefficients[ZIGZAG[k]!] = extend(receive(s), s) * q[k]!;
      k++;
    }
    idctIslow(
      coefficients,
      workspace,
      c.plane,
      blockRow * 8 * c.planeWidth + blockColumn * 8,
      c.planeWidth,
      precision,
    );
  };

  const restart = () => {
    bitCount = 0;
    hitMarker = false;
    while (at + 1 < bytes.length && !(bytes[at] === 0xff && bytes[at + 1]! >= 0xd0 && bytes[at + 1]! <= 0xd7))
      at++;
    at += 2;
    for (const c of scan) c.dcPredictor = 0;
  };

  for (const c of scan) c.dcPredictor = 0;
  const single = scan.length === 1 ? scan[0]! : undefined;
  const total = single ? single.blocksPerLine * single.blocksPerColumn : mcusPerLine * mcusPerColumn;
  for (let mcu = 0; mcu < total; mcu++) {
    if (restartInterval && mcu > 0 && mcu % restartInterval === 0) restart();
    if (single) {
      decodeBlock(single, Math.floor(mcu / single.blocksPerLine), mcu % single.blocksPerLine);
      continue;
    }
    const row = Math.floor(mcu / mcusPerLine);
    const column = mcu % mcusPerLine;
    for (const c of scan) {
      for (let v = 0; v < c.v; v++) {
        for (let h = 0; h < c.h; h++) decodeBlock(c, row * c.v + v, column * c.h + h);
      }
    }
  }
  // Continue after the entropy-coded data: find the next marker that is not a restart marker.
  while (
    at + 1 < bytes.length &&
    !(bytes[at] === 0xff && bytes[at + 1] !== 0 && !(bytes[at + 1]! >= 0xd0 && bytes[at + 1]! <= 0xd7))
  ) {
    at++;
  }
  return at;
}

/*
 * The IJG "islow" integer IDCT (jidctint.c), which GDCM's and libjpeg's 12-bit decoders use, so our
 * samples match theirs exactly rather than within a rounding step. Doubles keep the 32-bit products
 * of 12-bit data exact; `descale` is IJG's rounding arithmetic shift.
 */
const CONST_BITS = 13;
const F_0_298631336 = 2446;
const F_0_390180644 = 3196;
const F_0_541196100 = 4433;
const F_0_765366865 = 6270;
const F_0_899976223 = 7373;
const F_1_175875602 = 9633;
const F_1_501321110 = 12299;
const F_1_847759065 = 15137;
const F_1_961570560 = 16069;
const F_2_053119869 = 16819;
const F_2_562915447 = 20995;
const F_3_072711026 = 25172;

const descale = (x: number, n: number) => Math.floor((x + 2 ** (n - 1)) / 2 ** n);

/** One 8×8 block: dequantised coefficients (natural order) → samples written into `out`. */
function idctIslow(
  input: Float64Array,
  ws: Float64Array,
  out: Float64Array,
  origin: number,
  stride: number,
  precision: number,
): void {
  const pass1 = precision <= 8 ? 2 : 1;
  const center = 2 ** (precision - 1);
  const top = 2 ** precision - 1;
  const butterfly = (
    get: (k: number) => number,
    put: (k: number, value: number) => void,
    shift: number,
    evenShift: number,
  ) => {
    let z2 = get(2);
    let z3 = get(6);
    let z1 = (z2 + z3) * F_0_541196100;
    const t2 = z1 - z3 * F_1_847759065;
    const t3 = z1 + z2 * F_0_765366865;
    z2 = get(0);
    z3 = get(4);
    const t0 = (z2 + z3) * 2 ** evenShift;
    const t1 = (z2 - z3) * 2 ** evenShift;
    const t10 = t0 + t3;
    const t13 = t0 - t3;
    const t11 = t1 + t2;
    const t12 = t1 - t2;
    let o0 = get(7);
    let o1 = get(5);
    let o2 = get(3);
    let o3 = get(1);
    z1 = o0 + o3;
    z2 = o1 + o2;
    z3 = o0 + o2;
    let z4 = o1 + o3;
    const z5 = (z3 + z4) * F_1_175875602;
    o0 *= F_0_298631336;
    o1 *= F_2_053119869;
    o2 *= F_3_072711026;
    o3 *= F_1_501321110;
    z1 *= -F_0_899976223;
    z2 *= -F_2_562915447;
    z3 = z3 * -F_1_961570560 + z5;
    z4 = z4 * -F_0_390180644 + z5;
    o0 += z1 + z3;
    o1 += z2 + z4;
    o2 += z2 + z3;
    o3 += z1 + z4;
    put(0, descale(t10 + o3, shift));
    put(7, descale(t10 - o3, shift));
    put(1, descale(t11 + o2, shift));
    put(6, descale(t11 - o2, shift));
    put(2, descale(t12 + o1, shift));
    put(5, descale(t12 - o1, shift));
    put(3, descale(t13 + o0, shift));
    put(4, descale(t13 - o0, shift));
  };
  for (let col = 0; col < 8; col++) {
    butterfly(
      (k) => input[k * 8 + col]!,
      (k, v) => {
        ws[k * 8 + col] = v;
      },
      CONST_BITS - pass1,
      CONST_BITS,
    );
  }
  for (let row = 0; row < 8; row++) {
    const base = origin + row * stride;
    butterfly(
      (k) => ws[row * 8 + k]!,
      (k, v) => {
        const sample = v + center;
        out[base + k] = sample < 0 ? 0 : Math.min(sample, top);
      },
      CONST_BITS + pass1 + 3,
      CONST_BITS,
    );
  }
}
