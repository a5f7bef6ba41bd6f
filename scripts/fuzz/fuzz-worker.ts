/**
 * A fuzz worker (a child of run-fuzz.ts, over IPC): makes each case it is sent, runs it in-process,
 * and answers with what happened. A native abort or a hang takes only this process down; the parent
 * counts it and starts another worker.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderDicom } from '../../actions/lib/dicom/render-dicom.js';
import { InputError } from '../../actions/lib/errors.js';
import type { Finding } from '../../actions/lib/findings/finding.js';
import { renderSource } from '../../actions/lib/render/render-source.js';
import { loadJsonFile } from '../../actions/lib/repository/load-json-file.js';
import { validateRepository } from '../../actions/lib/validate/validate-repository.js';
import { errorText, phiIn } from '../../test/robustness/phi.js';
import { type FuzzCase, type FuzzSeed, MANIFEST_FILES, makeCase, recipeFor } from './fuzz-case.js';
import type { CaseResult, WorkerSetup } from './fuzz-protocol.js';

const setup = JSON.parse(process.argv[2]!) as WorkerSetup;
const seeds: FuzzSeed[] = setup.seedFiles.map((file) => ({
  name: path.basename(file, '.dcm'),
  bytes: new Uint8Array(readFileSync(file)),
}));
const volumeSeeds: FuzzSeed[] = setup.volumeSeedFiles.map((file) => ({
  name: path.basename(file),
  bytes: new Uint8Array(readFileSync(file)),
}));
const manifests = new Map<string, string>(
  MANIFEST_FILES.map(([file]) => [file, readFileSync(path.join(setup.repoCopy, file), 'utf8')]),
);
const work = mkdtempSync(path.join(tmpdir(), 'cm-fuzz-worker-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
process.on('disconnect', () => process.exit(0));

/** A crash unless `error` is an InputError with a code, naming the file, without PHI. */
function judge(error: unknown, file: string): CaseResult['outcome'] {
  const leaked = phiIn(errorText(error));
  if (leaked.length > 0) return { status: 'leak', detail: `PHI in the error: ${leaked.join(', ')}` };
  if (
    !(error instanceof InputError) ||
    !/^[a-z0-9-]+(\/[a-z0-9-]+)?$/.test(error.code) ||
    !error.message.startsWith(`${file}: `)
  ) {
    const e = error as Error;
    return {
      status: 'crash',
      detail: `${e?.name ?? typeof error}: ${e?.message ?? String(error)}\n${e?.stack ?? ''}`.slice(0, 4000),
    };
  }
  return { status: 'error', detail: error.code };
}

async function runDicom(
  bytes: Uint8Array,
  options: object,
  mustFail: boolean,
): Promise<CaseResult['outcome']> {
  const file = path.join(work, 'case.dcm');
  writeFileSync(file, bytes);
  try {
    const image = await renderDicom(file, options);
    if (image.data.length !== image.width * image.height * image.channels)
      return { status: 'crash', detail: 'image data does not match width × height × channels' };
    if (mustFail)
      return { status: 'crash', detail: 'a cut compressed frame rendered as an image (half-decoded)' };
    return { status: 'image', detail: `${image.width}x${image.height}x${image.channels}` };
  } catch (error) {
    return judge(error, file);
  }
}

async function runVolume(c: Extract<FuzzCase, { kind: 'volume' }>): Promise<CaseResult['outcome']> {
  const file = path.join(work, `case-${c.seedName}`);
  writeFileSync(file, c.bytes);
  try {
    // ffmpeg gets less than the case's bound, so a stuck ffmpeg is the engine's timeout error.
    const image = await renderSource(file, c.recipe, { timeoutMs: Math.floor(setup.timeBoundMs / 3) });
    if (image.data.length !== image.width * image.height * image.channels)
      return { status: 'crash', detail: 'image data does not match width × height × channels' };
    return { status: 'image', detail: `${image.width}x${image.height}x${image.channels}` };
  } catch (error) {
    return judge(error, file);
  }
}

async function runManifest(
  file: string,
  schema: string,
  text: string,
  validate: boolean,
): Promise<CaseResult['outcome']> {
  const full = path.join(setup.repoCopy, file);
  writeFileSync(full, text);
  try {
    const findings: Finding[] = [];
    await loadJsonFile(setup.repoCopy, file, schema as Parameters<typeof loadJsonFile>[2], findings);
    if (validate) await validateRepository(setup.repoCopy);
    if (({} as Record<string, unknown>).polluted !== undefined)
      return { status: 'crash', detail: 'prototype polluted' };
    return { status: 'error', detail: `${findings.length} findings` };
  } catch (error) {
    const e = error as Error;
    return { status: 'crash', detail: `${e?.name}: ${e?.message}\n${e?.stack ?? ''}`.slice(0, 4000) };
  } finally {
    writeFileSync(full, manifests.get(file)!);
  }
}

process.on('message', async (index: number) => {
  const c = makeCase(setup.seed, index, seeds, volumeSeeds, manifests);
  const started = performance.now();
  const outcome =
    c.kind === 'dicom'
      ? await runDicom(c.bytes, c.options, c.mustFail)
      : c.kind === 'volume'
        ? await runVolume(c)
        : await runManifest(c.file, c.schema, c.text, c.validate);
  const result: CaseResult = {
    index,
    outcome,
    ms: performance.now() - started,
    rss: process.memoryUsage().rss,
  };
  process.send!(result);
});
// Warm up: load every decoder once (h5wasm, the WebAssembly codecs, sharp) by rendering each seed,
// so the time bound measures the case, not a library's one-time start (h5wasm takes 1–2 s).
for (const seed of seeds) await runDicom(seed.bytes, {}, false);
for (const seed of volumeSeeds) {
  await runVolume({
    kind: 'volume',
    index: -1,
    seedName: seed.name,
    bytes: seed.bytes,
    recipe: recipeFor(seed.name),
  });
}
process.send!('ready');
