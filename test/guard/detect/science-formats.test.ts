import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inspect, inTemp, python, realPng } from './make.js';

const NP =
  'import sys,io,numpy as np;a=np.random.default_rng(2).integers(0,4096,(32,32),dtype=np.uint16);b=io.BytesIO()';
const OUT = ';sys.stdout.buffer.write(b.getvalue())';

describe('formats scientists carry pixels in', () => {
  it.each([
    ['npy', `${NP};np.save(b,a)${OUT}`],
    ['matlab', `${NP};import scipy.io;scipy.io.savemat(b,{"img":a})${OUT}`],
    [
      'matlab',
      `${NP};import h5py;f=h5py.File(b,"w",userblock_size=512);f["img"]=a;f.close();v=bytearray(b.getvalue());v[:116]=b"MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon Jan  1 00:00:00 2024 HDF5 schema 1.00 .".ljust(116);sys.stdout.buffer.write(bytes(v))`,
    ],
    ['hdf5', `${NP};import h5py;f=h5py.File(b,"w");f["img"]=a;f.close()${OUT}`],
    ['tiff', `${NP};from PIL import Image;Image.fromarray(a.astype(np.uint8)).save(b,"TIFF")${OUT}`],
    ['netpbm', `${NP};from PIL import Image;Image.fromarray(a.astype(np.uint8)).save(b,"PPM")${OUT}`],
    [
      'netpbm',
      `${NP};sys.stdout.buffer.write(("P2\\n# ascii\\n32 32\\n4095\\n"+" ".join(map(str,a.flatten()))+"\\n").encode())`,
    ],
    [
      'netpbm',
      `${NP};sys.stdout.buffer.write(("P1\\n32 32\\n"+" ".join(str(v&1) for v in a.flatten())+"\\n").encode())`,
    ],
    [
      'netpbm',
      `${NP};sys.stdout.buffer.write(("P3 32 32 255\\n"+" ".join(str(v%256) for v in a.flatten() for _ in range(3))).encode())`,
    ],
    [
      'netpbm',
      `${NP};sys.stdout.buffer.write(b"P7\\nWIDTH 32\\nHEIGHT 32\\nDEPTH 1\\nMAXVAL 65535\\nTUPLTYPE GRAYSCALE\\nENDHDR\\n"+a.astype(">u2").tobytes())`,
    ],
    ['pfm', `${NP};sys.stdout.buffer.write(b"Pf\\n32 32\\n-1.0\\n"+a.astype("<f4").tobytes())`],
    ['pfm', `${NP};sys.stdout.buffer.write(b"PF\\n32 32\\n1.0\\n"+np.repeat(a,3).astype(">f4").tobytes())`],
    [
      'safetensors',
      `import sys,json,struct,numpy as np;d=np.ones((32,32),"<f4").tobytes();h=json.dumps({"img":{"dtype":"F32","shape":[32,32],"data_offsets":[0,len(d)]}}).encode();sys.stdout.buffer.write(struct.pack("<Q",len(h))+h+d)`,
    ],
    [
      'fits',
      `${NP};h="".join(c.ljust(80) for c in ["SIMPLE  =                    T","BITPIX  =                   16","NAXIS   =                    2","NAXIS1  =                   32","NAXIS2  =                   32","END"]).ljust(2880);sys.stdout.buffer.write(h.encode()+a.astype(">i2").tobytes())`,
    ],
    [
      'nrrd',
      `${NP};sys.stdout.buffer.write(b"NRRD0004\\ntype: uint16\\ndimension: 2\\nsizes: 32 32\\nencoding: raw\\n\\n"+a.tobytes())`,
    ],
    [
      'metaimage',
      `import sys;sys.stdout.buffer.write(b"ObjectType = Image\\nNDims = 2\\nDimSize = 32 32\\nElementType = MET_USHORT\\nElementDataFile = img.raw\\n")`,
    ],
    [
      'envi',
      `import sys;sys.stdout.buffer.write(b"ENVI\\nsamples = 32\\nlines = 32\\nbands = 1\\ndata type = 12\\ninterleave = bsq\\n")`,
    ],
    [
      'xbm',
      `${NP};from PIL import Image;Image.fromarray(((a&1)*255).astype(np.uint8)).convert("1").save(b,"XBM")${OUT}`,
    ],
    [
      'xpm',
      `import sys;sys.stdout.write('/* XPM */\\nstatic char *img[] = {\\n"2 2 2 1",\\n"a c #000000",\\n"b c #ffffff",\\n"ab",\\n"ba"};\\n')`,
    ],
    ['arrow', `import sys;sys.stdout.buffer.write(b"ARROW1\\x00\\x00"+bytes(range(256))*8)`],
    ['parquet', `import sys;sys.stdout.buffer.write(b"PAR1"+bytes(range(256))*8+b"PAR1")`],
  ])('recognises %s', async (kind, script) => {
    expect(await inspect('f', python(script))).toMatchObject([{ type: 'data', kind }]);
  });

  it('recognises an SQLite database holding an image as a BLOB', async () => {
    const db = inTemp(
      { 'img.png': realPng() },
      'sqlite3 x.db "create table t(b blob); insert into t values(readfile(\'img.png\'));"',
      'x.db',
    );
    expect(await inspect('results.db', db)).toMatchObject([{ type: 'data', kind: 'sqlite' }]);
  });

  it('reports a PDF holding an image XObject (pdfimages gets it back), even in an object stream', async () => {
    const png = realPng(24);
    const pdf = inTemp(
      { 'a.png': png },
      `/usr/bin/python3 -c "
from PIL import Image
Image.open('a.png').convert('L').save('out.pdf')"`,
      'out.pdf',
    );
    expect(inTemp({ 'x.pdf': pdf }, 'pdfimages -list x.pdf').toString()).toMatch(/image/);
    expect(await inspect('report.pdf', pdf)).toMatchObject([{ type: 'data', kind: 'pdf-images' }]);
    // The image dictionary compressed inside an object stream, its name spelled with # escapes.
    const hidden = Buffer.concat([
      Buffer.from('%PDF-1.5\n1 0 obj << /Type /ObjStm /Filter /FlateDecode >> stream\n'),
      deflateSync(Buffer.from('<< /Type /XObject /Subtype /Im#61ge /Width 8 >>')),
      Buffer.from('\nendstream endobj\n%%EOF\n'),
    ]);
    expect(await inspect('x.pdf', hidden)).toMatchObject([{ type: 'data', kind: 'pdf-images' }]);
  });

  it('reports a notebook with a 729-byte-class thumbnail output, any size', async () => {
    const thumb = realPng(8);
    expect(thumb.length).toBeLessThan(800);
    const b64 = thumb.toString('base64');
    const notebook = JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        {
          cell_type: 'code',
          source: [],
          outputs: [
            { output_type: 'display_data', data: { 'image/png': `${b64.slice(0, 40)}\n${b64.slice(40)}\n` } },
          ],
        },
      ],
    });
    const observations = await inspect('analysis.ipynb', Buffer.from(notebook));
    expect(observations).toContainEqual(expect.objectContaining({ type: 'data', kind: 'notebook-images' }));
    expect(observations).toContainEqual(
      expect.objectContaining({ type: 'embedded', blob: expect.objectContaining({ decodesTo: 'png' }) }),
    );
  });
});
