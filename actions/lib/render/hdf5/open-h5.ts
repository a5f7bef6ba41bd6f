import { InputError, UsageError } from '../../errors.js';
import { hdf5Reason } from './hdf5-reason.js';

type H5wasm = typeof import('h5wasm/node');
type H5File = InstanceType<H5wasm['File']>;

let loaded: Promise<H5wasm> | undefined;

/** h5wasm's Node build, initialised once. It reads files straight from disk (NODERAWFS), on demand. */
function h5wasm(): Promise<H5wasm> {
  loaded ??= import('h5wasm/node').then(async (module) => {
    await module.ready;
    // HDF5 errors become exceptions instead of diagnostics printed on stderr: the library never prints.
    module.Module.activate_throwing_error_handler();
    return module;
  });
  return loaded;
}

/**
 * Opens an HDF5 file read-only and hands it to `use`, closing it afterwards. Only the file's
 * metadata is read on open; datasets are read later, hyperslab by hyperslab.
 */
export async function withH5File<T>(file: string, use: (h5: H5File, module: H5wasm) => T): Promise<T> {
  const module = await h5wasm();
  let h5: H5File;
  try {
    h5 = new module.File(file, 'r');
  } catch (error) {
    throw new InputError('hdf5/open-failed', file, `cannot open as HDF5 (${hdf5Reason(error)})`);
  }
  if (!h5 || (h5 as unknown as { file_id: bigint | number }).file_id < 0) {
    throw new InputError('hdf5/open-failed', file, 'cannot open as HDF5');
  }
  try {
    return use(h5, module);
  } catch (error) {
    // h5wasm throws plain Errors (HDF5's error stack) from any call on a damaged file.
    if (error instanceof InputError || error instanceof UsageError) throw error;
    throw new InputError('hdf5/read-failed', file, `cannot read the file (${hdf5Reason(error)})`);
  } finally {
    try {
      h5.close();
    } catch {
      // Closing a damaged file can fail too; the error above is the one that matters.
    }
  }
}
