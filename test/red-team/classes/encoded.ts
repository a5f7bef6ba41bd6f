/** Small or re-encoded payloads in text files: base64, hex, Ascii85, numbers, patches, notebooks. */
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import type { Attempt } from '../attempt.js';
import { addFile } from './make.js';

const C = 'encoded';
const b64 = (b: Buffer) => b.toString('base64');
const wrap = (s: string, n: number) => s.match(new RegExp(`.{1,${n}}`, 'g'))?.join('\n') ?? '';

/** A notebook whose one output is an image, as Jupyter saves it (base64 split into lines). */
function notebook(image: Buffer, mime = 'image/png'): string {
  return JSON.stringify(
    {
      cells: [
        {
          cell_type: 'code',
          execution_count: 1,
          metadata: {},
          source: ['plt.imshow(scan, cmap="gray")'],
          outputs: [
            {
              output_type: 'display_data',
              data: {
                [mime]: wrap(b64(image), 76)
                  .split('\n')
                  .map((l) => `${l}\n`),
                'text/plain': ['<Figure>'],
              },
              metadata: {},
            },
          ],
        },
      ],
      metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
}

/** Ascii85 (btoa form) of `b`, optionally Adobe-framed. */
function ascii85(b: Buffer, adobe: boolean): string {
  let out = '';
  for (let i = 0; i < b.length; i += 4) {
    const chunk = Buffer.alloc(4);
    b.copy(chunk, 0, i, Math.min(i + 4, b.length));
    const n = Math.min(4, b.length - i);
    let v = chunk.readUInt32BE(0);
    if (v === 0 && n === 4) {
      out += 'z';
      continue;
    }
    const digits: string[] = [];
    for (let k = 0; k < 5; k++) {
      digits.unshift(String.fromCharCode(33 + (v % 85)));
      v = Math.floor(v / 85);
    }
    out += digits.slice(0, n + 1).join('');
  }
  const body = wrap(out, 75);
  return adobe ? `<~${body}~>\n` : `${body}\n`;
}

/** uuencoded lines (45 bytes each), as `uuencode` writes them. */
function uuencode(b: Buffer): string {
  const lines: string[] = [];
  const ch = (v: number) => String.fromCharCode(32 + (v & 63));
  for (let i = 0; i < b.length; i += 45) {
    const part = b.subarray(i, i + 45);
    const padded = Buffer.concat([part, Buffer.alloc((3 - (part.length % 3)) % 3)]);
    let line = ch(part.length);
    for (let k = 0; k < padded.length; k += 3) {
      const v = ((padded[k] ?? 0) << 16) | ((padded[k + 1] ?? 0) << 8) | (padded[k + 2] ?? 0);
      line += ch(v >> 18) + ch(v >> 12) + ch(v >> 6) + ch(v);
    }
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}

export function encodedAttempts(): Attempt[] {
  const pngBack = (expr: string) => `pixels_ok(np.array(Image.open(io.BytesIO(${expr}))))`;
  return [
    addFile(
      C,
      'notebook-729-byte-thumbnail',
      'notebooks/explore.ipynb',
      (p) => notebook(p.thumbnail),
      'nb = json.load(open("notebooks/explore.ipynb")); image_ok(base64.b64decode("".join(nb["cells"][0]["outputs"][0]["data"]["image/png"])))',
    ),
    addFile(
      C,
      'notebook-jpeg-output',
      'notebooks/view.ipynb',
      (p) => notebook(p.py.jpeg as Buffer, 'image/jpeg'),
      'nb = json.load(open("notebooks/view.ipynb")); image_ok(base64.b64decode("".join(nb["cells"][0]["outputs"][0]["data"]["image/jpeg"])))',
    ),
    addFile(
      C,
      'base64-json-escaped-newlines',
      'docs/preview.json',
      (p) => `${JSON.stringify({ preview: wrap(b64(p.png), 60) }, null, 2)}\n`,
      pngBack('base64.b64decode(json.load(open("docs/preview.json"))["preview"])'),
    ),
    addFile(
      C,
      'base64-literal-backslash-n',
      'docs/blob.txt',
      (p) => `blob = "${wrap(b64(p.dicom), 64).replace(/\n/g, '\\n')}"\n`,
      'dicom_ok(base64.b64decode(read("docs/blob.txt").decode().split(\'"\')[1].replace("\\\\n", "")))',
    ),
    addFile(
      C,
      'base64-physical-lines-markdown',
      'docs/appendix.md',
      (p) => `# Appendix\n\nEncoded scan:\n\n${wrap(b64(p.dicom), 76)}\n`,
      'dicom_ok(base64.b64decode("".join(read("docs/appendix.md").decode().split("\\n\\n")[2].split())))',
    ),
    addFile(
      C,
      'base64-yaml-block',
      'config/fixture.yml',
      (p) =>
        `fixture:\n  name: sample\n  data: |\n${wrap(b64(p.png), 68)
          .split('\n')
          .map((l) => `    ${l}`)
          .join('\n')}\n`,
      pngBack('base64.b64decode("".join(read("config/fixture.yml").decode().split("data: |")[1].split()))'),
    ),
    addFile(
      C,
      'base64-string-concatenation-in-ts',
      'tools/fixture.ts',
      (p) =>
        `export const FIXTURE =\n${wrap(b64(p.dicom), 60)
          .split('\n')
          .map((l) => `  '${l}'`)
          .join(' +\n')};\n`,
      'dicom_ok(base64.b64decode("".join(re.findall(r"\'([A-Za-z0-9+/=]+)\'", read("tools/fixture.ts").decode()))))',
    ),
    addFile(
      C,
      'data-uri-markdown',
      'docs/gallery.md',
      (p) => `# Gallery\n\n![case](data:image/png;base64,${b64(p.png)})\n`,
      pngBack('base64.b64decode(re.search(r"base64,([^)]+)", read("docs/gallery.md").decode()).group(1))'),
    ),
    addFile(
      C,
      'data-uri-svg',
      'docs/diagram.svg',
      (p) =>
        `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><image href="data:image/jpeg;base64,${b64(p.py.jpeg as Buffer)}"/></svg>\n`,
      'image_ok(base64.b64decode(re.search(r"base64,([^\\"]+)", read("docs/diagram.svg").decode()).group(1)))',
    ),
    addFile(
      C,
      'xxd-hex-dump',
      'docs/dump.txt',
      (p) => execFileSync('xxd', [], { input: p.dicom }),
      'dicom_ok(sh("xxd -r docs/dump.txt"))',
    ),
    addFile(
      C,
      'plain-hex',
      'docs/hex.txt',
      (p) => execFileSync('xxd', ['-p'], { input: p.png }),
      pngBack('sh("xxd -r -p docs/hex.txt")'),
    ),
    addFile(
      C,
      'c-array',
      'tools/scan.h',
      (p) =>
        `static const unsigned char scan[] = {\n${wrap(
          [...p.png].map((v) => `0x${v.toString(16).padStart(2, '0')}, `).join(''),
          72,
        )}\n};\n`,
      pngBack('bytes(int(x, 16) for x in re.findall(r"0x([0-9a-f]{2})", read("tools/scan.h").decode()))'),
    ),
    addFile(
      C,
      'pixels-as-json-numbers',
      'analysis/pixels.json',
      (p) =>
        `${JSON.stringify({ rows: 64, data: Array.from({ length: 64 }, (_, y) => [...p.pixels.subarray(y * 64, y * 64 + 64)]) })}\n`,
      'pixels_ok(np.array(json.load(open("analysis/pixels.json"))["data"]))',
    ),
    addFile(
      C,
      'pixels-as-csv',
      'analysis/pixels.csv',
      (p) =>
        `${Array.from({ length: 64 }, (_, y) => [...p.pixels.subarray(y * 64, y * 64 + 64)].join(',')).join('\n')}\n`,
      'pixels_ok(np.loadtxt("analysis/pixels.csv", delimiter=","))',
    ),
    addFile(
      C,
      'sinogram-as-json-floats',
      'analysis/sino.json',
      (p) =>
        `${JSON.stringify(Array.from(new Float32Array(p.sinogram.buffer, p.sinogram.byteOffset, 180 * 64)))}\n`,
      'sino_ok(np.array(json.load(open("analysis/sino.json"))))',
    ),
    {
      id: `${C}/git-binary-patch`,
      cls: C,
      files: ['patches/add-scan.patch'],
      async build(r, p) {
        await r.write('scan.dcm', p.dicom);
        await r.git('add', 'scan.dcm');
        const patch = await r.git('diff', '--cached', '--binary');
        await r.git('rm', '-q', '--cached', 'scan.dcm');
        await r.remove('scan.dcm');
        await r.write('patches/add-scan.patch', patch);
        await r.commit('patch');
      },
      proof:
        'd = tempfile.mkdtemp(); sh(f"git init -q {d} && git -C {d} apply {os.getcwd()}/patches/add-scan.patch"); dicom_ok(read(d + "/scan.dcm"))',
    },
    addFile(
      C,
      'ascii85-wrapped',
      'docs/a85.txt',
      (p) => ascii85(p.png, false),
      pngBack('base64.a85decode(read("docs/a85.txt").decode(), ignorechars=b" \\n")'),
    ),
    addFile(
      C,
      'ascii85-adobe',
      'docs/figure.ps',
      (p) => `%!PS\n% image data\n${ascii85(p.dicom, true)}`,
      'dicom_ok(base64.a85decode(re.search(r"<~.*~>", read("docs/figure.ps").decode(), re.S).group(0), adobe=True, ignorechars=b" \\n"))',
    ),
    addFile(
      C,
      'uuencode',
      'docs/scan.uu',
      (p) => `begin 644 scan.png\n${uuencode(p.png)}\`\nend\n`,
      pngBack('b"".join(binascii.a2b_uu(l) for l in read("docs/scan.uu").decode().split("\\n")[1:-3])'),
    ),
    addFile(
      C,
      'base64-of-gzip-dicom',
      'docs/compressed.txt',
      (p) => `${wrap(b64(gzipSync(p.dicom)), 76)}\n`,
      'dicom_ok(gzip.decompress(base64.b64decode("".join(read("docs/compressed.txt").decode().split()))))',
    ),
    addFile(
      C,
      'base32',
      'docs/b32.txt',
      (p) => `${wrap(execFileSync('base32', ['-w0'], { input: p.png }).toString(), 72)}\n`,
      pngBack('base64.b32decode("".join(read("docs/b32.txt").decode().split()))'),
    ),
    addFile(
      C,
      'base64-crlf-escapes-in-js',
      'tools/blob.js',
      (p) => `module.exports = "${wrap(b64(p.thumbnail), 76).replace(/\n/g, '\\r\\n')}";\n`,
      'image_ok(base64.b64decode(read("tools/blob.js").decode().split(\'"\')[1].replace("\\\\r\\\\n", "")))',
    ),
    {
      id: `${C}/base64-in-scenario-field`,
      cls: C,
      files: ['scenarios/scenario_001.json'],
      async build(r, p) {
        await r.editJson('scenarios/scenario_001.json', (v) => {
          v.metadata.preview = b64(p.thumbnail);
        });
        await r.commit('preview');
      },
      proof:
        'image_ok(base64.b64decode(json.load(open("scenarios/scenario_001.json"))["metadata"]["preview"]))',
    },
  ];
}
