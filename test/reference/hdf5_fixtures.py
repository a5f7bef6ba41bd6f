"""Writes the HDF5 files of the render tests with h5py (Debian's python3), independently of h5wasm.

hdf5_fixtures.py DIR  -- stack.h5: image uint8 [6,10,12] (frame n filled with 10 * n + column),
                        mask uint8, annot_id bytes per frame, f32 float32 [3,4,5], u16 uint16
                        [2,3,4], rgb uint8 [2,4,5,3], flat uint8 [10,12]; sparse.h5: a 4.3 GB
                        contiguous [9000,600,800] uint8 "image" with only its last frame written.
"""
import sys

import h5py
import numpy as np

out = sys.argv[1]
with h5py.File(f"{out}/stack.h5", "w") as f:
    image = np.zeros((6, 10, 12), np.uint8)
    for n in range(6):
        image[n] = 10 * n + np.arange(12, dtype=np.uint8)[np.newaxis, :]
    f["image"] = image
    f["mask"] = (image > 30).astype(np.uint8)
    f["annot_id"] = np.array([b"12_", b"12_", b"7_", b"7_", b"7_", b"12_"])
    f["f32"] = np.arange(60, dtype=np.float32).reshape(3, 4, 5) * 0.5 - 3
    f["u16"] = (np.arange(24, dtype=np.uint16).reshape(2, 3, 4) * 1000)
    f["rgb"] = np.arange(120, dtype=np.uint8).reshape(2, 4, 5, 3)
    f["flat"] = np.zeros((10, 12), np.uint8)
    f["numeric_id"] = np.array([3, 3, 4, 4, 4, 4], np.int32)
with h5py.File(f"{out}/sparse.h5", "w") as f:
    d = f.create_dataset("image", shape=(9000, 600, 800), dtype="u1")
    d[8999] = np.tile(np.arange(800, dtype=np.uint16) % 256, (600, 1)).astype(np.uint8)
