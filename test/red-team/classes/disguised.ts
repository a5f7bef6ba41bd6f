/** Binaries that do not look like the formats a naive sniffer knows: each is pixels or a DICOM in disguise. */
import type { Attempt } from '../attempt.js';
import { bareDataset } from '../dicom-payload.js';
import { addFile, py } from './make.js';

const C = 'disguised-binary';
const one = (b: Buffer) => Buffer.concat([Buffer.from('x'), b]);

/** Handmade headers around real pixels, where no reader is installed (parquet, arrow, safetensors, NIfTI). */
function safetensors(data: Buffer): Buffer {
  let header = JSON.stringify({ sino: { dtype: 'F32', shape: [180, 64], data_offsets: [0, data.length] } });
  header = header.padEnd(Math.ceil(header.length / 8) * 8, ' ');
  const n = Buffer.alloc(8);
  n.writeBigUInt64LE(BigInt(header.length));
  return Buffer.concat([n, Buffer.from(header), data]);
}
function nifti(pixels: Buffer): Buffer {
  const h = Buffer.alloc(352);
  h.writeInt32LE(348, 0);
  for (const [i, v] of [3, 64, 64, 1, 1, 1, 1, 1].entries()) h.writeInt16LE(v, 40 + i * 2);
  h.writeInt16LE(2, 70); // uint8
  h.writeInt16LE(8, 72);
  h.writeFloatLE(352, 108);
  h.write('n+1\0', 344, 'latin1');
  return Buffer.concat([h, pixels]);
}

