"""Independent NIfTI reference for the render tests (Debian's python3 with nibabel and numpy).

write SPEC_JSON  -- writes a volume with nibabel: {"path", "shape", "dtype", "affine", "version",
                    "slope", "inter", "qform_only", "seed", "labels"}
render REQUESTS_JSON
                 -- for each [file, axis, slice, window or null], one {"width","height","slice","pixels"}:
                    the slice in the radiological view, computed from nibabel's as_closest_canonical,
                    min-max or the DICOM linear window [center, width]; printed as a JSON list.
"""
import json
import sys

import nibabel as nib
import numpy as np


def write(spec):
    rng = np.random.default_rng(spec.get("seed", 0))
    shape = tuple(spec["shape"])
    dtype = np.dtype(spec["dtype"])
    if spec.get("labels"):
        data = np.zeros(shape, dtype=dtype)
        for (i0, i1, j0, j1, k0, k1) in spec["labels"]:
            data[i0:i1, j0:j1, k0:k1] = 1
    elif dtype.kind == "f":
        data = (rng.standard_normal(shape) * 300 + 50).astype(dtype)
    else:
        info = np.iinfo(dtype)
        low, high = max(info.min, -2000), min(info.max, 3000)
        data = rng.integers(low, high, size=shape, endpoint=True).astype(dtype)
    affine = np.array(spec["affine"], dtype=float)
    cls = nib.Nifti2Image if spec.get("version") == 2 else nib.Nifti1Image
    img = cls(data, affine)
    if spec.get("qform_only"):
        img.set_qform(affine, code=1)
        img.set_sform(None, code=0)
    if "intent" in spec:
        img.header["intent_code"] = spec["intent"]
    if "slope" in spec:
        img.header.set_slope_inter(spec["slope"], spec.get("inter", 0))
    nib.save(img, spec["path"])


def render(path, axis, slice_spec, window=None):
    img = nib.as_closest_canonical(nib.load(path))
    d = np.asanyarray(img.get_fdata(), dtype=np.float64)
    if d.ndim > 3:
        d = d.reshape(d.shape[:3] + (-1,))[..., 0]
    while d.ndim < 3:
        d = d[..., np.newaxis]
    n = d.shape[{"axial": 2, "coronal": 1, "sagittal": 0}[axis]]
    s = n // 2 if slice_spec == "middle" else int(slice_spec)
    plane = {"axial": d[:, :, s], "coronal": d[:, s, :], "sagittal": d[s, :, :]}[axis]
    view = plane.T[::-1, ::-1]
    if window:
        c, w = window
        low, high = c - 0.5 - (w - 1) / 2, c - 0.5 + (w - 1) / 2
        out = np.floor(((view - (c - 0.5)) / (w - 1) + 0.5) * 255 + 0.5)
        out = np.where(view <= low, 0, np.where(view > high, 255, out))
    else:
        lo, hi = view.min(), view.max()
        out = np.zeros_like(view) if hi == lo else np.floor((view - lo) * (255 / (hi - lo)) + 0.5)
    return {"width": view.shape[1], "height": view.shape[0], "slice": s,
            "pixels": out.astype(np.uint8).ravel().tolist()}


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(json.loads(sys.argv[2]))
    else:
        print(json.dumps([render(*request) for request in json.loads(sys.argv[2])]))
