import { describe, expect, it } from 'vitest';
import { finiteRange, minMaxTo8Bit } from '../../actions/lib/render/scale-to-8bit.js';

describe('minMaxTo8Bit', () => {
  it('scales the finite values and ignores NaN and ±Infinity (a float volume with one infinity is not blacked out)', () => {
    const values = Float32Array.from([
      0,
      51,
      255,
      Number.POSITIVE_INFINITY,
      Number.NaN,
      Number.NEGATIVE_INFINITY,
    ]);
    expect(finiteRange(values)).toEqual({ min: 0, max: 255 });
    const { data, min, max } = minMaxTo8Bit(values);
    expect([min, max]).toEqual([0, 255]);
    expect([...data]).toEqual([0, 51, 255, 0, 0, 0]);
  });

  it('maps a constant or all-non-finite image to 0', () => {
    expect([...minMaxTo8Bit([7, 7, 7]).data]).toEqual([0, 0, 0]);
    expect(finiteRange([Number.NaN, Number.POSITIVE_INFINITY])).toEqual({ min: 0, max: 0 });
  });
});
