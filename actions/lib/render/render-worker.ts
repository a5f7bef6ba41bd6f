/**
 * Entry point of a RenderPool worker thread (bundled to render-worker.js beside each bundle that
 * renders): renders one source at a time and sends back the PNG, or the error as plain data.
 */
import { parentPort } from 'node:worker_threads';
import { InputError, UsageError } from '../errors.js';
import type { RenderContext } from './render-context.js';
import { DeclinedOffThread, type OffThreadRecipe, renderInProcess } from './render-off-thread-kinds.js';
import { encodeRendered } from './rendered-png.js';

/** A job sent to the worker: the context without its AbortSignal (the pool aborts by terminating). */
export interface RenderJob {
  id: number;
  file: string;
  recipe: OffThreadRecipe;
  context: Omit<RenderContext, 'signal'>;
}

/** An error as it crosses the thread boundary, rebuilt by the pool into the same class. */
export type SentError =
  | { kind: 'input'; code: string; file: string; message: string }
  | { kind: 'usage'; message: string }
  | { kind: 'declined'; file: string }
  | { kind: 'other'; message: string; code?: string };

export function sendableError(error: unknown): SentError {
  if (error instanceof DeclinedOffThread) return { kind: 'declined', file: error.file };
  if (error instanceof InputError)
    return { kind: 'input', code: error.code, file: error.file, message: error.message };
  if (error instanceof UsageError) return { kind: 'usage', message: error.message };
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message =
    error instanceof Error ? error.message : typeof error === 'string' ? error : 'unknown error';
  return { kind: 'other', message, ...(typeof code === 'string' ? { code } : {}) };
}

parentPort?.on('message', async ({ id, file, recipe, context }: RenderJob) => {
  try {
    const out = await encodeRendered(await renderInProcess(file, recipe, context));
    // The PNG's own ArrayBuffer is handed over without a copy; a view into a shared pool is copied.
    const png =
      out.png.byteOffset === 0 && out.png.byteLength === out.png.buffer.byteLength
        ? out.png
        : new Uint8Array(out.png);
    parentPort!.postMessage({ id, out: { ...out, png } }, [png.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ id, error: sendableError(error) });
  }
});
