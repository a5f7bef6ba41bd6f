"""Makes the red-team payloads that need numpy, scipy, PIL, sqlite3 or ffmpeg, from the raw X-ray pixels
and the float32 sinogram that payloads.ts wrote into DIR. Writes DIR/py/<name>."""
import io
import os
import sqlite3
import subprocess
import sys

import numpy as np
import scipy.io
from PIL import Image

d = sys.argv[1]
out = os.path.join(d, "py")
os.makedirs(out, exist_ok=True)
pixels = np.frombuffer(open(os.path.join(d, "pixels.raw"), "rb").read(), np.uint8).reshape(64, 64)
sino = np.frombuffer(open(os.path.join(d, "sinogram.f32"), "rb").read(), "<f4").reshape(180, 64)
img = Image.fromarray(pixels, "L")


def save(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def pil(fmt, **kw):
    b = io.BytesIO()
    img.save(b, fmt, **kw)
    return b.getvalue()


save("jpeg", pil("JPEG", quality=90))
save("pdf", pil("PDF", resolution=72))
save("tiff-le", pil("TIFF"))
b = io.BytesIO()
Image.fromarray(pixels.astype(">u2") * 200, "I;16B").save(b, "TIFF")
save("tiff-be", b.getvalue())
save("webp", pil("WEBP", lossless=True))
save("bmp", pil("BMP"))
save("gif", pil("GIF"))
b = io.BytesIO()
np.save(b, pixels)
save("npy", b.getvalue())
b = io.BytesIO()
np.save(b, sino)
save("npy-f32", b.getvalue())
b = io.BytesIO()
np.savez_compressed(b, scan=pixels, sino=sino)
save("npz", b.getvalue())
b = io.BytesIO()
scipy.io.savemat(b, {"scan": pixels})
save("mat", b.getvalue())
b = io.BytesIO()
scipy.io.savemat(b, {"sino": sino}, do_compression=True)
save("mat-compressed", b.getvalue())
b = io.BytesIO()
scipy.io.savemat(b, {"scan": pixels}, format="4")
save("mat4", b.getvalue())
db = os.path.join(out, "sqlite")
if os.path.exists(db):
    os.remove(db)
con = sqlite3.connect(db)
con.execute("create table scans (id integer primary key, png blob)")
con.execute("insert into scans (png) values (?)", (open(os.path.join(d, "xray.png"), "rb").read(),))
con.commit()
con.close()
# An echo-like MJPEG AVI: 8 frames of the X-ray shifted, as EchoNet's clips are.
frames = os.path.join(d, "frames")
os.makedirs(frames, exist_ok=True)
for i in range(8):
    Image.fromarray(np.roll(pixels, i * 2, axis=1), "L").save(os.path.join(frames, f"f{i:02d}.png"))
subprocess.run(
    ["ffmpeg", "-loglevel", "error", "-y", "-framerate", "25", "-i", os.path.join(frames, "f%02d.png"),
     "-c:v", "mjpeg", "-q:v", "3", "-pix_fmt", "yuvj420p", "-f", "avi", os.path.join(out, "avi")],
    check=True,
)
