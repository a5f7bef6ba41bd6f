import { UsageError } from '../errors.js';
import { Recipe, type RecipeKind } from '../schema/recipe.js';

/** The render command's recipe flags, as strings straight from the command line. */
export interface RenderFlags {
  window?: string | undefined;
  preset?: string | undefined;
  frame?: string | undefined;
  dataset?: string | undefined;
  index?: string | undefined;
  select?: string | undefined;
  axis?: string | undefined;
  slice?: string | undefined;
  segmentation?: string | undefined;
  thumbnail?: string | undefined;
  region?: string | undefined;
  level?: string | undefined;
  maxSide?: string | undefined;
}

/** Which flags each kind takes; any other recipe flag is a usage error, not silently ignored. */
const FLAGS_BY_KIND: Record<RecipeKind, (keyof RenderFlags)[]> = {
  dicom: ['frame', 'window', 'preset'],
  video: ['frame'],
  hdf5: ['dataset', 'index', 'select', 'frame'],
  nifti: ['axis', 'slice', 'segmentation', 'window'],
  wsi: ['thumbnail', 'region', 'level'],
  image: ['maxSide'],
};

const FLAG_NAMES: Record<keyof RenderFlags, string> = {
  window: '--window',
  preset: '--preset',
  frame: '--frame',
  dataset: '--dataset',
  index: '--index',
  select: '--select',
  axis: '--axis',
  slice: '--slice',
  segmentation: '--segmentation',
  thumbnail: '--thumbnail',
  region: '--region',
  level: '--level',
  maxSide: '--max-side',
};

/**
 * Builds and validates a recipe from command-line flags: `--window C,W`, `--frame` (dicom N; video
 * middle|N|t=SECONDS|sharpest|end-diastole|end-systole; hdf5 with --select: middle|N), `--select
 * KEY=VALUE`, `--region X,Y,W,H`, and so on. Throws UsageError naming the flag.
 */
export function recipeFromFlags(kind: string, flags: RenderFlags): Recipe {
  if (!(kind in FLAGS_BY_KIND)) {
    throw new UsageError(`unknown kind "${kind}"; use one of ${Object.keys(FLAGS_BY_KIND).join(', ')}`);
  }
  const allowed = FLAGS_BY_KIND[kind as RecipeKind];
  for (const [key, value] of Object.entries(flags) as [keyof RenderFlags, string | undefined][]) {
    if (value !== undefined && !allowed.includes(key))
      throw new UsageError(`${FLAG_NAMES[key]} does not apply to ${kind}`);
  }
  const recipe: Record<string, unknown> = { kind };
  const int = (flag: keyof RenderFlags, text: string) => {
    if (!/^\d+$/.test(text))
      throw new UsageError(`${FLAG_NAMES[flag]} must be a whole number ≥ 0 (got "${text}")`);
    return Number(text);
  };
  if (flags.window !== undefined) {
    const parts = flags.window.split(',').map((p) => p.trim());
    if (parts.length !== 2 || parts.some((p) => p === '' || !Number.isFinite(Number(p)))) {
      throw new UsageError(`--window must be CENTER,WIDTH (got "${flags.window}")`);
    }
    recipe.window = { center: Number(parts[0]), width: Number(parts[1]) };
  }
  if (flags.preset !== undefined) recipe.preset = flags.preset;
  if (flags.frame !== undefined) {
    const frame = flags.frame;
    if (kind === 'dicom') recipe.frame = int('frame', frame);
    else if (kind === 'video') {
      if (/^\d+$/.test(frame)) recipe.frame = Number(frame);
      else if (frame.startsWith('t=')) {
        const seconds = Number(frame.slice(2));
        if (frame.length === 2 || !Number.isFinite(seconds) || seconds < 0) {
          throw new UsageError(`--frame t=SECONDS needs a time ≥ 0 (got "${frame}")`);
        }
        recipe.frame = { time: seconds };
      } else if (frame === 'end-diastole' || frame === 'end-systole') recipe.frame = { annotation: frame };
      else if (frame === 'middle' || frame === 'sharpest') recipe.frame = frame;
      else
        throw new UsageError(
          `--frame must be middle, N, t=SECONDS, sharpest, end-diastole or end-systole (got "${frame}")`,
        );
    } else if (flags.select === undefined) throw new UsageError('--frame goes with --select for hdf5');
  }
  if (flags.dataset !== undefined) recipe.dataset = flags.dataset;
  if (flags.index !== undefined) recipe.index = int('index', flags.index);
  if (flags.select !== undefined) {
    const at = flags.select.indexOf('=');
    if (at <= 0) throw new UsageError(`--select must be KEY=VALUE (got "${flags.select}")`);
    const frame = flags.frame ?? 'middle';
    recipe.select = {
      key: flags.select.slice(0, at),
      value: flags.select.slice(at + 1),
      frame: frame === 'middle' ? 'middle' : int('frame', frame),
    };
  }
  if (flags.axis !== undefined) recipe.axis = flags.axis;
  if (flags.slice !== undefined) {
    recipe.slice =
      flags.slice === 'middle' || flags.slice === 'largest-segmentation'
        ? flags.slice
        : int('slice', flags.slice);
  }
  if (flags.segmentation !== undefined) recipe.segmentation = flags.segmentation;
  if (flags.thumbnail !== undefined) recipe.thumbnail = int('thumbnail', flags.thumbnail);
  if (flags.region !== undefined) {
    const parts = flags.region.split(',');
    if (parts.length !== 4) throw new UsageError(`--region must be X,Y,WIDTH,HEIGHT (got "${flags.region}")`);
    const [x, y, width, height] = parts.map((p) => int('region', p.trim()));
    recipe.region = { x, y, width, height };
  }
  if (flags.level !== undefined) recipe.level = int('level', flags.level);
  if (flags.maxSide !== undefined) recipe.max_side = int('maxSide', flags.maxSide);
  if (kind === 'hdf5' && recipe.dataset === undefined) throw new UsageError('hdf5 needs --dataset KEY');
  if (kind === 'dicom' && recipe.window && recipe.preset)
    throw new UsageError('give either --window or --preset, not both');
  const parsed = Recipe.safeParse(recipe);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new UsageError(`invalid recipe: ${where}${issue.message}`);
  }
  return parsed.data;
}
