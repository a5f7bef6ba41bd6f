"""The anchors of the render benches: what a Python user writes for each kind, driven over many files.

Used by scripts/bench/render-anchors.ts. Run with Debian's /usr/bin/python3 (python3-pil,
python3-h5py, python3-nibabel, python3-numpy, python3-openslide):

    /usr/bin/python3 render-anchor.py SPEC.json

SPEC.json: {"kind": "image" | "hdf5" | "nifti" | "wsi", "items": [{"file", "output", ...}],
"warm": true | false}. Each item is rendered to an 8-bit PNG, as our engine renders it:
  image  PIL: open, EXIF transpose, save (grey stays grey);
  hdf5   h5py: open the file, read frame "index" of dataset "dataset" (uint8), PIL save;
  nifti  nibabel: load, as_closest_canonical, the middle axial slice read through the proxy (only
         that slice is scaled), radiological view, min-max to 0..255 rounded, PIL save;
  wsi    openslide: get_thumbnail((side, side)) (smallest level at least that large, PIL LANCZOS),
         PIL save.
PNGs are saved with compress_level=1, PIL's fastest deflate: the anchor at its quickest setting.
With "warm", the first item is rendered once before the timed loop (imports and first-call costs
out of the loop). Prints {"imports_s": ..., "loop_s": ..., "cpu_s": ...} (cpu_s: process time of the loop).
"""
import json
import sys
import time

t0 = time.perf_counter()
import numpy as np  # noqa: E402
from PIL import Image, ImageOps  # noqa: E402

spec = json.load(open(sys.argv[1]))
kind = spec["kind"]
if kind == "hdf5":
    import h5py  # noqa: E402
elif kind == "nifti":
    import nibabel as nib  # noqa: E402
elif kind == "wsi":
    import openslide  # noqa: E402
t_imports = time.perf_counter() - t0

SAVE = {"compress_level": 1}


def image(item):
    with Image.open(item["file"]) as im:
        out = ImageOps.exif_transpose(im)
        if out.mode not in ("L", "RGB"):
            out = out.convert("RGB")
        out.save(item["output"], **SAVE)


def hdf5(item):
    with h5py.File(item["file"], "r") as f:
        frame = f[item["dataset"]][item["index"]]
    Image.fromarray(frame).save(item["output"], **SAVE)


def nifti(item):
    img = nib.as_closest_canonical(nib.load(item["file"]))
    s = img.shape[2] // 2
    plane = np.asanyarray(img.dataobj[:, :, s], dtype=np.float64)
    view = plane.T[::-1, ::-1]
    lo, hi = view.min(), view.max()
    out = np.zeros_like(view) if hi == lo else np.floor((view - lo) * (255 / (hi - lo)) + 0.5)
    Image.fromarray(out.astype(np.uint8)).save(item["output"], **SAVE)


def wsi(item):
    slide = openslide.OpenSlide(item["file"])
    try:
        thumb = slide.get_thumbnail((item["side"], item["side"]))
    finally:
        slide.close()
    thumb.convert("RGB").save(item["output"], **SAVE)


render = {"image": image, "hdf5": hdf5, "nifti": nifti, "wsi": wsi}[kind]
items = spec["items"]
if spec["warm"]:
    render({**items[0], "output": items[0]["output"] + ".warm.png"})
start = time.perf_counter()
cpu = time.process_time()
for item in items:
    render(item)
loop = time.perf_counter() - start
print(json.dumps({"imports_s": t_imports, "loop_s": loop, "cpu_s": time.process_time() - cpu}))
