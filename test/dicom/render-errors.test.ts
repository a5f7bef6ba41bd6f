/**
 * Bad input ends in an InputError with a stable 'dicom/…' code and a message that names the file and
 * the reason, and never a patient's name, id, birth date, study date or institution.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { type RenderDicomOptions, renderDicom } from '../../actions/lib/dicom/render-dicom.js';
import { InputError, UsageError } from '../../actions/lib/errors.js';
import { type DicomElement, encodeDicom } from '../../actions/lib/synth/dicom/write-dicom.js';
import { imageElements, PHI } from './synthetic-dicom.js';

const dir = mkdtempSync(join(tmpdir(), 'dicom-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

function save(bytes: Uint8Array): string {
  const file = join(dir, `bad-${counter++}.dcm`);
  writeFileSync(file, bytes);
  return file;
}

const ct = imageElements({ rows: 16, columns: 16, bitsStored: 12 });
const pixels = Uint16Array.from({ length: 256 }, (_, i) => i * 16);
const goodBytes = encodeDicom({ elements: ct, pixelData: pixels });

/** Renders and returns the error, checking it is a clean InputError that leaks nothing. */
async function failure(file: string, options: RenderDicomOptions = {}): Promise<InputError> {
  const error = await renderDicom(file, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  const inputError = error as InputError;
  expect(inputError.code).toMatch(/^dicom\/[a-z-]+$/);
  expect(inputError.message.startsWith(`${file}: `)).toBe(true);
  expectNoPhi(inputError);
  return inputError;
}

function expectNoPhi(error: Error): void {
  const everything = [
    error.message,
    String(error.stack),
    JSON.stringify(error),
    String(error.cause ?? ''),
  ].join('\n');
  for (const value of Object.values(PHI)) expect(everything).not.toContain(value);
  expect(everything).not.toContain('Doe');
}

describe('errors', () => {
  it('rejects truncated pixel data without leaking header values', async () => {
    const error = await failure(save(goodBytes.subarray(0, goodBytes.length - 100)));
    expect(error.code).toBe('dicom/truncated');
  });

  it('rejects a file cut inside the patient elements', async () => {
    const at = Buffer.from(goodBytes).indexOf(PHI.InstitutionName);
    const error = await failure(save(goodBytes.subarray(0, at + 5)));
    expect(['dicom/truncated', 'dicom/malformed', 'dicom/bad-pixel-module']).toContain(error.code);
  });

  it('checks PixelData against frames × frame size', async () => {
    const bytes = encodeDicom({
      elements: imageElements({ rows: 16, columns: 16, frames: 10 }),
      pixelData: pixels, // one frame's worth
    });
    const error = await failure(save(bytes), { frame: 0 });
    expect(error.code).toBe('dicom/truncated');
  });

  it('refuses absurd dimensions before allocating', async () => {
    const bytes = encodeDicom({
      elements: imageElements({ rows: 65535, columns: 65535, frames: 99999 }),
      pixelData: new Uint16Array(8),
    });
    const error = await failure(save(bytes));
    expect(error.code).toBe('dicom/too-large');
  });

  it('caps the inflated size of a deflated file', async () => {
    const big = new Uint16Array(512 * 512); // zeros: deflates to almost nothing
    const bytes = encodeDicom({
      elements: imageElements({ rows: 512, columns: 512 }),
      pixelData: big,
      transferSyntax: 'deflated',
    });
    expect(bytes.length).toBeLessThan(10_000);
    const error = await failure(save(bytes), { limits: { maxInflatedBytes: 100_000 } });
    expect(error.code).toBe('dicom/too-large');
  });

  it('reports corrupt compressed frames as decode failures', async () => {
    for (const transferSyntax of [
      '1.2.840.10008.1.2.4.50',
      '1.2.840.10008.1.2.4.57',
      '1.2.840.10008.1.2.4.80',
      '1.2.840.10008.1.2.4.90',
      '1.2.840.10008.1.2.5',
    ]) {
      const bytes = encodeDicom({
        elements: imageElements({ rows: 16, columns: 16 }),
        pixelData: { frames: [Uint8Array.from({ length: 300 }, (_, i) => (i * 7919) % 256)] },
        transferSyntax,
      });
      const error = await failure(save(bytes));
      expect(error.code, transferSyntax).toBe('dicom/decode-failed');
    }
  });

  it('reports files that are not DICOM, have no pixels or cannot be read', async () => {
    expect((await failure(save(new TextEncoder().encode(`${PHI.PatientName} not dicom`)))).code).toBe(
      'dicom/not-dicom',
    );
    const noPixels = encodeDicom({ elements: ct });
    expect((await failure(save(noPixels))).code).toBe('dicom/no-pixel-data');
    expect((await failure(join(dir, 'missing.dcm'))).code).toBe('dicom/unreadable');
    expect((await failure(dir)).code).toBe('dicom/not-a-file');
  });

  it('does not echo a malformed transfer syntax UID or a bad photometric value', async () => {
    const bytes = encodeDicom({ elements: ct, pixelData: pixels, transferSyntax: 'explicit-le' });
    const patched = Buffer.from(bytes);
    const uid = '1.2.840.10008.1.2.1';
    patched.write(
      `${PHI.PatientID}`.padEnd(uid.length + 1, ' ').slice(0, uid.length + 1),
      patched.indexOf(uid),
      'latin1',
    );
    const error = await failure(save(patched));
    expect(error.code).toBe('dicom/unsupported-transfer-syntax');

    const odd: DicomElement[] = ct.map((e) =>
      'keyword' in e && e.keyword === 'PhotometricInterpretation' ? { ...e, value: 'DOE^JANE' } : e,
    );
    const photometric = await failure(save(encodeDicom({ elements: odd, pixelData: pixels })));
    expect(photometric.code).toBe('dicom/unsupported-photometric');
    expect(photometric.message).not.toContain('DOE^JANE');
  });

  it('never crashes or leaks on truncated or corrupted files (property)', async () => {
    const source = readFileSync(
      save(encodeDicom({ elements: ct, pixelData: pixels, transferSyntax: 'rle' })),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: source.length }),
        fc.array(fc.tuple(fc.nat(source.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        async (cut, flips) => {
          const bytes = Buffer.from(source.subarray(0, cut));
          for (const [at, value] of flips) if (at < bytes.length) bytes[at] = value;
          const file = save(bytes);
          try {
            const image = await renderDicom(file);
            expect(image.data.length).toBe(image.width * image.height * image.channels);
          } catch (error) {
            expect(error).toBeInstanceOf(InputError);
            expectNoPhi(error as Error);
          }
        },
      ),
      { numRuns: 150, seed: 20261127 },
    );
  });
});

describe('usage errors', () => {
  it('refuses bad options before reading the file', async () => {
    const file = save(goodBytes);
    await expect(renderDicom(file, { preset: 'toString' as never })).rejects.toBeInstanceOf(UsageError);
    await expect(renderDicom(file, { window: { center: 0, width: 0.5 } })).rejects.toBeInstanceOf(UsageError);
    await expect(
      renderDicom(file, { window: { center: 0, width: 10 }, preset: 'brain' }),
    ).rejects.toBeInstanceOf(UsageError);
    await expect(renderDicom(file, { frame: -1 })).rejects.toBeInstanceOf(UsageError);
  });
});
