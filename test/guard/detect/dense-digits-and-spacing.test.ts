import { describe, expect, it } from 'vitest';
import { scanText } from '../../../actions/lib/guard/scan-text.js';
import { noise, realPng } from './make.js';

const png = realPng(32);

describe('payloads written more densely or more sparsely than the detectors assumed', () => {
  it('counts long fractions by their digits: 5 bytes in each 13-digit fraction', () => {
    const padded = noise(2400); // a compressed image's bytes
    const floats = [];
    for (let i = 0; i < padded.length; i += 5)
      floats.push(`0.${padded.readUIntBE(i, 5).toString().padStart(13, '0')}`);
    expect(floats.length).toBeLessThan(512); // fewer values than a float32 count would report
    const blobs = scanText(`{"coefficients": [${floats.join(', ')}]}\n`, 'calibration.json');
    expect(blobs).toMatchObject([{ kind: 'numbers' }]);
    expect(blobs[0]!.decodedBytes).toBeGreaterThanOrEqual(2048);
  });

  it('leaves a few hundred short measurements alone', () => {
    const rows = Array.from({ length: 300 }, (_, i) => `${(i * 0.37) % 9}`.slice(0, 5));
    expect(scanText(`[${rows.join(', ')}]`, 'results.json')).toEqual([]);
  });

  it('joins base64 spaced out one character at a time, and not one-letter words of prose', () => {
    const spaced = [...png.toString('base64')].join(' ');
    expect(scanText(spaced, 'a.txt')).toMatchObject([{ decodesTo: 'png' }]);
    expect(
      scanText('I think a b c d e f g h i j k l m n o p are letters; so is z.\n'.repeat(50), 'a.md'),
    ).toEqual([]);
  });
});

describe('an encoder with its own small alphabet', () => {
  it('finds a payload as wrapped lines of sixteen letters (a nibble each), and not a wrapped DNA sequence', () => {
    const nibbles = [...png].map((b) => 'abcdefghijklmnop'[b >> 4]! + 'abcdefghijklmnop'[b & 15]!).join('');
    const wrapped = nibbles.match(/.{1,76}/g)!.join('\n');
    expect(scanText(`${wrapped}\n`, 'notes.txt')).toMatchObject([{ decodesTo: 'binary' }]);
    const dna = Array.from({ length: 4000 }, (_, i) => 'ACGT'[(i * 7 + (i >> 3)) % 4]).join('');
    expect(scanText(`>seq1\n${dna.match(/.{1,60}/g)!.join('\n')}\n`, 'seq.fa')).toEqual([]);
  });
});
