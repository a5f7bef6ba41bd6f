import path from 'node:path';
import { UsageError } from '../../../actions/lib/errors.js';
import type { Box } from '../../../actions/lib/text-scan/box.js';
import { type ScanKind, scanFile } from '../../../actions/lib/text-scan/scan-file.js';
import { regionWithoutText, type TextScan } from '../../../actions/lib/text-scan/scan-result.js';
import { type Command, formatOption, parseCommandArgs } from '../command.js';
import { jsonEnvelope } from '../json-envelope.js';

/** A region as x0,y0–x1,y1 (right and bottom exclusive). */
const boxText = (b: Box): string => `${b.left},${b.top}–${b.right},${b.bottom}`;

const KINDS: readonly ScanKind[] = ['dicom', 'video', 'hdf5', 'nifti', 'wsi', 'image'];

/** The kind a file's name suggests; --kind overrides it. */
export function kindOf(file: string): ScanKind {
  const name = file.toLowerCase();
  if (/\.(dcm|dicom)$/.test(name)) return 'dicom';
  if (/\.(avi|mp4|mov|mkv|webm|m4v)$/.test(name)) return 'video';
  if (/\.(h5|hdf5|hdf)$/.test(name)) return 'hdf5';
  if (/\.nii(\.gz)?$/.test(name)) return 'nifti';
  if (/\.(svs|ndpi|scn|mrxs)$/.test(name)) return 'wsi';
  return 'image';
}

interface Row {
  input: string;
  identifying?: boolean;
  frames?: number;
  text_regions?: number;
  identifying_regions?: number;
  categories?: string[];
  regions?: Record<string, unknown>[];
  engine?: TextScan['engine'];
  error?: string;
}

function row(input: string, scan: TextScan, showText: boolean): Row {
  return {
    input,
    identifying: scan.identifying,
    frames: scan.frames,
    text_regions: scan.text_regions,
    identifying_regions: scan.identifying_regions,
    categories: scan.categories,
    regions: scan.regions.map((r) =>
      showText ? { ...regionWithoutText(r), text: r.text } : regionWithoutText(r),
    ),
    engine: scan.engine,
  };
}

function textLine(r: Row, showText: boolean): string {
  if (r.error) return `error        ${r.input}: ${r.error}`;
  const head = `${r.identifying ? 'IDENTIFYING' : 'clean      '}  ${r.input}: ${r.text_regions} text region(s), ${r.identifying_regions} identifying, ${r.frames} frame(s)${r.categories!.length ? ` [${r.categories!.join(', ')}]` : ''}`;
  if (!showText) return head;
  const words = (r.regions ?? []).map(
    (g) =>
      `    frame ${g.frame} ${boxText(g.box as Box)} [${(g.categories as string[]).join(', ')}]: ${g.text as string}`,
  );
  return [head, ...words].join('\n');
}

/** `clinical-manifests scan-text`: burned-in text in the pixels, offline (library: actions/lib/text-scan). */
export const scanTextCommand: Command = {
  name: 'scan-text',
  summary: 'find burned-in identifying text in images, DICOM, videos and cine-clips (offline OCR)',
  usage: `
usage: clinical-manifests scan-text FILE... [--kind dicom|video|hdf5|nifti|wsi|image] [--dataset KEY]
         [--format text|json] [--show-text]

  Renders each input (first, middle and last frame of a clip or multi-frame file), finds lines of
  burned-in text and classifies them: identifying (names, IDs, dates finer than a year, institutions,
  the file's own header values) or machine annotation (depth, TIs/MI, MHz, fps, gain, counters...).
  --kind         otherwise guessed from the file name
  --dataset KEY  HDF5 image stack (default "image")
  --show-text    print the recognised words too (for the data custodian; never in CI logs)
  Exit 1 when any input shows identifying text, 2 when an input cannot be read.`,
  async run(io) {
    const { values, positionals } = parseCommandArgs(
      io.argv,
      {
        kind: { type: 'string' },
        dataset: { type: 'string' },
        format: { type: 'string' },
        'show-text': { type: 'boolean' },
      },
      true,
    );
    if (positionals.length === 0) throw new UsageError('give at least one FILE');
    if (values.kind !== undefined && !KINDS.includes(values.kind as ScanKind))
      throw new UsageError(`--kind must be one of ${KINDS.join(', ')} (got "${values.kind}")`);
    const format = formatOption(values.format, ['text', 'json'] as const, 'text');
    const showText = values['show-text'] === true;
    const rows: Row[] = [];
    for (const input of positionals) {
      const file = path.resolve(io.cwd, input);
      try {
        const scan = await scanFile(file, (values.kind as ScanKind | undefined) ?? kindOf(input), {
          ...(values.dataset ? { hdf5Dataset: values.dataset } : {}),
        });
        rows.push(row(input, scan, showText));
      } catch (error) {
        rows.push({ input, error: (error as Error).message });
      }
    }
    if (format === 'json') io.stdout.write(jsonEnvelope('scan-text', { results: rows }));
    else io.stdout.write(`${rows.map((r) => textLine(r, showText)).join('\n')}\n`);
    if (rows.some((r) => r.error)) return 2;
    return rows.some((r) => r.identifying) ? 1 : 0;
  },
};

/** Both burned-in text commands, registered together (scripts/cli/commands/index.ts). */
export { reviewImagesCommand } from './review-images.js';
