import { Raster } from '../raster.js';
import { type ParameterValue, SIZE_PARAMETER, type SyntheticGenerator } from './generator.js';

/** Axial brain MRI: scalp, dark skull, folded grey/white matter, ventricles, optional metastasis. */
export const mriGenerator: SyntheticGenerator = {
  name: 'mri',
  description: 'Axial brain MRI (T1 post-contrast or FLAIR look), optionally with a ring-enhancing lesion.',
  parameters: {
    size: SIZE_PARAMETER,
    region: { type: 'string', default: 'brain', values: ['brain'], description: 'Body region (brain only).' },
    sequence: {
      type: 'string',
      default: 't1ce',
      values: ['t1ce', 'flair'],
      description: 'Contrast of the slice.',
    },
    lesion: {
      type: 'boolean',
      default: false,
      description: 'A ring-enhancing lesion with surrounding oedema.',
    },
  },
  render(p: Record<string, ParameterValue>, seed: number) {
    const size = p.size as number;
    const w = size;
    const h = size;
    const flair = p.sequence === 'flair';
    const r = new Raster(size, size).fill([4]);
    const brain = { cx: w * 0.5, cy: h * 0.5, rx: w * 0.33, ry: h * 0.41, soft: 0.04 };
    r.ellipse({ cx: w * 0.5, cy: h * 0.5, rx: w * 0.4, ry: h * 0.48, soft: 0.03 }, [flair ? 90 : 130]);
    r.ellipse({ cx: w * 0.5, cy: h * 0.5, rx: w * 0.36, ry: h * 0.44, soft: 0.03 }, [25]);
    r.ellipse(brain, [flair ? 120 : 145]);
    r.noise(50, w / 22, seed, (x, y) => r.coverage(brain, x, y));
    const csf = flair ? 30 : 45;
    r.ellipse({ cx: w * 0.45, cy: h * 0.47, rx: w * 0.035, ry: h * 0.11, axis: [1, 0.25] }, [csf]);
    r.ellipse({ cx: w * 0.55, cy: h * 0.47, rx: w * 0.035, ry: h * 0.11, axis: [1, -0.25] }, [csf]);
    if (p.lesion === true) {
      const at = { cx: w * 0.66, cy: h * 0.36 };
      if (flair) r.ellipse({ ...at, rx: w * 0.12, ry: h * 0.1, soft: 0.5 }, [215]);
      else {
        r.ellipse({ ...at, rx: w * 0.11, ry: h * 0.09, soft: 0.5 }, [-25], 'add');
        r.ellipse({ ...at, rx: w * 0.06, ry: h * 0.055, soft: 0.2 }, [235]);
        r.ellipse({ ...at, rx: w * 0.035, ry: h * 0.03, soft: 0.2 }, [70]);
      }
    }
    r.noise(10, 1.1, seed + 1, (x, y) => (r.data[y * size + x]! > 10 ? 1 : 0.3));
    return r.toPixels();
  },
};
