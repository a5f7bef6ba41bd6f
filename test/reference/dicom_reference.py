#!/usr/bin/python3
"""Independent reference for the DICOM render pipeline of DESIGN.md, in pydicom + numpy.

pydicom (with its GDCM, Pillow, RLE and numpy handlers) only decodes the pixel data; every value
transform below is written here from PS3.3 C.11 and DESIGN.md, without the TypeScript code:
stored values (unused bits masked, sign-extended) -> Modality LUT Sequence or Rescale ->
VOI (explicit window; else VOI LUT Sequence scaled from its bit depth; else first window with
LINEAR / LINEAR_EXACT / SIGMOID; else min-max) -> 8 bit -> MONOCHROME1 inverted; colour to RGB.

Usage: dicom_reference.py < jobs.json > results.json
jobs: [{"file": ..., "out": ..., "frame": 0, "window": null | {"center": c, "width": w}}]
Each decodable job writes its 8-bit pixels (row-major, RGB interleaved) to "out" and reports
{"ok": true, "width", "height", "channels", "modality_min", "modality_max"}; others report
{"ok": false, "error": "..."}.
"""

import json
import os
import struct
import sys
import tempfile
import warnings

import numpy as np
import pydicom
from pydicom.encaps import generate_pixel_data_frame
from pydicom.pixel_data_handlers.util import _expand_segmented_lut

warnings.simplefilter("ignore")

JPEG_DCT = {"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51"}


def pixel_array_checked(ds):
    """ds.pixel_array, but a decoder that reports an error on stderr (GDCM does, and then
    returns whatever was in its buffer) counts as a failure."""
    with tempfile.TemporaryFile() as capture:
        saved = os.dup(2)
        os.dup2(capture.fileno(), 2)
        try:
            arr = ds.pixel_array
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        capture.seek(0)
        stderr = capture.read().decode("latin1")
    # GDCM also says "Error" when a lossy stream lacks LossyImageCompression; that one still decodes.
    if stderr.count("Error") > stderr.count("EVIL file, it is declared as lossless but is in fact lossy"):
        raise RuntimeError("decoder reported an error")
    return arr


def stored_values(raw, ds):
    """Container values -> stored values: keep BitsStored bits ending at HighBit, sign-extend.
    Float pixel data has no bits to mask."""
    if raw.dtype.kind == "f":
        return raw.astype(np.float64)
    allocated = int(ds.BitsAllocated)
    stored = int(ds.get("BitsStored", allocated))
    high = int(ds.get("HighBit", stored - 1))
    unsigned = raw.astype(np.int64) & ((1 << allocated) - 1)
    v = (unsigned >> (high + 1 - stored)) & ((1 << stored) - 1)
    if int(ds.get("PixelRepresentation", 0)) == 1:
        v = np.where(v >= (1 << (stored - 1)), v - (1 << stored), v)
    return v


def lut_of(item, signed_input, little_endian):
    desc = [int(x) for x in item.LUTDescriptor]
    entries = desc[0] or 65536
    first = desc[1]
    if signed_input and first >= 0x8000:
        first -= 0x10000
    data = item.LUTData
    if isinstance(data, (bytes, bytearray)):
        data = np.frombuffer(data, "<u2" if little_endian else ">u2")
    data = np.asarray(data, dtype=np.float64).ravel()[:entries]
    return first, desc[2], data


def apply_lut(values, first, data):
    index = np.clip(np.floor(values) - first, 0, len(data) - 1).astype(np.int64)
    return data[index]


def lut_item(ds, keyword):
    """The first LUT item, if it has LUTDescriptor and LUTData: pydicom's apply_voi_lut treats an
    item without them (PS3.3 allows an empty item) as absent, and so do we for the Modality LUT."""
    if keyword not in ds or not len(ds[keyword].value):
        return None
    item = ds[keyword].value[0]
    return item if "LUTDescriptor" in item and "LUTData" in item else None


def modality(values, ds):
    item = lut_item(ds, "ModalityLUTSequence")
    if item is not None:
        first, _, data = lut_of(item, int(ds.get("PixelRepresentation", 0)) == 1, ds.is_little_endian)
        return apply_lut(values, first, data)
    slope = float(ds.get("RescaleSlope", 1) or 1) if "RescaleSlope" in ds else 1.0
    intercept = float(ds.get("RescaleIntercept", 0) or 0) if "RescaleIntercept" in ds else 0.0
    return values.astype(np.float64) * slope + intercept


