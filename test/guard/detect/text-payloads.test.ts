import { describe, expect, it } from 'vitest';
import { scanText } from '../../../actions/lib/guard/scan-text.js';
import { findingsFor, inTemp, noise, python, realDicom, realPng } from './make.js';

const png = realPng(32);

/** The one payload scanText finds in `text`, with what it decodes to. */
function only(text: string, file = 'a.txt') {
  const blobs = scanText(text, file);
  expect(blobs).toHaveLength(1);
  return blobs[0]!;
}

describe('text that carries pixels', () => {
  it('finds pixel arrays written as JSON, CSV or whitespace numbers', () => {
    const pixels = python(
      'import sys,numpy as np,json;sys.stdout.write(json.dumps({"pixels":np.random.default_rng(4).integers(0,256,(32,32)).tolist()}))',
    ).toString();
    expect(only(pixels, 'x.json')).toMatchObject({
      kind: 'numbers',
      decodesTo: 'pixel-array',
      decodedBytes: 1024,
    });
    const pretty = JSON.stringify(JSON.parse(pixels), null, 2);
    expect(only(pretty, 'x.json')).toMatchObject({ kind: 'numbers' });
    const csv = python(
      'import sys,numpy as np;a=np.random.default_rng(4).uniform(0,1,(16,64));sys.stdout.write("\\n".join(",".join(f"{v:.4f}" for v in r) for r in a))',
    ).toString();
    expect(only(`x,y\n${csv}\n`, 'x.csv')).toMatchObject({ kind: 'numbers' });
    const labelled = python(
      'import sys,numpy as np;a=np.random.default_rng(4).integers(0,4096,(40,40));sys.stdout.write("\\n".join(f"row{i}\\t"+"\\t".join(map(str,r)) for i,r in enumerate(a)))',
    ).toString();
    expect(only(labelled)).toMatchObject({ kind: 'numbers' });
  });

  it('finds a small image written as a list of byte values or split hex strings, at any size', () => {
    const thumb = realPng(8);
    expect(only(`img = [${[...thumb].join(', ')}]`, 'a.py')).toMatchObject({
      kind: 'numbers',
      decodesTo: 'png',
    });
    const signed = [...thumb].map((b) => (b > 127 ? b - 256 : b)).join(',');
    expect(only(`byte[] img = {${signed}};`, 'A.java')).toMatchObject({ decodesTo: 'png' });
    expect(only(JSON.stringify(thumb.toString('hex').match(/.{1,4}/g)), 'a.json')).toMatchObject({
      kind: 'hex',
      decodesTo: 'png',
    });
  });

  it('leaves short numeric tables and sorted lookup tables alone', () => {
    expect(
      scanText(`[${Array.from({ length: 200 }, (_, i) => (i * 37) % 256).join(',')}]`, 'a.json'),
    ).toEqual([]);
    expect(scanText(`[${Array.from({ length: 5000 }, (_, i) => i * 3).join(',')}]`, 'a.js')).toEqual([]);
  });

  it.each([
    ['xxd', 'xxd p.bin'],
    ['xxd -g1', 'xxd -g1 p.bin'],
    ['xxd -p', 'xxd -p p.bin'],
    ['xxd -i', 'xxd -i p.bin'],
    ['hexdump -C', 'hexdump -C p.bin'],
    ['hexdump', 'hexdump p.bin'],
    ['od -x', 'od -x p.bin'],
    ['od -t x1', 'od -A x -t x1 p.bin'],
    ['od -b', 'od -b p.bin'],
    [
      'base32',
      `/usr/bin/python3 -c "import base64,sys;sys.stdout.write(base64.b32encode(open('p.bin','rb').read()).decode())"`,
    ],
  ])('finds a PNG in a %s dump or encoding', (_, command) => {
    const dump = inTemp({ 'p.bin': png }, command).toString();
    expect(scanText(dump, 'dump.txt')[0]).toMatchObject({ decodesTo: 'png' });
  });

  it('finds byte tokens inside a line of code or a colon-separated string', () => {
    const bytes = realPng(8).toString('hex').match(/../g)!;
    expect(only(`const s = "${bytes.join(',')}";`, 'a.js')).toMatchObject({
      kind: 'hex-dump',
      decodesTo: 'png',
    });
    expect(only(`id = ${bytes.join(':')}`)).toMatchObject({ decodesTo: 'png' });
  });

  it('finds bit strings, HTML character references and a payload glued to a word', () => {
    const thumb = realPng(8);
    expect(only(`x = "${[...thumb].map((b) => b.toString(2).padStart(8, '0')).join('')}"`)).toMatchObject({
      decodesTo: 'png',
    });
    expect(only(`<p>${[...thumb].map((b) => `&#${b};`).join('')}</p>`, 'a.html')).toMatchObject({
      decodesTo: 'png',
    });
    expect(only(`x = "thumbnail${thumb.toString('base64')}"`)).toMatchObject({ decodesTo: 'png' });
  });

  it('leaves signature constants in source code alone', () => {
    expect(scanText('const PNG = "\\x89PNG\\r\\n\\x1a\\n"; const B = "iVBORw0KGgo=";', 'sniff.ts')).toEqual(
      [],
    );
  });

  it('finds Latin-1 bytes written into a JSON string', () => {
    expect(only(JSON.stringify({ img: realPng(8).toString('latin1') }), 'x.json')).toMatchObject({
      decodesTo: 'png',
    });
  });

  it('finds escaped byte strings: Python bytes reprs, C strings, percent-encoding', () => {
    const pyRepr = inTemp(
      { 'p.png': png },
      `/usr/bin/python3 -c "print(repr(open('p.png','rb').read()))"`,
    ).toString();
    expect(only(`data = ${pyRepr}\n`, 'a.py')).toMatchObject({ kind: 'escaped-bytes', decodesTo: 'png' });
    const c = [...png].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');
    expect(only(`const char *img = "${c}";`, 'a.c')).toMatchObject({ decodesTo: 'png' });
    const pct = [...png].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
    expect(scanText(`url = "${pct}"`, 'a.md')[0]).toMatchObject({ decodesTo: 'png' });
  });

  it('finds base64 across lines, escaped \\n, URL-safe, and split into JSON array strings', () => {
    const b64 = png.toString('base64');
    const wrapped = b64.match(/.{1,76}/g)!.join('\n');
    expect(only(`-----BEGIN IMAGE-----\n${wrapped}\n-----END IMAGE-----\n`)).toMatchObject({
      decodesTo: 'png',
    });
    const escaped = JSON.stringify({ img: b64.match(/.{1,60}/g)!.join('\n') });
    expect(escaped).toContain('\\n');
    expect(only(escaped, 'x.json')).toMatchObject({ decodesTo: 'png' });
    expect(only(`x = "${png.toString('base64url')}"`)).toMatchObject({ decodesTo: 'png' });
    const pieces: string[] = [];
    for (let at = 0, n = 5; at < b64.length; at += n, n = 3 + ((n * 7) % 23))
      pieces.push(b64.slice(at, at + n));
    expect(only(JSON.stringify({ parts: pieces }, null, 1), 'x.json')).toMatchObject({ decodesTo: 'png' });
    // Groups separated by spaces, as some dumps and hand-made files have them.
    expect(only(`x: ${b64.match(/.{1,4}/g)!.join(' ')}\n`)).toMatchObject({ decodesTo: 'png' });
    expect(only(`${b64.match(/.{1,12}/g)!.join(',')}\n`, 'x.csv')).toMatchObject({ decodesTo: 'png' });
    expect(
      only(
        `x: ${png
          .toString('hex')
          .match(/.{1,8}/g)!
          .join(' ')}\n`,
      ),
    ).toMatchObject({ decodesTo: 'png' });
    // Independently padded chunks, one per string.
    const chunks = [0, 1, 2, 3].map((i) => png.subarray(i * 200, (i + 1) * 200).toString('base64'));
    expect(only(JSON.stringify(chunks), 'x.json')).toMatchObject({ decodesTo: 'png' });
  });

  it('judges by decoded content: a tiny image at any size, raw bytes from a modest size, not text', () => {
    const tiny = realPng(4);
    expect(only(`t = "${tiny.toString('base64')}"`)).toMatchObject({ decodesTo: 'png' });
    expect(only(`r = "${noise(1200).toString('base64')}"`)).toMatchObject({ decodesTo: 'binary' });
    expect(scanText(`r = "${noise(300).toString('base64')}"`, 'a.txt')).toEqual([]);
    expect(scanText(`t = "${Buffer.from('plain words '.repeat(400)).toString('base64')}"`, 'a.txt')).toEqual(
      [],
    );
  });

  it('finds Ascii85, base85, uuencode and data URIs', () => {
    const a85 = inTemp(
      { 'p.png': png },
      `/usr/bin/python3 -c "import base64,sys;sys.stdout.write(base64.a85encode(open('p.png','rb').read(),adobe=True,wrapcol=72).decode())"`,
    ).toString();
    expect(only(a85)).toMatchObject({ kind: 'ascii85', decodesTo: 'png' });
    expect(only(JSON.stringify({ a: a85 }), 'x.json')).toMatchObject({ kind: 'ascii85', decodesTo: 'png' });
    const a85bare = inTemp(
      { 'p.png': png },
      `/usr/bin/python3 -c "import base64,sys;sys.stdout.write(base64.a85encode(open('p.png','rb').read(),wrapcol=72).decode())"`,
    ).toString();
    expect(only(a85bare)).toMatchObject({ decodesTo: 'png' });
    const b85 = inTemp(
      { 'p.png': png },
      `/usr/bin/python3 -c "import base64,sys;sys.stdout.write(base64.b85encode(open('p.png','rb').read()).decode())"`,
    ).toString();
    expect(only(b85)).toMatchObject({ decodesTo: 'png' });
    const uu = inTemp(
      {
        'p.png': png,
        'uu.py':
          "import binascii,sys\nd=open('p.png','rb').read()\nsys.stdout.write('begin 644 p.png\\n'+''.join(binascii.b2a_uu(d[i:i+45]).decode() for i in range(0,len(d),45))+'`\\nend\\n')\n",
      },
      '/usr/bin/python3 uu.py',
    ).toString();
    expect(only(uu)).toMatchObject({ kind: 'uuencode', decodesTo: 'png' });
    expect(only(`<img src="data:application/x-foo;base64,${png.toString('base64')}">`)).toMatchObject({
      kind: 'data-uri',
      decodesTo: 'png',
    });
  });

  it('finds a git binary patch and reports it as an error', async () => {
    const patch = inTemp(
      { 'scan.dcm': realDicom() },
      'git init -q . && git add scan.dcm && git -c user.name=a -c user.email=a@b commit -qm x && git show --binary --format= HEAD',
    ).toString();
    expect(patch).toContain('GIT binary patch');
    expect(only(patch, 'fix.patch')).toMatchObject({ kind: 'binary-patch', decodesTo: 'dicom' });
    expect(await findingsFor('fix.patch', Buffer.from(patch))).toMatchObject([
      { rule: 'guard/embedded-data', severity: 'error' },
    ]);
  });
});
