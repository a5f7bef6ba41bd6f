import { Raster } from '../raster.js';
import { type ParameterValue, SIZE_PARAMETER, type SyntheticGenerator } from './generator.js';
import { sectorMask } from './sector.js';

const ECHO_SHIFT = { hypo: -55, iso: -10, hyper: 45 } as const;

/** B-mode ultrasound: speckle in a fan, optionally an oval nodule (thyroid-like). */
export const ultrasoundGenerator: SyntheticGenerator = {
  name: 'ultrasound',
  description: 'B-mode ultrasound fan with speckle, optionally with an oval nodule.',
  parameters: {
    size: SIZE_PARAMETER,
    region: {
      type: 'string',
      default: 'thyroid',
      values: ['thyroid'],
      description: 'Body region (thyroid only).',
    },
    nodule: { type: 'boolean', default: true, description: 'Draw a nodule.' },
    echogenicity: {
      type: 'string',
      default: 'hypo',
      values: ['hypo', 'iso', 'hyper'],
      description: 'Brightness of the nodule relative to the surrounding tissue.',
    },
  },
  render(p: Record<string, ParameterValue>, seed: number) {
    const size = p.size as number;
    const r = new Raster(size, size).fill([95]);
    r.noise(60, size / 10, seed);
    r.ellipse({ cx: size * 0.5, cy: size * 0.2, rx: size * 0.6, ry: size * 0.05, soft: 0.6 }, [40], 'add');
    if (p.nodule === true) {
      const shift = ECHO_SHIFT[p.echogenicity as keyof typeof ECHO_SHIFT];
      r.ellipse(
        { cx: size * 0.52, cy: size * 0.55, rx: size * 0.17, ry: size * 0.12, soft: 0.15 },
        [shift],
        'add',
      );
      r.ellipse(
        { cx: size * 0.52, cy: size * 0.55, rx: size * 0.18, ry: size * 0.13, soft: 0.1 },
        [18],
        'add',
      );
    }
    r.noise(110, 1, seed + 1);
    r.multiply(sectorMask(size, size, 0.75));
    return r.toPixels();
  },
};