def window(x, c, w, fn):
    if fn == "SIGMOID":
        return 255.0 / (1.0 + np.exp(-4.0 * (x - c) / w))
    if fn == "LINEAR_EXACT":
        y = ((x - c) / w + 0.5) * 255.0
        return np.where(x <= c - w / 2, 0.0, np.where(x > c + w / 2, 255.0, y))
    with np.errstate(divide="ignore", invalid="ignore"):
        y = ((x - (c - 0.5)) / (w - 1) + 0.5) * 255.0
    return np.where(x <= c - 0.5 - (w - 1) / 2, 0.0, np.where(x > c - 0.5 + (w - 1) / 2, 255.0, y))


def first_number(ds, keyword):
    if keyword not in ds or ds[keyword].value in (None, ""):
        return None
    value = ds[keyword].value
    if isinstance(value, pydicom.multival.MultiValue):
        value = value[0]
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if np.isfinite(number) else None


def voi(m, ds, explicit):
    if explicit is not None:
        return window(m, explicit["center"], explicit["width"], "LINEAR")
    item = lut_item(ds, "VOILUTSequence")
    if item is not None:
        first, bits, data = lut_of(item, int(ds.get("PixelRepresentation", 0)) == 1, ds.is_little_endian)
        return apply_lut(m, first, data) * 255.0 / (2**bits - 1)
    c = first_number(ds, "WindowCenter")
    w = first_number(ds, "WindowWidth")
    fn = str(ds.get("VOILUTFunction", "LINEAR") or "LINEAR").strip().upper()
    if fn not in ("LINEAR_EXACT", "SIGMOID"):
        fn = "LINEAR"
    if c is not None and w is not None and (w >= 1 if fn == "LINEAR" else w > 0):
        return window(m, c, w, fn)
    lo, hi = float(m.min()), float(m.max())
    return (m - lo) / (hi - lo) * 255.0 if hi > lo else np.zeros_like(m)


def to_byte(v):
    return np.floor(np.clip(v, 0, 255) + 0.5).astype(np.uint8)


def jpeg_stream_is_ycbcr(data):
    """libjpeg's rule for a 3-component stream: JFIF -> YCbCr; Adobe transform; component ids."""
    jfif, adobe, ids, at = False, None, [], 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            break
        marker = data[at + 1]
        if marker == 0xFF:
            at += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            at += 2
            continue
        length = (data[at + 2] << 8) | data[at + 3]
        body = data[at + 4 : at + 2 + length]
        if marker == 0xE0 and body[:5] == b"JFIF\0":
            jfif = True
        if marker == 0xEE and body[:5] == b"Adobe" and len(body) >= 12:
            adobe = body[11]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            ids = [body[6 + 3 * i] for i in range(body[5])]
        if marker in (0xDA, 0xD9):
            break
        at += 2 + length
    if jfif:
        return True
    if adobe is not None:
        return adobe != 0
    return ids[:3] != [0x52, 0x47, 0x42]


def ybr_to_rgb(samples, bits):
    half = 2 ** (bits - 1)
    top = 2**bits - 1
    y = samples[..., 0]
    cb = samples[..., 1] - half
    cr = samples[..., 2] - half
    rgb = np.stack([y + 1.402 * cr, y - 0.344136 * cb - 0.714136 * cr, y + 1.772 * cb], axis=-1)
    return np.clip(rgb, 0, top)


def colour(arr, ds, frame):
    bits = int(ds.get("BitsStored", ds.BitsAllocated))
    high = int(ds.get("HighBit", bits - 1))
    samples = ((arr.astype(np.int64) & ((1 << int(ds.BitsAllocated)) - 1)) >> (high + 1 - bits)) & (
        (1 << bits) - 1
    )
    samples = samples.astype(np.float64)
    photometric = str(ds.PhotometricInterpretation).strip().upper()
    ts = str(ds.file_meta.TransferSyntaxUID)
    convert = photometric in ("YBR_FULL", "YBR_FULL_422")
    if ts in JPEG_DCT:
        frames = int(ds.get("NumberOfFrames", 1) or 1)
        stream = next(
            f for i, f in enumerate(generate_pixel_data_frame(ds.PixelData, frames)) if i == frame
        )
        convert = convert or jpeg_stream_is_ycbcr(stream)
    if convert:
        samples = ybr_to_rgb(samples, bits)
    top = 2**bits - 1
    return to_byte(samples if bits == 8 else samples * 255.0 / top)


