import { Worker } from 'node:worker_threads';
import { STAT_KEY_EXPRESSION, type StatKey } from './hash-cache.js';

// Plain CommonJS for an eval worker (works the same from sources and bundles).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const keys = workerData.files.map((file) => {
  const st = statSync(file, { throwIfNoEntry: false });
  return st && st.isFile() ? ${STAT_KEY_EXPRESSION} + ' ' + st.size : null;
});
parentPort.postMessage(keys);
`;

/**
 * Stats files on a worker thread, so a plan's 100,000 output stats run on a second core while the
 * main thread stats the sources. Each result is the file's stat key and size, or undefined when it
 * is missing or not a regular file.
 */
export function statFilesInWorker(
  files: readonly string[],
): Promise<({ key: StatKey; size: number } | undefined)[]> {
  if (files.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { files } });
    worker.once('message', (keys: (string | null)[]) => {
      resolve(
        keys.map((k) => {
          if (k === null) return undefined;
          const space = k.lastIndexOf(' ');
          return { key: k.slice(0, space), size: Number(k.slice(space + 1)) };
        }),
      );
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
