import { createPrng } from '../prng.js';
import { Raster } from '../raster.js';
import { type ParameterValue, SIZE_PARAMETER, type SyntheticGenerator } from './generator.js';

function chest(r: Raster, opacity: boolean, seed: number): void {
  const { width: w, height: h } = r;
  r.fill([18]);
  r.ellipse({ cx: w * 0.5, cy: h * 0.6, rx: w * 0.46, ry: h * 0.52, soft: 0.15 }, [135]);
  for (const side of [-1, 1]) {
    r.ellipse({ cx: w * (0.5 + side * 0.19), cy: h * 0.5, rx: w * 0.15, ry: h * 0.3, soft: 0.25 }, [50]);
    for (let i = 0; i < 7; i++) {
      // Ribs: thin tilted bands across each lung field.
      r.ellipse(
        {
          cx: w * (0.5 + side * 0.2),
          cy: h * (0.27 + i * 0.075),
          rx: w * 0.19,
          ry: h * 0.012,
          axis: [1, -side * 0.3],
        },
        [30],
        'add',
      );
    }
  }
  r.ellipse({ cx: w * 0.55, cy: h * 0.63, rx: w * 0.15, ry: h * 0.13, soft: 0.3 }, [165]);
  r.ellipse({ cx: w * 0.5, cy: h * 0.55, rx: w * 0.03, ry: h * 0.45 }, [205]);
  if (opacity) {
    r.ellipse({ cx: w * 0.31, cy: h * 0.64, rx: w * 0.09, ry: h * 0.08, soft: 0.7 }, [55], 'add');
    r.noise(40, w / 16, seed ^ 0x51, (x, y) =>
      r.coverage({ cx: w * 0.31, cy: h * 0.64, rx: w * 0.1, ry: h * 0.09, soft: 0.7 }, x, y),
    );
  }
}

function limb(r: Raster, fracture: boolean, seed: number): void {
  const { width: w, height: h } = r;
  const rng = createPrng(seed);
  r.fill([14]);
  r.ellipse({ cx: w * 0.5, cy: h * 0.5, rx: w * 0.22, ry: h * 0.62, soft: 0.2 }, [85]);
  const tilt = rng.range(-0.06, 0.06);
  r.ellipse({ cx: w * 0.43, cy: h * 0.5, rx: w * 0.045, ry: h * 0.55, axis: [1, tilt] }, [200]);
  r.ellipse({ cx: w * 0.57, cy: h * 0.5, rx: w * 0.055, ry: h * 0.55, axis: [1, tilt] }, [215]);
  if (fracture) {
    r.ellipse({ cx: w * 0.57, cy: h * 0.45, rx: w * 0.08, ry: h * 0.008, axis: [1, 0.25] }, [-150], 'add');
  }
}

/** Radiograph: a chest PA view or a forearm-like limb, bright bone, dark air. */
export const xrayGenerator: SyntheticGenerator = {
  name: 'xray',
  description: 'Projection radiograph: chest (lungs, ribs, heart, spine) or limb (two long bones).',
  parameters: {
    size: SIZE_PARAMETER,
    region: {
      type: 'string',
      default: 'chest',
      values: ['chest', 'limb', 'shoulder', 'humerus', 'elbow', 'forearm', 'wrist', 'hand', 'finger'],
      description: 'What is imaged: chest, or a limb (every other value draws two long bones).',
    },
    opacity: {
      type: 'boolean',
      default: false,
      description: 'Chest: a patchy opacity in the right lower zone.',
    },
    fracture: { type: 'boolean', default: false, description: 'Limb: a lucent line across one bone.' },
  },
  render(p: Record<string, ParameterValue>, seed: number) {
    const size = p.size as number;
    const r = new Raster(size, size);
    if (p.region !== 'chest') limb(r, p.fracture === true, seed);
    else chest(r, p.opacity === true, seed);
    r.noise(16, size / 20, seed);
    r.noise(8, 1.3, seed + 1);
    return r.toPixels();
  },
};
