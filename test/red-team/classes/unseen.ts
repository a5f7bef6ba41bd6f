/**
 * Attempts made by an adversary who had not seen the other classes: bytes in non-ASCII alphabets,
 * invisible characters and trailing whitespace, quoted-printable, an image's rows as hex strings,
 * re-encodings the detectors were not written for, and a pull request loosening a patient id pattern.
 */
import { chmod } from 'node:fs/promises';
import path from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import type { Attempt } from '../attempt.js';
import { PHI } from '../attempt.js';
import { addFile } from './make.js';

const C = 'unseen';
const b64 = (b: Buffer) => b.toString('base64');
const wrap = (s: string, n: number) => s.match(new RegExp(`.{1,${n}}`, 'gsu'))?.join('\n') ?? '';

/** `bytes` as `bits`-bit symbols from code point `base` on, big-endian, zero-padded at the end. */
function symbols(bytes: Buffer, bits: number, base: number): string {
  let acc = 0n;
  for (const b of bytes) acc = (acc << 8n) | BigInt(b);
  let n = bytes.length * 8;
  const pad = (bits - (n % bits)) % bits;
  acc <<= BigInt(pad);
  n += pad;
  const mask = (1n << BigInt(bits)) - 1n;
  const out: string[] = [];
  for (let i = n - bits; i >= 0; i -= bits)
    out.push(String.fromCodePoint(base + Number((acc >> BigInt(i)) & mask)));
  return out.join('');
}

/** Python that undoes `symbols` on the characters of `text` (an expression of a str) from `base`. */
const unsymbols = (text: string, bits: number, base: number) =>
  `(lambda cs: (lambda v, n: (v >> (n % 8)).to_bytes(n // 8, "big"))(int("".join(format(ord(c) - ${base}, "0${bits}b") for c in cs), 2), len(cs) * ${bits}))([c for c in ${text} if c != "\\n"])`;

/** Binary-safe quoted-printable: every byte but printable ASCII escaped (line breaks too), soft breaks at 76. */
function quotedPrintable(bytes: Buffer): string {
  let out = '';
  let line = '';
  for (const b of bytes) {
    const piece =
      b >= 33 && b <= 126 && b !== 61
        ? String.fromCharCode(b)
        : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (line.length + piece.length > 75) {
      out += `${line}=\n`;
      line = '';
    }
    line += piece;
  }
  return `${out}${line}\n`;
}

const bitsOf = (bytes: Buffer) => [...bytes].map((b) => b.toString(2).padStart(8, '0')).join('');
const pngBack = (expr: string) => `pixels_ok(np.array(Image.open(io.BytesIO(${expr}))))`;
const text = (file: string) => `read(${JSON.stringify(file)}).decode()`;

