import { Raster } from '../raster.js';
import type { PixelBuffer } from '../stored-png.js';
import { type ParameterValue, SIZE_PARAMETER, type SyntheticGenerator } from './generator.js';
import { sectorMask } from './sector.js';

const BLOOD = [-62];

/** The left ventricle of the apical four-chamber view (vertical long axis), scaled by `squeeze`. */
export function leftVentricleA4c(size: number, squeeze: number) {
  return { cx: size * 0.6, cy: size * 0.42, rx: size * 0.11 * squeeze, ry: size * 0.2 * squeeze };
}

/** Apical four-chamber (also the EchoNet-Dynamic synthetic videos): ventricles near the apex (top), atria below, left ventricle on the image's right. */
export function apicalFourChamber(r: Raster, squeeze: number): void {
  const s = r.width;
  r.ellipse({ ...leftVentricleA4c(s, squeeze), soft: 0.25 }, BLOOD, 'add');
  r.ellipse({ cx: s * 0.4, cy: s * 0.44, rx: s * 0.08, ry: s * 0.16, soft: 0.25 }, BLOOD, 'add');
  r.ellipse({ cx: s * 0.6, cy: s * 0.77, rx: s * 0.1, ry: s * 0.09, soft: 0.3 }, BLOOD, 'add');
  r.ellipse({ cx: s * 0.4, cy: s * 0.77, rx: s * 0.09, ry: s * 0.08, soft: 0.3 }, BLOOD, 'add');
  r.ellipse({ cx: s * 0.5, cy: s * 0.64, rx: s * 0.2, ry: s * 0.015 }, [50], 'add');
}

/**
 * One echo frame, as the echo generator and the EchoNet-Dynamic synthetic videos draw it: coarse tissue
 * texture, the chambers `draw` adds, fine speckle, then the fan.
 */
export function echoFrame(
  size: number,
  noise: { seed: number; speckle: number; speckleSeed: number },
  draw: (r: Raster) => void,
): PixelBuffer {
  const r = new Raster(size, size).fill([70]);
  r.noise(50, size / 12, noise.seed);
  draw(r);
  r.noise(noise.speckle, 1, noise.speckleSeed);
  r.multiply(sectorMask(size, size, 0.85));
  return r.toPixels();
}

/** Parasternal long axis: right ventricle on top, left ventricle across, aortic root and left atrium at right. */
function parasternalLongAxis(r: Raster, squeeze: number, stenosis: boolean): void {
  const s = r.width;
  r.ellipse({ cx: s * 0.5, cy: s * 0.3, rx: s * 0.3, ry: s * 0.05, soft: 0.3 }, BLOOD, 'add');
  r.ellipse(
    { cx: s * 0.42, cy: s * 0.55, rx: s * 0.24 * squeeze, ry: s * 0.1 * squeeze, soft: 0.25 },
    BLOOD,
    'add',
  );
  r.ellipse({ cx: s * 0.72, cy: s * 0.45, rx: s * 0.08, ry: s * 0.05, soft: 0.25 }, BLOOD, 'add');
  r.ellipse({ cx: s * 0.72, cy: s * 0.68, rx: s * 0.09, ry: s * 0.08, soft: 0.3 }, BLOOD, 'add');
  if (stenosis)
    r.ellipse({ cx: s * 0.66, cy: s * 0.45, rx: s * 0.02, ry: s * 0.05, soft: 0.2 }, [110], 'add');
}

/** Echocardiogram frame in a fan: dark blood pools, brighter walls and valves. */
export const echoGenerator: SyntheticGenerator = {
  name: 'echo',
  description: 'Echocardiogram frame (apical four-chamber or parasternal long-axis view).',
  parameters: {
    size: SIZE_PARAMETER,
    view: {
      type: 'string',
      default: 'a4c',
      values: ['a4c', 'plax'],
      description: 'Apical four-chamber or parasternal long axis.',
    },
    phase: {
      type: 'string',
      default: 'diastole',
      values: ['diastole', 'systole'],
      description: 'Cardiac phase.',
    },
    function: {
      type: 'string',
      default: 'normal',
      values: ['normal', 'reduced'],
      description: 'Left-ventricular systolic function: how much the ventricle contracts in systole.',
    },
    calcified_valve: {
      type: 'boolean',
      default: false,
      description: 'PLAX: a bright, thickened aortic valve.',
    },
  },
  render(p: Record<string, ParameterValue>, seed: number) {
    const squeeze = p.phase === 'systole' ? (p.function === 'reduced' ? 0.9 : 0.7) : 1;
    return echoFrame(p.size as number, { seed, speckle: 100, speckleSeed: seed + 1 }, (r) => {
      if (p.view === 'plax') parasternalLongAxis(r, squeeze, p.calcified_valve === true);
      else apicalFourChamber(r, squeeze);
    });
  },
};
