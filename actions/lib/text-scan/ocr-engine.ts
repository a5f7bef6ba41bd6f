import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { OCREngine } from 'tesseract-wasm';

/** What a lock records of the recogniser: never the text, always what produced the counts. */
export interface EngineInfo {
  engine: string;
  version: string;
  model: string;
}

/** The LSTM model with integer weights: 2.9 MB, the same words as the float model here, faster. */
const MODEL_DIR = '4.0.0_best_int';

const require = createRequire(import.meta.url);

function packageVersion(entry: string, name: string): string {
  // Walk up from the package's entry file to its own package.json (exports hide it from require).
  let dir = path.dirname(require.resolve(entry));
  for (let i = 0; i < 4; i++) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === name) return pkg.version ?? 'unknown';
    } catch {
      // not here; one level up
    }
    dir = path.dirname(dir);
  }
  return 'unknown';
}

let loaded: Promise<{ engine: OCREngine; info: EngineInfo }> | undefined;

/**
 * Tesseract (WebAssembly) with the English model, both read from node_modules: the binary is handed
 * over so the library never fetches it, and the model comes from an npm package, so nothing is
 * downloaded at run time. One engine per thread, created on first use.
 */
export function ocrEngine(): Promise<{ engine: OCREngine; info: EngineInfo }> {
  loaded ??= (async () => {
    const { createOCREngine, supportsFastBuild } = await import('tesseract-wasm');
    const dist = path.dirname(require.resolve('tesseract-wasm'));
    const wasm = supportsFastBuild() ? 'tesseract-core.wasm' : 'tesseract-core-fallback.wasm';
    // The library never prints. The WebAssembly module binds console.log and console.warn as its
    // stdout and stderr when it is created (it takes no print option, and has no file system for
    // Tesseract's debug_file): silent stand-ins are what it binds; the console is restored at once.
    const { log, warn } = console;
    console.log = console.warn = () => {};
    let engine: OCREngine;
    try {
      engine = await createOCREngine({ wasmBinary: readFileSync(path.join(dist, wasm)) });
    } finally {
      console.log = log;
      console.warn = warn;
    }
    const modelFile = path.join(
      path.dirname(require.resolve('@tesseract.js-data/eng')),
      MODEL_DIR,
      'eng.traineddata.gz',
    );
    engine.loadModel(gunzipSync(readFileSync(modelFile)));
    // Candidate lines arrive stacked one per row; no dictionary bias towards English words.
    engine.setVariable('tessedit_pageseg_mode', '6');
    engine.setVariable('load_system_dawg', '0');
    // Lines arrive binarised, dark on light: the second, inverted reading of unsure lines only costs time.
    engine.setVariable('tessedit_do_invert', '0');
    // A fixed resolution: the estimate only prints a diagnostic.
    engine.setVariable('user_defined_dpi', '300');
    const info: EngineInfo = {
      engine: 'tesseract-wasm',
      version: packageVersion('tesseract-wasm', 'tesseract-wasm'),
      model: `eng ${MODEL_DIR} ${packageVersion('@tesseract.js-data/eng', '@tesseract.js-data/eng')}`,
    };
    return { engine, info };
  })();
  return loaded;
}
