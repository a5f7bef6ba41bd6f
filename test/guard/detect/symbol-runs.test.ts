import { describe, expect, it } from 'vitest';
import { scanText } from '../../../actions/lib/guard/scan-text.js';
import { realDicom, realPng } from './make.js';

const png = realPng(32);
const wrap = (s: string, n: number) => s.match(new RegExp(`.{1,${n}}`, 'gu'))!.join('\n');
/** `bytes` as `bits`-bit symbols from code point `base` on (base2048 is 11 bits from U+4E00, say). */
function symbols(bytes: Buffer, bits: number, base: number): string {
  let acc = 0n;
  for (const b of bytes) acc = (acc << 8n) | BigInt(b);
  let n = bytes.length * 8;
  const pad = (bits - (n % bits)) % bits;
  acc <<= BigInt(pad);
  n += pad;
  const out: string[] = [];
  for (let i = n - bits; i >= 0; i -= bits)
    out.push(String.fromCodePoint(base + Number((acc >> BigInt(i)) & ((1n << BigInt(bits)) - 1n))));
  return out.join('');
}

describe('bytes written in a non-ASCII alphabet', () => {
  it('finds one symbol per byte: braille patterns and CJK ideographs, wrapped over lines', () => {
    for (const base of [0x2800, 0x4e00]) {
      const blobs = scanText(`# Figure\n\n${wrap(symbols(png, 8, base), 64)}\n`, 'a.md');
      expect(blobs).toHaveLength(1);
      expect(blobs[0]).toMatchObject({ kind: 'symbols', line: 3, decodesTo: 'binary' });
      expect(blobs[0]!.decodedBytes).toBeGreaterThanOrEqual(png.length * 0.9);
    }
  });

  it('finds denser alphabets (11 bits a symbol) and a DICOM as braille', () => {
    expect(scanText(wrap(symbols(png, 11, 0x4e00), 40), 'a.txt')).toMatchObject([{ kind: 'symbols' }]);
    expect(scanText(symbols(realDicom(), 8, 0x2800), 'a.txt')).toMatchObject([{ kind: 'symbols' }]);
  });

  it('finds bits hidden as zero-width characters after a sentence', () => {
    const hidden = [...png.subarray(0, 64)]
      .flatMap((b) => [...b.toString(2).padStart(8, '0')])
      .map((bit) => (bit === '0' ? '\u200b' : '\u200c'))
      .join('');
    expect(scanText(`An ordinary sentence.${hidden}\n`, 'a.md')).toMatchObject([{ kind: 'symbols' }]);
  });

  it('leaves prose alone: Chinese and Japanese with punctuation, emoji sequences, a few braille cells', () => {
    const zh = '本数据集包含胸部X光片，仅供研究使用。请勿将图像提交到仓库中；只提交清单和哈希值。'.repeat(40);
    const ja = 'このリポジトリには画像を含めないでください。マニフェストとハッシュのみを保存します。'.repeat(
      40,
    );
    const emoji = '👩‍👩‍👧 team 👨‍💻 thanks! '.repeat(100);
    const braille = 'Braille: ⠓⠑⠇⠇⠕ ⠺⠕⠗⠇⠙. '.repeat(30);
    for (const text of [zh, ja, emoji, braille]) expect(scanText(text, 'README.md')).toEqual([]);
  });
});
