/**
 * Containers scientists carry pixels and arrays in, recognised by their first bytes: array files,
 * tables, databases and astronomy or remote-sensing images. Each is data whatever it holds.
 */

export type ScienceKind =
  | 'npy'
  | 'matlab'
  | 'safetensors'
  | 'parquet'
  | 'arrow'
  | 'sqlite'
  | 'netpbm'
  | 'pfm'
  | 'fits'
  | 'envi'
  | 'vtk'
  | 'netcdf'
  | 'psd'
  | 'openexr'
  | 'radiance-hdr'
  | 'qoi'
  | 'jpeg-xl'
  | 'ecat'
  | 'mrc'
  | 'xpm'
  | 'xbm';

function text(head: Buffer, at: number, length: number): string {
  return head.length < at + length ? '' : head.toString('latin1', at, at + length);
}

/** The science container `head` starts with, if any. */
export function detectScienceKind(head: Buffer): ScienceKind | undefined {
  if (text(head, 0, 6) === '\x93NUMPY') return 'npy';
  // MATLAB v5/v7 and v7.3 (HDF5 behind a 512-byte user block that starts with the same text).
  if (/^MATLAB [4-9]\.\d+ MAT-file/.test(text(head, 0, Math.min(head.length, 24)))) return 'matlab';
  if (isSafetensors(head)) return 'safetensors';
  if (text(head, 0, 4) === 'PAR1') return 'parquet';
  if (text(head, 0, 6) === 'ARROW1' || text(head, 0, 4) === 'FEA1') return 'arrow';
  if (text(head, 0, 16) === 'SQLite format 3\0') return 'sqlite';
  const netpbm = netpbmKind(head);
  if (netpbm) return netpbm;
  if (/^SIMPLE {2}= {20}T/.test(text(head, 0, 30))) return 'fits';
  if (/^ENVI\r?\n/.test(text(head, 0, 6)) && /\bsamples\s*=/.test(text(head, 0, Math.min(head.length, 4096))))
    return 'envi';
  if (/^# vtk DataFile Version/.test(text(head, 0, 22))) return 'vtk';
  const cdf = text(head, 0, 4);
  if (cdf === 'CDF\x01' || cdf === 'CDF\x02' || cdf === 'CDF\x05') return 'netcdf';
  if (text(head, 0, 6) === '8BPS\0\x01' || text(head, 0, 6) === '8BPS\0\x02') return 'psd';
  if (head.length >= 4 && head.readUInt32BE(0) === 0x762f3101) return 'openexr';
  if (/^#\?(RADIANCE|RGBE)/.test(text(head, 0, 10))) return 'radiance-hdr';
  if (text(head, 0, 4) === 'qoif') return 'qoi';
  if (text(head, 0, 12) === '\0\0\0\x0cJXL \r\n\x87\n') return 'jpeg-xl';
  if (text(head, 0, 7) === 'MATRIX6' || text(head, 0, 7) === 'MATRIX7') return 'ecat';
  if (text(head, 208, 4) === 'MAP ' && head.length >= 1024) return 'mrc';
  // Images that are C source: X PixMap (a character per pixel) and X BitMap.
  const start = head.toString('latin1', 0, Math.min(head.length, 512));
  if (/^\s*\/\*\s*XPM\s*\*\//.test(start)) return 'xpm';
  if (/^\s*#define\s+\w+_width\s+\d+\s*\n\s*#define\s+\w+_height\s+\d+/.test(start)) return 'xbm';
  return undefined;
}

/** safetensors: an 8-byte little-endian header length, then that many bytes of JSON. */
function isSafetensors(head: Buffer): boolean {
  if (head.length < 10) return false;
  const length = head.readBigUInt64LE(0);
  return (
    length >= 2n &&
    length < 100_000_000n &&
    text(head, 8, 2).startsWith('{') &&
    /^\{\s*"/.test(text(head, 8, 4))
  );
}

/**
 * Netpbm: P1–P3 (ASCII), P4–P6 (binary), P7 (PAM), Pf/PF (PFM). The header must parse as the format
 * says (width, height, maxval) so a text starting with "P2" is not taken for an image.
 */
function netpbmKind(head: Buffer): 'netpbm' | 'pfm' | undefined {
  const magic = text(head, 0, 2);
  if (!/^P[1-7fF]$/.test(magic)) return undefined;
  const header = head.toString('latin1', 2, Math.min(head.length, 1024));
  if (magic === 'P7') {
    const fields = header.split(/\s+/);
    return /^\s*\n/.test(header) && ['WIDTH', 'HEIGHT', 'ENDHDR'].every((f) => fields.includes(f))
      ? 'netpbm'
      : undefined;
  }
  // Whitespace and comments between fields, as every Netpbm reader accepts.
  const fields: string[] = [];
  const want = magic === 'P1' || magic === 'P4' ? 2 : 3;
  const tokens = /\s+(?:#[^\n]*\n\s*)*(-?[0-9.eE+-]+)/gy;
  for (let i = 0; i < want; i++) {
    const match = tokens.exec(header);
    if (!match) return undefined;
    fields.push(match[1]!);
  }
  const [w, h, third] = fields.map(Number);
  if (!Number.isInteger(w) || !Number.isInteger(h) || w! < 1 || h! < 1) return undefined;
  if (magic === 'Pf' || magic === 'PF') return Number.isFinite(third) && third !== 0 ? 'pfm' : undefined;
  if (want === 3 && (!Number.isInteger(third) || third! < 1 || third! > 65535)) return undefined;
  return 'netpbm';
}
