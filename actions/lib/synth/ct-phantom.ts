import { createPrng } from './prng.js';
import { Raster } from './raster.js';

/** Tissue values in Hounsfield units. */
const HU = {
  air: -1000,
  lung: -850,
  fat: -100,
  soft: 40,
  blood: 50,
  brain: 32,
  csf: 6,
  bone: 800,
  calcium: 500,
};

/**
 * An axial chest slice in Hounsfield units at relative height z (0..1): body, lungs, heart, aorta,
 * spine, and with `calcium` a few bright coronary calcium foci.
 */
export function chestSliceHu(size: number, z: number, seed: number, calcium: boolean): Float64Array {
  const s = size;
  const r = new Raster(size, size).fill([HU.air]);
  r.ellipse({ cx: s * 0.5, cy: s * 0.52, rx: s * 0.46, ry: s * 0.34, soft: 0.03 }, [HU.fat]);
  r.ellipse({ cx: s * 0.5, cy: s * 0.52, rx: s * 0.42, ry: s * 0.3, soft: 0.03 }, [HU.soft]);
  const lung = 0.13 + 0.04 * z;
  r.ellipse({ cx: s * 0.3, cy: s * 0.48, rx: s * lung, ry: s * 0.21, soft: 0.05 }, [HU.lung]);
  r.ellipse({ cx: s * 0.7, cy: s * 0.48, rx: s * lung, ry: s * 0.21, soft: 0.05 }, [HU.lung]);
  r.ellipse({ cx: s * 0.53, cy: s * 0.5, rx: s * (0.15 - 0.03 * z), ry: s * 0.13, soft: 0.1 }, [HU.blood]);
  r.ellipse({ cx: s * 0.5, cy: s * 0.66, rx: s * 0.045, ry: s * 0.045, soft: 0.05 }, [HU.blood + 150]);
  r.ellipse({ cx: s * 0.5, cy: s * 0.78, rx: s * 0.06, ry: s * 0.06, soft: 0.05 }, [HU.bone]);
  if (calcium) {
    const rng = createPrng(seed);
    for (let i = 0; i < 3; i++) {
      r.ellipse(
        {
          cx: s * rng.range(0.45, 0.62),
          cy: s * rng.range(0.42, 0.56),
          rx: s * 0.015,
          ry: s * 0.015,
          soft: 0.3,
        },
        [HU.calcium + 200 * rng.next()],
      );
    }
  }
  r.noise(30, 1.2, seed ^ 0x5eed);
  return r.data;
}

/** An axial head slice in Hounsfield units: skull, brain, ventricles, and with `lesion` a haemorrhage-like focus. */
export function headSliceHu(size: number, z: number, seed: number, lesion: boolean): Float64Array {
  const s = size;
  const scale = 1 - 0.25 * Math.abs(z - 0.5);
  const r = new Raster(size, size).fill([HU.air]);
  r.ellipse({ cx: s * 0.5, cy: s * 0.5, rx: s * 0.4 * scale, ry: s * 0.46 * scale, soft: 0.02 }, [HU.soft]);
  r.ellipse({ cx: s * 0.5, cy: s * 0.5, rx: s * 0.37 * scale, ry: s * 0.43 * scale, soft: 0.02 }, [
    HU.bone + 400,
  ]);
  r.ellipse({ cx: s * 0.5, cy: s * 0.5, rx: s * 0.33 * scale, ry: s * 0.39 * scale, soft: 0.03 }, [HU.brain]);
  r.ellipse({ cx: s * 0.46, cy: s * 0.47, rx: s * 0.03, ry: s * 0.1 * scale, axis: [1, 0.2] }, [HU.csf]);
  r.ellipse({ cx: s * 0.54, cy: s * 0.47, rx: s * 0.03, ry: s * 0.1 * scale, axis: [1, -0.2] }, [HU.csf]);
  if (lesion) r.ellipse({ cx: s * 0.64, cy: s * 0.38, rx: s * 0.06, ry: s * 0.045, soft: 0.3 }, [70]);
  r.noise(8, 1.2, seed ^ 0x4ead);
  return r.data;
}
