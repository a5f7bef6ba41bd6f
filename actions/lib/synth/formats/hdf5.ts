/** One dataset of a synthetic HDF5 file. */
export interface Hdf5Dataset {
  name: string;
  data: Uint8Array | string[];
  shape: number[];
}

/**
 * Writes an HDF5 file with h5wasm. HDF5 stamps object headers with the current time, so the clock is
 * pinned while the file is written: the same datasets then give the same bytes.
 */
export async function writeHdf5(file: string, datasets: readonly Hdf5Dataset[]): Promise<void> {
  // Loaded on first use: h5wasm costs 1–2 s and hundreds of MB at start, which no other command should pay.
  const { default: h5wasm } = await import('h5wasm/node');
  await h5wasm.ready;
  const realNow = Date.now;
  Date.now = () => 946684800000; // 2000-01-01T00:00:00Z
  try {
    const f = new h5wasm.File(file, 'w');
    try {
      for (const d of datasets) {
        if (Array.isArray(d.data)) f.create_dataset({ name: d.name, data: d.data, shape: d.shape });
        else f.create_dataset({ name: d.name, data: d.data, shape: d.shape, dtype: '<B' });
      }
    } finally {
      f.close();
    }
  } finally {
    Date.now = realNow;
  }
}
