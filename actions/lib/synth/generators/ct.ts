import { createPrng } from '../prng.js';
import { Raster } from '../raster.js';
import { type ParameterValue, SIZE_PARAMETER, type SyntheticGenerator } from './generator.js';

function head(r: Raster, lesion: boolean): void {
  const { width: w, height: h } = r;
  r.ellipse({ cx: w * 0.5, cy: h * 0.5, rx: w * 0.38, ry: h * 0.45, soft: 0.02 }, [250]);
  r.ellipse({ cx: w * 0.5, cy: h * 0.5, rx: w * 0.34, ry: h * 0.41, soft: 0.03 }, [105]);
  r.ellipse({ cx: w * 0.46, cy: h * 0.47, rx: w * 0.03, ry: h * 0.1, axis: [1, 0.2] }, [35]);
  r.ellipse({ cx: w * 0.54, cy: h * 0.47, rx: w * 0.03, ry: h * 0.1, axis: [1, -0.2] }, [35]);
  if (lesion) r.ellipse({ cx: w * 0.64, cy: h * 0.38, rx: w * 0.07, ry: h * 0.05, soft: 0.2 }, [170]);
}

function chest(r: Raster, calcium: boolean, seed: number): void {
  const { width: w, height: h } = r;
  r.ellipse({ cx: w * 0.5, cy: h * 0.52, rx: w * 0.46, ry: h * 0.34, soft: 0.03 }, [115]);
  r.ellipse({ cx: w * 0.3, cy: h * 0.48, rx: w * 0.15, ry: h * 0.22, soft: 0.05 }, [18]);
  r.ellipse({ cx: w * 0.7, cy: h * 0.48, rx: w * 0.15, ry: h * 0.22, soft: 0.05 }, [18]);
  r.ellipse({ cx: w * 0.53, cy: h * 0.5, rx: w * 0.14, ry: h * 0.13, soft: 0.1 }, [140]);
  r.ellipse({ cx: w * 0.5, cy: h * 0.78, rx: w * 0.06, ry: h * 0.06, soft: 0.05 }, [240]);
  r.ellipse({ cx: w * 0.5, cy: h * 0.66, rx: w * 0.045, ry: h * 0.045, soft: 0.05 }, [150]);
  if (calcium) {
    const rng = createPrng(seed ^ 0xca1c);
    for (let i = 0; i < 4; i++) {
      const c = {
        cx: w * rng.range(0.45, 0.62),
        cy: h * rng.range(0.42, 0.58),
        rx: w * 0.012,
        ry: h * 0.012,
        soft: 0.3,
      };
      r.ellipse(c, [255]);
    }
  }
}

function abdomen(r: Raster, seed: number, appendicitis: boolean): void {
  const { width: w, height: h } = r;
  const rng = createPrng(seed ^ 0xab);
  r.ellipse({ cx: w * 0.5, cy: h * 0.52, rx: w * 0.45, ry: h * 0.36, soft: 0.03 }, [110]);
  r.ellipse({ cx: w * 0.33, cy: h * 0.45, rx: w * 0.16, ry: h * 0.15, soft: 0.08 }, [140]);
  r.ellipse({ cx: w * 0.34, cy: h * 0.66, rx: w * 0.045, ry: h * 0.07, soft: 0.1 }, [150]);
  r.ellipse({ cx: w * 0.66, cy: h * 0.66, rx: w * 0.045, ry: h * 0.07, soft: 0.1 }, [150]);
  r.ellipse({ cx: w * 0.5, cy: h * 0.74, rx: w * 0.055, ry: h * 0.055, soft: 0.05 }, [240]);
  for (let i = 0; i < 6; i++) {
    r.ellipse(
      { cx: w * rng.range(0.45, 0.75), cy: h * rng.range(0.35, 0.6), rx: w * 0.03, ry: h * 0.025 },
      [20],
    );
  }
  if (appendicitis) {
    // Patient's right is the image's left: fat stranding, a thick bright wall, fluid inside.
    const at = { cx: w * 0.3, cy: h * 0.72, axis: [1, 0.6] as [number, number] };
    r.ellipse({ ...at, rx: w * 0.11, ry: h * 0.07, soft: 0.6 }, [25], 'add');
    r.ellipse({ ...at, rx: w * 0.07, ry: h * 0.028, soft: 0.15 }, [165]);
    r.ellipse({ ...at, rx: w * 0.05, ry: h * 0.014, soft: 0.2 }, [95]);
  }
}

/** Axial CT slice: air black, soft tissue grey, bone white, as a windowed slice looks. */
export const ctGenerator: SyntheticGenerator = {
  name: 'ct',
  description: 'Axial CT slice of the head, chest or abdomen.',
  parameters: {
    size: SIZE_PARAMETER,
    region: {
      type: 'string',
      default: 'chest',
      values: ['head', 'chest', 'abdomen'],
      description: 'Body region.',
    },
    finding: {
      type: 'string',
      default: 'none',
      values: ['none', 'appendicitis'],
      description:
        'Abdomen: "appendicitis" draws a thick-walled tubular structure with fat stranding in the right lower quadrant.',
    },
    lesion: { type: 'boolean', default: false, description: 'Head: a hyperdense focus.' },
    calcium: { type: 'boolean', default: false, description: 'Chest: bright coronary calcium foci.' },
  },
  render(p: Record<string, ParameterValue>, seed: number) {
    const size = p.size as number;
    const r = new Raster(size, size).fill([0]);
    if (p.region === 'head') head(r, p.lesion === true);
    else if (p.region === 'abdomen') abdomen(r, seed, p.finding === 'appendicitis');
    else chest(r, p.calcium === true, seed);
    r.noise(12, 1.2, seed, (x, y) => (r.data[y * size + x]! > 8 ? 1 : 0));
    return r.toPixels();
  },
};