def palette(arr, ds):
    stored = stored_values(arr, ds)
    channels = []
    for name in ("Red", "Green", "Blue"):
        desc = [int(x) for x in ds[f"{name}PaletteColorLookupTableDescriptor"].value]
        entries, first, bits = desc[0] or 65536, desc[1], desc[2]
        if f"{name}PaletteColorLookupTableData" in ds:
            raw = ds[f"{name}PaletteColorLookupTableData"].value
            if len(raw) == entries:
                data = np.frombuffer(raw, np.uint8).astype(np.float64)
            else:
                data = np.frombuffer(raw, "<u2" if ds.is_little_endian else ">u2")[:entries].astype(np.float64)
        else:
            # Segmented LUT: expanded by pydicom's own helper (an implementation independent of ours).
            raw = ds[f"Segmented{name}PaletteColorLookupTableData"].value
            fmt = ("<" if ds.is_little_endian else ">") + ("B" if bits <= 8 else "H")
            words = struct.unpack(f"{fmt[0]}{len(raw) // (1 if bits <= 8 else 2)}{fmt[1]}", raw)
            expanded = _expand_segmented_lut(words, fmt)[:entries]
            expanded += [expanded[-1]] * (entries - len(expanded))
            data = np.asarray(expanded, dtype=np.float64)
        if bits <= 8 and data.max() > 255:
            data = np.floor(data / 256)
        values = apply_lut(stored, first, data)
        channels.append(np.minimum(values, 255) if bits <= 8 else values * 255.0 / (2**bits - 1))
    return to_byte(np.stack(channels, axis=-1))


def apply_functional_groups(ds, frame):
    """Enhanced multi-frame: rescale and window of the frame's functional groups (per-frame item,
    else shared) take the place of the top-level attributes."""

    def macro(keyword):
        for groups, index in (("PerFrameFunctionalGroupsSequence", frame), ("SharedFunctionalGroupsSequence", 0)):
            if groups in ds and len(ds[groups].value) > index:
                item = ds[groups].value[index]
                if keyword in item and len(item[keyword].value):
                    return item[keyword].value[0]
        return None

    transformation = macro("PixelValueTransformationSequence")
    if transformation is not None:
        ds.RescaleSlope = transformation.get("RescaleSlope", 1)
        ds.RescaleIntercept = transformation.get("RescaleIntercept", 0)
    voi_item = macro("FrameVOILUTSequence")
    if voi_item is not None and "WindowCenter" in voi_item and "WindowWidth" in voi_item:
        ds.WindowCenter = voi_item.WindowCenter
        ds.WindowWidth = voi_item.WindowWidth
        ds.VOILUTFunction = voi_item.get("VOILUTFunction", "LINEAR")


def render(job):
    ds = pydicom.dcmread(job["file"])
    # Decoders may rewrite header attributes (pydicom's J2K corrections change PixelRepresentation):
    # take the header as the file declares it.
    header = pydicom.dcmread(job["file"], stop_before_pixels=True)
    for keyword in ("PixelData", "FloatPixelData", "DoubleFloatPixelData"):
        if keyword in ds:
            setattr(header, keyword, ds[keyword].value)
    arr = pixel_array_checked(ds)
    ds = header
    frame = int(job.get("frame") or 0)
    frames = int(ds.get("NumberOfFrames", 1) or 1)
    if frames > 1:
        arr = arr[frame]
    elif frame != 0:
        raise ValueError("frame out of range")
    apply_functional_groups(ds, frame)
    photometric = str(ds.PhotometricInterpretation).strip().upper()
    result = {"ok": True, "width": int(ds.Columns), "height": int(ds.Rows)}
    if photometric == "PALETTE COLOR":
        out = palette(arr, ds)
    elif int(ds.get("SamplesPerPixel", 1)) == 3:
        out = colour(arr, ds, frame)
    elif int(ds.BitsAllocated) == 1:
        out = (arr.astype(np.uint8) & 1) * 255
        if photometric == "MONOCHROME1":
            out = 255 - out
    else:
        m = modality(stored_values(arr, ds), ds)
        result["modality_min"] = float(m.min())
        result["modality_max"] = float(m.max())
        out = to_byte(voi(m, ds, job.get("window")))
        if photometric == "MONOCHROME1":
            out = 255 - out
    out = np.ascontiguousarray(out, dtype=np.uint8)
    result["channels"] = 3 if out.ndim == 3 else 1
    out.tofile(job["out"])
    return result


def main():
    results = []
    for job in json.load(sys.stdin):
        try:
            results.append(render(job))
        except Exception as error:  # noqa: BLE001 - every failure is a "cannot decode" answer
            results.append({"ok": False, "error": type(error).__name__})
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
