import { mkdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { UsageError } from '../../../actions/lib/errors.js';
import { recipeFromFlags } from '../../../actions/lib/render/recipe-from-flags.js';
import { type BatchItem, type BatchResult, renderBatch } from '../../../actions/lib/render/render-batch.js';
import { type Command, type CommandIo, formatOption, parseCommandArgs } from '../command.js';
import { dataRootOption } from '../data-root.js';
import { jsonEnvelope } from '../json-envelope.js';
import { progressBar } from '../progress.js';
import { renderDatasetFolders } from '../render-data-root.js';
import { githubAnnotations, REPORT_FORMATS } from '../report.js';

/** The deepest folder holding every file. */
function commonFolder(files: readonly string[]): string {
  let base = path.dirname(files[0]!);
  while (!files.every((f) => f.startsWith(`${base}${path.sep}`)) && path.dirname(base) !== base)
    base = path.dirname(base);
  return base;
}

function outputsFor(
  io: CommandIo,
  files: string[],
  out: string | undefined,
  outDir: string | undefined,
): string[] {
  if ((out === undefined) === (outDir === undefined))
    throw new UsageError('give exactly one of -o OUT.png or --out-dir DIR');
  if (out !== undefined) {
    if (files.length !== 1) throw new UsageError('-o takes one input; use --out-dir DIR for several');
    return [path.resolve(io.cwd, out)];
  }
  const dir = path.resolve(io.cwd, outDir!);
  const info = statSync(dir, { throwIfNoEntry: false });
  if (info && !info.isDirectory()) throw new UsageError(`--out-dir ${dir} is not a directory`);
  const png = (file: string) => `${file.replace(/(\.nii)?\.[^.]+$/i, '')}.png`;
  const inputs = files.map((f) => path.resolve(io.cwd, f));
  const flat = inputs.map((file) => png(path.basename(file)));
  // Real layouts repeat names (CheXpert's view1_frontal.jpg in every study): then each output keeps
  // its source's folders below the inputs' common folder.
  const nested = new Set(flat).size < flat.length;
  const base = commonFolder(inputs);
  const outputs = inputs.map((file, i) => path.join(dir, nested ? png(path.relative(base, file)) : flat[i]!));
  const seen = new Map<string, string>();
  for (const [i, output] of outputs.entries()) {
    const earlier = seen.get(output);
    if (earlier) throw new UsageError(`${earlier} and ${files[i]} would both write ${output}`);
    seen.set(output, files[i]!);
  }
  for (const output of outputs) mkdirSync(path.dirname(output), { recursive: true });
  return outputs;
}

function textReport(results: BatchResult[]): string {
  const lines = results.map((r) =>
    r.ok
      ? `ok      ${r.input} -> ${r.output} (${r.width}×${r.height}, ${r.channels === 1 ? 'grey' : 'RGB'})`
      : `failed  ${r.error!.message} [${r.error!.code}]`,
  );
  const failed = results.filter((r) => !r.ok).length;
  lines.push(`${results.length - failed} rendered, ${failed} failed`);
  return `${lines.join('\n')}\n`;
}

/** `clinical-manifests render`: the thin face of renderBatch (library: actions/lib/render). */
export const renderCommand: Command = {
  name: 'render',
  summary: 'render DICOM, video, HDF5, NIfTI, whole-slide or photo sources to PNG',
  usage: `
usage: clinical-manifests render <dicom|video|hdf5|nifti|wsi|image> FILE... (-o OUT.png | --out-dir DIR)
         [recipe options] [--data-root DIR] [--jobs N] [--format text|json]

  -o OUT.png          one input, one output
  --out-dir DIR       writes DIR/<input name without extension>.png for each input
  dicom   --frame N  --window C,W | --preset brain|subdural|stroke|bone|lung|mediastinum|abdomen|liver
  video   --frame middle|N|t=SECONDS|sharpest|end-diastole|end-systole  (default middle)
          end-diastole/end-systole read EchoNet-Dynamic's VolumeTracings.csv from
          <data-root>/EchoNet-Dynamic/, else from the video's grandparent folder
  hdf5    --dataset KEY  --index N | --select KEY=VALUE [--frame middle|N]
  nifti   --axis axial|coronal|sagittal  --slice middle|N|largest-segmentation
          --segmentation PATH (relative to the source's folder)  --window C,W
  wsi     --thumbnail MAXSIDE | --region X,Y,W,H [--level L] (region in level L's pixels)
  image   --max-side N
  --out-dir DIR       when input names repeat (CheXpert's view1_frontal.jpg), outputs keep the
                      inputs' folders below their common folder: DIR/patient1/study1/view1_frontal.png
  --data-root DIR     the root of all datasets (DIR/<dataset id>/…, default $CLINICAL_DATA_ROOT when
                      given), for annotations and segmentations; each FILE must lie under it
  --jobs N            renders at once (default: number of cores)
  --format F          text (default), github (failures as annotations), or json:
                      {"schema_version":1,"command":"render","results":[{"input","output","ok","error":{"code","message"}}]}

Exit codes: 0 all rendered, 1 some failed, 2 usage error.`,
  async run(io) {
    const { values, positionals } = parseCommandArgs(
      io.argv,
      {
        out: { type: 'string', short: 'o' },
        'out-dir': { type: 'string' },
        window: { type: 'string' },
        preset: { type: 'string' },
        frame: { type: 'string' },
        dataset: { type: 'string' },
        index: { type: 'string' },
        select: { type: 'string' },
        axis: { type: 'string' },
        slice: { type: 'string' },
        segmentation: { type: 'string' },
        thumbnail: { type: 'string' },
        region: { type: 'string' },
        level: { type: 'string' },
        'max-side': { type: 'string' },
        'data-root': { type: 'string' },
        jobs: { type: 'string' },
        format: { type: 'string' },
      },
      true,
    );
    const format = formatOption(values.format, REPORT_FORMATS, 'text');
    const [kind, ...files] = positionals;
    if (kind === undefined) throw new UsageError('name a kind: dicom, video, hdf5, nifti, wsi or image');
    const recipe = recipeFromFlags(kind, {
      window: values.window,
      preset: values.preset,
      frame: values.frame,
      dataset: values.dataset,
      index: values.index,
      select: values.select,
      axis: values.axis,
      slice: values.slice,
      segmentation: values.segmentation,
      thumbnail: values.thumbnail,
      region: values.region,
      level: values.level,
      maxSide: values['max-side'],
    });
    if (files.length === 0) throw new UsageError('give at least one input FILE');
    let jobs = availableParallelism();
    if (values.jobs !== undefined) {
      if (!/^[1-9]\d*$/.test(values.jobs))
        throw new UsageError(`--jobs must be a whole number ≥ 1 (got "${values.jobs}")`);
      jobs = Number(values.jobs);
    }
    const outputs = outputsFor(io, files, values.out, values['out-dir']);
    const inputs = files.map((file) => path.resolve(io.cwd, file));
    // An explicit --data-root must hold every input; $CLINICAL_DATA_ROOT is used only when it does.
    const folders =
      values['data-root'] !== undefined
        ? await renderDatasetFolders(io, dataRootOption(io, values['data-root']), inputs)
        : io.env.CLINICAL_DATA_ROOT
          ? await renderDatasetFolders(io, dataRootOption(io, undefined), inputs).catch(() => undefined)
          : undefined;
    const items: BatchItem[] = inputs.map((input, i) => ({
      input,
      output: outputs[i]!,
      recipe,
      ...(folders ? { context: { dataRoot: folders[i]! } } : {}),
    }));
    const progress = progressBar(io);
    const results = await renderBatch(items, {
      jobs,
      ...(progress ? { onProgress: (done: number, total: number) => progress(done, total) } : {}),
    });
    // Report paths as the user typed them.
    const shown = results.map((r, i) => ({
      ...r,
      input: files[i]!,
      output: path.relative(io.cwd, r.output) || r.output,
    }));
    if (format === 'json') {
      const report = shown.map((r) => ({
        input: r.input,
        output: r.output,
        ok: r.ok,
        ...(r.error ? { error: r.error } : { resolved: r.resolved }),
      }));
      io.stdout.write(jsonEnvelope('render', { results: report }));
    } else if (format === 'github') {
      const failed = shown.filter((r) => !r.ok);
      io.stdout.write(
        githubAnnotations(
          failed.map((r) => ({ title: r.error!.code, message: `${r.input}: ${r.error!.message}` })),
        ),
      );
    } else io.stdout.write(textReport(shown));
    return shown.every((r) => r.ok) ? 0 : 1;
  },
};
