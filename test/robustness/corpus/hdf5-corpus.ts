/**
 * Bad HDF5 files made with h5wasm (through the synthetic-data writer): image stacks of the wrong rank
 * or channel count, empty stacks, text where pixels should be, a missing key, per-frame keys that do
 * not match the stack, indexes past the end, and files that are cut, flipped or not HDF5 at all.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Hdf5Dataset, writeHdf5 } from '../../../actions/lib/synth/formats/hdf5.js';
import { type FormatCase, flipped } from './format-case.js';

const pixels = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 13) % 256);

/** Writes the HDF5 corpus into `dir`. */
export async function hdf5Corpus(dir: string): Promise<FormatCase[]> {
  const cases: FormatCase[] = [];
  const byIndex = (index: number) => ({ kind: 'hdf5', dataset: 'image', index }) as const;
  const write = async (
    name: string,
    datasets: Hdf5Dataset[],
    recipe: FormatCase['recipe'],
    mustFail: boolean,
  ) => {
    const file = path.join(dir, name);
    await writeHdf5(file, datasets);
    cases.push({ name, file, recipe, mustFail });
    return file;
  };
  const image = (shape: number[]): Hdf5Dataset => ({
    name: 'image',
    data: pixels(shape.reduce((a, b) => a * b, 1)),
    shape,
  });
  const valid = await write('valid-index-past-end.h5', [image([3, 8, 8])], byIndex(3), true);
  await write('rank-2.h5', [image([8, 8])], byIndex(0), true);
  await write('rank-1.h5', [image([64])], byIndex(0), true);
  await write('rank-5.h5', [image([2, 2, 4, 4, 1])], byIndex(0), true);
  await write('five-channels.h5', [image([2, 4, 4, 5])], byIndex(0), true);
  await write('two-channels.h5', [image([2, 4, 4, 2])], byIndex(0), true);
  await write(
    'zero-frames.h5',
    [{ name: 'image', data: new Uint8Array(0), shape: [0, 8, 8] }],
    byIndex(0),
    true,
  );
  await write(
    'zero-width.h5',
    [{ name: 'image', data: new Uint8Array(0), shape: [2, 8, 0] }],
    byIndex(0),
    true,
  );
  await write(
    'text-pixels.h5',
    [{ name: 'image', data: ['Doe^Jane', 'MRN-123456'], shape: [2] }],
    byIndex(0),
    true,
  );
  await write('missing-key.h5', [{ name: 'mask', data: pixels(64), shape: [1, 8, 8] }], byIndex(0), true);
  const select = (value: string | number) =>
    ({ kind: 'hdf5', dataset: 'image', select: { key: 'annot_id', value, frame: 'middle' } }) as const;
  await write(
    'select-key-short.h5',
    [image([4, 8, 8]), { name: 'annot_id', data: ['a', 'b'], shape: [2] }],
    select('b'),
    false,
  );
  await write(
    'select-key-2d.h5',
    [image([4, 8, 8]), { name: 'annot_id', data: pixels(8), shape: [4, 2] }],
    select(13),
    true,
  );
  await write(
    'select-no-match.h5',
    [image([4, 8, 8]), { name: 'annot_id', data: ['Doe^Jane', 'x', 'x', 'x'], shape: [4] }],
    select('nobody'),
    true,
  );
  await write('select-missing-key.h5', [image([4, 8, 8])], select('a'), true);

  const bytes = new Uint8Array(readFileSync(valid));
  const add = (name: string, data: Uint8Array, mustFail: boolean) => {
    const file = path.join(dir, name);
    writeFileSync(file, data);
    cases.push({ name, file, recipe: byIndex(0), mustFail });
  };
  for (const fraction of [0, 0.05, 0.3, 0.6, 0.95]) {
    add(`truncated-${fraction}.h5`, bytes.subarray(0, Math.floor(bytes.length * fraction)), fraction < 0.6);
  }
  for (let at = 0; at < 120; at += 9) add(`flipped-${at}.h5`, flipped(bytes, at), false);
  add('text.h5', new TextEncoder().encode('Doe^Jane MRN-123456\n'.repeat(20)), true);
  return cases;
}
