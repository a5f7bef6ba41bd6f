"""The benchmark notes' DICOM -> PNG recipe (pydicom + numpy + PIL), verbatim, driven over many files.

Used by scripts/bench/dicom-render.ts as the anchor of the DICOM bench. Run with Debian's
/usr/bin/python3 (python3-pydicom, python3-numpy, python3-pil):

    /usr/bin/python3 dicom-to-png.py SPEC.json

SPEC.json: {"center": C, "width": W, "files": [...], "outputs": [...], "warm": PATH or null}.
With "warm", the first file is converted once before the timed loop (imports and first-call costs
out of the loop). Prints {"imports_s": ..., "loop_s": ...}.
"""
import json
import sys
import time

t0 = time.perf_counter()
import numpy as np  # noqa: E402
import pydicom  # noqa: E402
from PIL import Image  # noqa: E402

t_imports = time.perf_counter() - t0


# From the notes, unchanged (it windows raw stored values and ignores RescaleIntercept: the bench
# hands it a window in stored values so both sides draw the same picture).
def dicom_to_png(dicom_path, output_path, window_center=40, window_width=350):
    """Convert DICOM to PNG with windowing."""
    dcm = pydicom.dcmread(dicom_path)
    img = dcm.pixel_array

    # Apply window/level
    img_min = window_center - window_width / 2
    img_max = window_center + window_width / 2
    img = np.clip(img, img_min, img_max)

    # Scale to 0-255
    img = ((img - img_min) / (img_max - img_min) * 255).astype(np.uint8)

    Image.fromarray(img).save(output_path)


spec = json.load(open(sys.argv[1]))
c, w = spec["center"], spec["width"]
if spec["warm"]:
    dicom_to_png(spec["files"][0], spec["warm"], c, w)
start = time.perf_counter()
for src, out in zip(spec["files"], spec["outputs"]):
    dicom_to_png(src, out, c, w)
print(json.dumps({"imports_s": t_imports, "loop_s": time.perf_counter() - start}))
