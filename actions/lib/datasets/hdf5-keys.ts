import { InputError } from '../errors.js';
import { withH5File } from '../render/hdf5/open-h5.js';

/**
 * Top-level keys of an HDF5 file (h5wasm reads only the metadata, so a 36 GB file opens quickly).
 * Opened through the renderer's HDF5 access, whose error handler throws instead of printing HDF5's
 * diagnostic stack; a failure says why in one line.
 */
export async function hdf5Keys(file: string): Promise<string[]> {
  try {
    return await withH5File(file, (h5) => h5.keys());
  } catch (error) {
    // The caller names the file; keep only the reason ("cannot open as HDF5 (…)").
    if (error instanceof InputError) throw new Error(error.message.slice(file.length + 2));
    throw error;
  }
}