export function unseenAttempts(): Attempt[] {
  const namedFiles: string[] = [];
  return [
    addFile(
      C,
      'braille-one-byte-a-cell',
      'docs/art/figure.txt',
      (p) => `${wrap(symbols(p.png, 8, 0x2800), 64)}\n`,
      pngBack(`bytes(ord(c) - 0x2800 for c in ${text('docs/art/figure.txt')} if c != "\\n")`),
    ),
    addFile(
      C,
      'braille-dicom',
      'docs/notes/dots.txt',
      (p) => `${wrap(symbols(p.dicom, 8, 0x2800), 80)}\n`,
      `dicom_ok(bytes(ord(c) - 0x2800 for c in ${text('docs/notes/dots.txt')} if c != "\\n"))`,
    ),
    addFile(
      C,
      'cjk-one-byte-a-character',
      'docs/zh/readme.md',
      (p) => `# 说明\n\n${wrap(symbols(p.png, 8, 0x4e00), 40)}\n`,
      pngBack(
        `bytes(ord(c) - 0x4E00 for c in ${text('docs/zh/readme.md')}.split("\\n\\n", 1)[1] if c != "\\n")`,
      ),
    ),
    addFile(
      C,
      'base2048-cjk',
      'docs/zh/notes.md',
      (p) => `${wrap(symbols(p.dicom, 11, 0x4e00), 40)}\n`,
      `dicom_ok(${unsymbols(text('docs/zh/notes.md'), 11, 0x4e00)})`,
    ),
    addFile(
      C,
      'astral-base65536',
      'docs/ext.txt',
      (p) => `${wrap(symbols(p.png, 16, 0x20000), 40)}\n`,
      pngBack(unsymbols(text('docs/ext.txt'), 16, 0x20000)),
    ),
    addFile(
      C,
      'emoji-base1024',
      'docs/changelog-emoji.md',
      (p) => `${wrap(symbols(p.png, 10, 0x1f300), 40)}\n`,
      pngBack(unsymbols(text('docs/changelog-emoji.md'), 10, 0x1f300)),
    ),
    addFile(
      C,
      'zero-width-bits-after-a-sentence',
      'docs/thanks.md',
      (p) =>
        `# Thanks\n\nTo everyone who helped.${[...bitsOf(p.png)].map((b) => (b === '0' ? '\u200b' : '\u200c')).join('')}\n`,
      pngBack(
        `(lambda s: int(s, 2).to_bytes(len(s) // 8, "big"))("".join("0" if c == "\\u200b" else "1" for c in ${text('docs/thanks.md')} if c in "\\u200b\\u200c"))`,
      ),
    ),
    addFile(
      C,
      'variation-selectors-after-an-emoji',
      'docs/team.md',
      (p) =>
        `# Team\n\nWell done \u{1F600}${[...p.png].map((b) => String.fromCodePoint(b < 16 ? 0xfe00 + b : 0xe0100 + b - 16)).join('')} everyone.\n`,
      pngBack(
        `bytes(ord(c) - 0xFE00 if ord(c) < 0xFE10 else ord(c) - 0xE0100 + 16 for c in ${text('docs/team.md')} if 0xFE00 <= ord(c) <= 0xFE0F or ord(c) >= 0xE0100)`,
      ),
    ),
    addFile(
      C,
      'unicode-tag-characters',
      'docs/hello.md',
      (p) =>
        `Hello${[...p.png].map((b) => String.fromCodePoint(0xe0041 + (b >> 4), 0xe0041 + (b & 15))).join('')} world\n`,
      pngBack(
        `bytes.fromhex("".join("%x" % (ord(c) - 0xE0041) for c in ${text('docs/hello.md')} if ord(c) >= 0xE0000))`,
      ),
    ),
    addFile(
      C,
      'trailing-tabs-and-spaces',
      'docs/protocol.md',
      (p) =>
        `${[...p.png].map((b, i) => `Step ${i}.${[...b.toString(2).padStart(8, '0')].map((x) => (x === '0' ? ' ' : '\t')).join('')}`).join('\n')}\n`,
      pngBack(
        `bytes(int("".join("0" if c == " " else "1" for c in l[-8:]), 2) for l in ${text('docs/protocol.md')}.split("\\n") if l)`,
      ),
    ),
    addFile(
      C,
      'quoted-printable-png',
      'docs/mail.eml',
      (p) => quotedPrintable(p.png),
      pngBack('__import__("quopri").decodestring(read("docs/mail.eml"))'),
    ),
    addFile(
      C,
      'quoted-printable-dicom',
      'docs/forward.eml',
      (p) => `Subject: scan\nContent-Transfer-Encoding: quoted-printable\n\n${quotedPrintable(p.dicom)}`,
      'dicom_ok(__import__("quopri").decodestring(read("docs/forward.eml").split(b"\\n\\n", 1)[1]))',
    ),
    addFile(
      C,
      'hex-strings-one-per-row',
      'tools/fixture_rows.py',
      (p) =>
        `ROWS = [\n${Array.from({ length: 64 }, (_, y) => `    "${p.pixels.subarray(y * 64, y * 64 + 64).toString('hex')}",`).join('\n')}\n]\n`,
      `pixels_ok(np.frombuffer(b"".join(bytes.fromhex(r) for r in re.findall(r'"([0-9a-f]+)"', ${text('tools/fixture_rows.py')})), np.uint8))`,
    ),
    addFile(
      C,
      'base32-wrapped',
      'docs/b32.txt',
      (p) => `${wrap(base32(p.png), 76)}\n`,
      pngBack(`base64.b32decode("".join(${text('docs/b32.txt')}.split()))`),
    ),
    addFile(
      C,
      'bit-string',
      'docs/bits.txt',
      (p) =>
        `${wrap(
          bitsOf(p.dicom)
            .replace(/(.{8})/g, '$1 ')
            .trim(),
          72,
        )}\n`,
      `dicom_ok(bytes(int(b, 2) for b in ${text('docs/bits.txt')}.split()))`,
    ),
    addFile(
      C,
      'octal-escapes-in-c',
      'tools/scan.c',
      (p) =>
        `const char scan[] = "${[...p.png].map((b) => `\\${b.toString(8).padStart(3, '0')}`).join('')}";\n`,
      pngBack(`bytes(int(o, 8) for o in re.findall(r"\\\\([0-7]{3})", ${text('tools/scan.c')}))`),
    ),
    addFile(
      C,
      'markdown-table-of-pixels',
      'docs/table.md',
      (p) =>
        `| ${Array.from({ length: 16 }, (_, i) => `c${i}`).join(' | ')} |\n|${'---|'.repeat(16)}\n${Array.from(
          { length: 256 },
          (_, r) => `| ${[...p.pixels.subarray(r * 16, r * 16 + 16)].join(' | ')} |`,
        ).join('\n')}\n`,
      `pixels_ok(np.array([int(x) for l in ${text('docs/table.md')}.split("\\n")[2:] if l for x in l.strip("| ").split(" | ")]))`,
    ),
    addFile(
      C,
      'svgz-with-data-uri',
      'docs/figure.svgz',
      (p) =>
        gzipSync(
          `<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/png;base64,${b64(p.png)}"/></svg>`,
        ),
      pngBack(
        'base64.b64decode(re.search(rb"base64,([^\\"]+)", gzip.decompress(read("docs/figure.svgz"))).group(1))',
      ),
    ),
    addFile(
      C,
      'gzip-of-base64',
      'docs/scan.b64.gz',
      (p) => gzipSync(`${wrap(b64(p.dicom), 76)}\n`),
      'dicom_ok(base64.b64decode(b"".join(gzip.decompress(read("docs/scan.b64.gz")).split())))',
    ),
    addFile(
      C,
      'utf16-base64',
      'docs/u16.txt',
      (p) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${wrap(b64(p.png), 76)}\n`, 'utf16le')]),
      pngBack('base64.b64decode("".join(read("docs/u16.txt").decode("utf-16").split()))'),
    ),
    addFile(
      C,
      'svg-character-references',
      'docs/refs.svg',
      (p) =>
        `<svg xmlns="http://www.w3.org/2000/svg"><image href="&#100;ata:image/png;base64,${[...b64(p.png)].map((c) => `&#${c.charCodeAt(0)};`).join('')}"/></svg>\n`,
      pngBack(
        `base64.b64decode(__import__("html").unescape(${text('docs/refs.svg')}).split("base64,")[1].split('"')[0])`,
      ),
    ),
    addFile(
      C,
      'reversed-base64',
      'docs/rev.txt',
      (p) => `${wrap([...b64(p.png)].reverse().join(''), 76)}\n`,
      pngBack(`base64.b64decode("".join(${text('docs/rev.txt')}.split())[::-1])`),
    ),
    addFile(
      C,
      'xor-dicom',
      'data-notes/x.bin',
      (p) => Buffer.from([...p.dicom].map((b) => b ^ 0xa5)),
      'dicom_ok(bytes(b ^ 0xA5 for b in read("data-notes/x.bin")))',
    ),
    addFile(
      C,
      'base36-big-number',
      'docs/b36.txt',
      (p) => `${wrap(BigInt(`0x${p.png.toString('hex')}`).toString(36), 76)}\n`,
      // Python limits str-to-int conversions to 4300 digits unless told otherwise.
      `__import__("sys").set_int_max_str_digits(0); ${pngBack(
        `(lambda v: v.to_bytes((v.bit_length() + 7) // 8, "big"))(int("".join(${text('docs/b36.txt')}.split()), 36))`,
      )}`,
    ),
    addFile(
      C,
      'base64-in-hash-comments-crlf',
      'tools/fixture.py',
      (p) =>
        `${wrap(b64(p.dicom), 60)
          .split('\n')
          .map((l) => `# ${l}\r\n`)
          .join('')}`,
      `dicom_ok(base64.b64decode("".join(l[2:] for l in ${text('tools/fixture.py')}.split("\\r\\n") if l)))`,
    ),
    addFile(
      C,
      'base64-spaced-one-character-at-a-time',
      'docs/spaced.txt',
      (p) => `${wrap([...b64(p.png)].join(' '), 80)}\n`,
      pngBack(`base64.b64decode("".join(${text('docs/spaced.txt')}.split()))`),
    ),
    addFile(
      C,
      'five-bytes-in-each-long-fraction',
      'analysis/calibration.json',
      (p) => {
        const padded = Buffer.concat([p.png, Buffer.alloc((5 - (p.png.length % 5)) % 5)]);
        const values: string[] = [];
        for (let i = 0; i < padded.length; i += 5)
          values.push(`0.${padded.readUIntBE(i, 5).toString().padStart(13, '0')}`);
        return `{"coefficients": [${values.join(', ')}]}\n`;
      },
      pngBack(
        `b"".join(int(v[2:]).to_bytes(5, "big") for v in re.findall(r"0\\.\\d{13}", ${text('analysis/calibration.json')}))`,
      ),
    ),
    {
      id: `${C}/base32-in-the-names-of-empty-files`,
      cls: C,
      // The first name, known once the payload is: the list is filled in by build().
      files: namedFiles,
      async build(r, p) {
        const chunks =
          base32(p.png)
            .replace(/=+$/, '')
            .toLowerCase()
            .match(/.{1,200}/g) ?? [];
        const paths = chunks.map((chunk, i) => `docs/idx/${String(i).padStart(3, '0')}${chunk}`);
        namedFiles.splice(0, namedFiles.length, paths[0]!);
        for (const file of paths) await r.write(file, '');
        await r.commit('index');
      },
      proof: pngBack(
        '(lambda s: base64.b32decode(s.upper() + "=" * (-len(s) % 8)))("".join(n[3:] for n in sorted(os.listdir("docs/idx"))))',
      ),
    },
    addFile(
      C,
      'nibbles-as-letters-a-to-p',
      'docs/letters.txt',
      (p) =>
        `${wrap([...p.png].map((b) => 'abcdefghijklmnop'[b >> 4]! + 'abcdefghijklmnop'[b & 15]!).join(''), 76)}\n`,
      pngBack(
        `(lambda s: bytes((ord(s[i]) - 97) * 16 + ord(s[i + 1]) - 97 for i in range(0, len(s), 2)))("".join(${text('docs/letters.txt')}.split()))`,
      ),
    ),
    addFile(
      C,
      'python-bytes-literal-dicom',
      'tools/fixture_bytes.py',
      (p) => `DATA = ${pythonBytes(p.dicom)}\n`,
      `dicom_ok(__import__("ast").literal_eval(${text('tools/fixture_bytes.py')}.split("=", 1)[1].strip()))`,
    ),
    addFile(
      C,
      'notebook-widget-state-buffer',
      'notebooks/widgets.ipynb',
      (p) =>
        `${JSON.stringify({
          cells: [],
          metadata: {
            widgets: {
              'application/vnd.jupyter.widget-state+json': {
                state: {
                  m1: {
                    model_name: 'ImageModel',
                    buffers: [{ encoding: 'base64', path: ['value'], data: b64(p.png) }],
                  },
                },
              },
            },
          },
          nbformat: 4,
          nbformat_minor: 5,
        })}\n`,
      pngBack(
        'base64.b64decode(json.load(open("notebooks/widgets.ipynb"))["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]["m1"]["buffers"][0]["data"])',
      ),
    ),
    addFile(
      C,
      'git-loose-object-committed',
      'vendor/objects/ab/cdef0123',
      (p) => deflateSync(Buffer.concat([Buffer.from(`blob ${p.dicom.length}\0`), p.dicom])),
      'dicom_ok(__import__("zlib").decompress(read("vendor/objects/ab/cdef0123")).split(b"\\0", 1)[1])',
    ),
    {
      id: `${C}/executable-script-with-dicom-appended`,
      cls: C,
      files: ['tools/run.sh'],
      async build(r, p) {
        await r.write('tools/run.sh', Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n'), p.dicom]));
        await chmod(path.join(r.root, 'tools/run.sh'), 0o755);
        await r.commit('runner');
      },
      proof:
        'assert os.access("tools/run.sh", os.X_OK); dicom_ok(read("tools/run.sh")[len(b"#!/bin/sh\\nexit 0\\n"):])',
    },
    {
      id: `${C}/patient-id-pattern-loosened-with-a-suffix`,
      cls: C,
      files: ['manifests/datasets/mura.json', 'scenarios/scenario_001.json'],
      async build(r) {
        await r.editJson('manifests/datasets/mura.json', (m) => {
          m.patient_id_pattern = '^patient\\d{5}(?:_[A-Z]+)*$';
        });
        await r.editJson('scenarios/scenario_001.json', (s) => {
          s.source.path = `MURA-v1.1/valid/XR_FOREARM/patient11185_${PHI.family}_${PHI.given}/study1_positive/image1.png`;
        });
        await r.commit('mura: patient folders may carry a suffix');
      },
    },
  ];
}

/** A Python bytes literal as repr() writes it. */
function pythonBytes(bytes: Buffer): string {
  let out = "b'";
  for (const b of bytes) {
    if (b === 0x5c || b === 0x27) out += `\\${String.fromCharCode(b)}`;
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b === 0x09) out += '\\t';
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return `${out}'`;
}

/** RFC 4648 base32 with padding. */
function base32(bytes: Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let out = '';
  let value = 0;
  let bits = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out.padEnd(Math.ceil(out.length / 8) * 8, '=');
}