export function disguisedAttempts(): Attempt[] {
  const dicomAt = (f: string, skip = 0) => `dicom_ok(read(${py(f)})[${skip}:])`;
  return [
    addFile(
      C,
      'dicom-one-byte-prepended',
      'docs/figure.bin',
      (p) => one(p.dicom),
      `dicom_ok(sh("tail -c +2 docs/figure.bin"))`,
    ),
    addFile(
      C,
      'dicom-after-text-header',
      'docs/export-notes.txt',
      (p) => Buffer.concat([Buffer.from('Exported from PACS workstation\n'.repeat(20)), p.dicom]),
      `b = read("docs/export-notes.txt"); dicom_ok(b[b.index(b"DICM") - 128:])`,
    ),
    addFile(
      C,
      'dicom-no-preamble',
      'assets/reference.dat',
      (p) => bareDataset(p.dicom),
      dicomAt('assets/reference.dat'),
    ),
    addFile(
      C,
      'dicom-no-preamble-one-byte',
      'assets/ref.txt',
      (p) => one(bareDataset(p.dicom)),
      dicomAt('assets/ref.txt', 1),
    ),
    addFile(C, 'dicom-named-markdown', 'docs/scan-notes.md', (p) => p.dicom, dicomAt('docs/scan-notes.md')),
    addFile(
      C,
      'dicom-named-synthetic-png',
      'scenarios/synthetic_images/scenario_099.png',
      (p) => p.dicom,
      dicomAt('scenarios/synthetic_images/scenario_099.png'),
    ),
    addFile(
      C,
      'dicom-text-preamble',
      'docs/preamble.txt',
      (p) => Buffer.concat([Buffer.alloc(128, 0x41), p.dicom.subarray(128)]),
      dicomAt('docs/preamble.txt'),
    ),
    addFile(
      C,
      'dicom-three-bytes-prepended',
      'tools/fixture.js',
      (p) => Buffer.concat([Buffer.from('//\n'), p.dicom]),
      dicomAt('tools/fixture.js', 3),
    ),
    addFile(
      C,
      'pdf-xray',
      'docs/report.pdf',
      (p) => p.py.pdf as Buffer,
      `d = tempfile.mkdtemp(); sh(f"pdfimages -all docs/report.pdf {d}/img"); image_ok(read(glob.glob(d + "/img*")[0]))`,
    ),
    addFile(
      C,
      'pdf-named-txt',
      'docs/report.txt',
      (p) => p.py.pdf as Buffer,
      `d = tempfile.mkdtemp(); sh(f"pdfimages -all docs/report.txt {d}/img"); image_ok(read(glob.glob(d + "/img*")[0]))`,
    ),
    addFile(
      C,
      'raw-pixels-u8',
      'assets/scan.raw',
      (p) => p.pixels,
      `pixels_ok(np.frombuffer(read("assets/scan.raw"), np.uint8))`,
    ),
    addFile(
      C,
      'raw-pixels-no-nul-as-txt',
      'assets/values.txt',
      (p) => p.pixels,
      `pixels_ok(np.frombuffer(read("assets/values.txt"), np.uint8))`,
    ),
    addFile(
      C,
      'raw-pixels-u16',
      'assets/scan16.bin',
      (p) => Buffer.from(new Uint16Array([...p.pixels].map((v) => v * 200)).buffer),
      `pixels_ok(np.frombuffer(read("assets/scan16.bin"), "<u2") // 200)`,
    ),
    addFile(
      C,
      'pgm-binary',
      'assets/scan.pgm',
      (p) => p.pgmBinary,
      `pixels_ok(np.array(Image.open("assets/scan.pgm")))`,
    ),
    addFile(
      C,
      'pgm-ascii',
      'assets/scan-ascii.pgm',
      (p) => p.pgmAscii,
      `pixels_ok(np.array(Image.open("assets/scan-ascii.pgm")))`,
    ),
    addFile(
      C,
      'pgm-ascii-named-txt',
      'docs/table.txt',
      (p) => p.pgmAscii,
      `pixels_ok(np.array(Image.open("docs/table.txt")))`,
    ),
    addFile(
      C,
      'ppm-binary',
      'assets/scan.ppm',
      (p) => p.ppmBinary,
      `pixels_ok(np.array(Image.open("assets/scan.ppm").convert("L")))`,
    ),
    addFile(
      C,
      'ppm-ascii',
      'assets/scan-ascii.ppm',
      (p) => p.ppmAscii,
      `pixels_ok(np.array(Image.open("assets/scan-ascii.ppm").convert("L")))`,
    ),
    addFile(
      C,
      'pfm-sinogram',
      'assets/sino.pfm',
      (p) => p.pfm,
      `b = read("assets/sino.pfm"); sino_ok(np.frombuffer(b[len(b) - 180 * 64 * 4:], "<f4"))`,
    ),
    addFile(
      C,
      'mat-v5',
      'analysis/scan.mat',
      (p) => p.py.mat as Buffer,
      `pixels_ok(scipy.io.loadmat("analysis/scan.mat")["scan"])`,
    ),
    addFile(
      C,
      'mat-compressed-named-dat',
      'analysis/sino.dat',
      (p) => p.py['mat-compressed'] as Buffer,
      `sino_ok(scipy.io.loadmat(io.BytesIO(read("analysis/sino.dat")))["sino"])`,
    ),
    addFile(
      C,
      'mat-v4',
      'analysis/scan4.mat',
      (p) => p.py.mat4 as Buffer,
      `pixels_ok(scipy.io.loadmat("analysis/scan4.mat")["scan"])`,
    ),
    addFile(
      C,
      'sqlite-blob',
      'analysis/cache.sqlite',
      (p) => p.py.sqlite as Buffer,
      `image_ok(bytes.fromhex(sh("sqlite3 analysis/cache.sqlite 'select hex(png) from scans'").decode().strip()))`,
    ),
    addFile(
      C,
      'sqlite-named-json',
      'analysis/index.json',
      (p) => p.py.sqlite as Buffer,
      `image_ok(bytes.fromhex(sh("sqlite3 analysis/index.json 'select hex(png) from scans'").decode().strip()))`,
    ),
    addFile(
      C,
      'float-sinogram-no-nul',
      'assets/sino.bin',
      (p) => p.sinogram,
      `sino_ok(np.frombuffer(read("assets/sino.bin"), "<f4"))`,
    ),
    addFile(
      C,
      'float-sinogram-named-txt',
      'docs/sino.txt',
      (p) => p.sinogram,
      `sino_ok(np.frombuffer(read("docs/sino.txt"), "<f4"))`,
    ),
    addFile(
      C,
      'npy-float-sinogram',
      'analysis/sino.npy',
      (p) => p.py['npy-f32'] as Buffer,
      `sino_ok(np.load("analysis/sino.npy"))`,
    ),
    addFile(
      C,
      'npy-named-json',
      'analysis/array.json',
      (p) => p.py.npy as Buffer,
      `pixels_ok(np.load("analysis/array.json"))`,
    ),
    addFile(
      C,
      'npz',
      'analysis/arrays.npz',
      (p) => p.py.npz as Buffer,
      `pixels_ok(np.load("analysis/arrays.npz")["scan"])`,
    ),
    addFile(
      C,
      'tiff-le',
      'assets/scan.tif',
      (p) => p.py['tiff-le'] as Buffer,
      `pixels_ok(np.array(Image.open("assets/scan.tif")))`,
    ),
    addFile(
      C,
      'tiff-be-named-dat',
      'assets/scan16.dat',
      (p) => p.py['tiff-be'] as Buffer,
      `image_ok(read("assets/scan16.dat"))`,
    ),
    addFile(
      C,
      'safetensors',
      'model/sino.safetensors',
      (p) => safetensors(p.sinogram),
      `b = read("model/sino.safetensors"); n = int.from_bytes(b[:8], "little"); h = json.loads(b[8:8 + n]); s, e = h["sino"]["data_offsets"]; sino_ok(np.frombuffer(b[8 + n + s:8 + n + e], "<f4"))`,
    ),
    // No parquet or arrow reader is installed: the files carry the real magic around raw pixels.
    addFile(C, 'parquet-magic', 'analysis/table.parquet', (p) =>
      Buffer.concat([
        Buffer.from('PAR1'),
        p.pixels,
        Buffer.from([0x15, 0x00, 0x00, 0x00]),
        Buffer.from('PAR1'),
      ]),
    ),
    addFile(C, 'arrow-ipc-magic', 'analysis/table.arrow', (p) =>
      Buffer.concat([Buffer.from('ARROW1\0\0'), p.pixels, Buffer.from('ARROW1')]),
    ),
    addFile(
      C,
      'jpeg-named-txt',
      'docs/photo.txt',
      (p) => p.py.jpeg as Buffer,
      `image_ok(read("docs/photo.txt"))`,
    ),
    addFile(
      C,
      'png-one-byte-prepended',
      'assets/logo.bin',
      (p) => one(p.png),
      `pixels_ok(np.array(Image.open(io.BytesIO(read("assets/logo.bin")[1:]))))`,
    ),
    addFile(
      C,
      'webp',
      'assets/scan.webp',
      (p) => p.py.webp as Buffer,
      `pixels_ok(np.array(Image.open("assets/scan.webp").convert("L")))`,
    ),
    addFile(
      C,
      'bmp-named-csv',
      'analysis/values.csv',
      (p) => p.py.bmp as Buffer,
      `pixels_ok(np.array(Image.open("analysis/values.csv").convert("L")))`,
    ),
    addFile(C, 'gif', 'assets/scan.gif', (p) => p.py.gif as Buffer, `image_ok(read("assets/scan.gif"))`),
    addFile(
      C,
      'mjpeg-avi-echo',
      'assets/echo.avi',
      (p) => p.py.avi as Buffer,
      `image_ok(sh("ffmpeg -loglevel error -i assets/echo.avi -frames:v 1 -f image2pipe -vcodec png -"))`,
    ),
    addFile(
      C,
      'mjpeg-avi-named-log',
      'logs/run.log',
      (p) => p.py.avi as Buffer,
      `image_ok(sh("ffmpeg -loglevel error -f avi -i logs/run.log -frames:v 1 -f image2pipe -vcodec png -"))`,
    ),
    addFile(
      C,
      'nifti-named-bin',
      'assets/volume.bin',
      (p) => nifti(p.pixels),
      `b = read("assets/volume.bin"); assert int.from_bytes(b[:4], "little") == 348; pixels_ok(np.frombuffer(b[352:], np.uint8))`,
    ),
  ];
}
