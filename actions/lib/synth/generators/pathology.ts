import { createPrng } from '../prng.js';
import { Raster } from '../raster.js';
import { type ParameterValue, SIZE_PARAMETER, type SyntheticGenerator } from './generator.js';

const EOSIN = [236, 170, 205];
const HAEMATOXYLIN = [-150, -150, -60];

/** H&E histology tile (RGB): pink stroma and purple nuclei; tumour makes them crowded and irregular. */
export const pathologyGenerator: SyntheticGenerator = {
  name: 'pathology',
  description: 'H&E-stained tissue tile (RGB); "tumour" gives crowded, enlarged, irregular nuclei in nests.',
  parameters: {
    size: SIZE_PARAMETER,
    stain: { type: 'string', default: 'he', values: ['he'], description: 'Stain: haematoxylin and eosin.' },
    tumour: { type: 'boolean', default: false, description: 'Crowded, pleomorphic nuclei in nests.' },
  },
  render(p: Record<string, ParameterValue>, seed: number) {
    const size = p.size as number;
    const rng = createPrng(seed);
    const r = new Raster(size, size, 3).fill(EOSIN);
    r.noise(40, size / 14, seed);
    const tumour = p.tumour === true;
    const count = Math.round((size * size) / (tumour ? 90 : 260));
    for (let i = 0; i < count; i++) {
      let cx = rng.range(0, size);
      let cy = rng.range(0, size);
      if (tumour && i % 3 !== 0) {
        // Nests: pull most nuclei towards a few centres.
        const nest = i % 4;
        cx = (cx + size * (0.25 + 0.5 * (nest % 2))) / 2;
        cy = (cy + size * (0.25 + 0.5 * (nest >> 1))) / 2;
      }
      const radius = tumour ? rng.range(1.8, 4) : rng.range(1.2, 2.2);
      const elong = tumour ? rng.range(0.6, 1.4) : rng.range(0.8, 1.2);
      r.ellipse(
        { cx, cy, rx: radius, ry: radius * elong, axis: [rng.range(-1, 1), rng.range(-1, 1)], soft: 0.35 },
        HAEMATOXYLIN,
        'add',
      );
    }
    r.noise(14, 1, seed + 1);
    return r.toPixels();
  },
};
