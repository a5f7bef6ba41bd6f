"""Helpers for the attempts' proofs: each proof raises unless its payload comes back out."""
import base64
import binascii
import bz2
import glob
import gzip
import hashlib
import io
import json
import lzma
import os
import re
import sqlite3
import subprocess
import tarfile
import tempfile
import zipfile

import numpy as np
import pydicom
import scipy.io
from PIL import Image

PAYLOADS = os.environ["RED_TEAM_PAYLOADS"]
PIXELS = np.frombuffer(open(os.path.join(PAYLOADS, "pixels.raw"), "rb").read(), np.uint8).reshape(64, 64)
SINO = np.frombuffer(open(os.path.join(PAYLOADS, "sinogram.f32"), "rb").read(), "<f4").reshape(180, 64)


def sh(cmd, input=None):
    return subprocess.run(cmd, shell=True, check=True, capture_output=True, input=input).stdout


def read(p):
    with open(p, "rb") as f:
        return f.read()


def dicom_ok(b):
    ds = pydicom.dcmread(io.BytesIO(b), force=True)
    assert str(ds.PatientName) == "ZARQUON^WILHELMINA", "patient name"
    assert len(ds.PixelData) == 64 * 64, "pixels"


def image_ok(b):
    im = Image.open(io.BytesIO(b))
    im.load()
    assert min(im.size) >= 16, "image size"


def pixels_ok(a):
    assert np.array_equal(np.asarray(a).reshape(64, 64).astype(np.uint8), PIXELS), "pixels differ"


def sino_ok(a):
    assert np.allclose(np.asarray(a, dtype=np.float32).reshape(180, 64), SINO), "sinogram differs"


def history(p):
    """The first version of `p` in the pull request's commits, even when the head deleted it."""
    for c in sh(f"git log --reverse --format=%H main..pr -- '{p}'").decode().split():
        try:
            return sh(f"git show {c}:'{p}'")
        except subprocess.CalledProcessError:
            continue
    for c in sh(f"git log --reverse --all --format=%H -- '{p}'").decode().split():
        try:
            return sh(f"git show {c}:'{p}'")
        except subprocess.CalledProcessError:
            continue
    raise AssertionError("not in history")


def any_payload_ok(b):
    """DICOM, image or pixel buffer: whichever it is, it must read back."""
    if b"DICM" in b[:200] or b"ZARQUON" in b:
        return dicom_ok(b[max(0, b.find(b"DICM") - 128):] if b"DICM" in b else b)
    return image_ok(b)


def wf(p):
    """A workflow as YAML reads it (anchors resolved; PyYAML reads the key `on` as True)."""
    import yaml

    w = yaml.safe_load(open(p))
    if True in w:
        w["on"] = w.pop(True)
    return w
