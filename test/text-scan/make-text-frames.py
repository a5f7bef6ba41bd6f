#!/usr/bin/python3
"""Frames with and without burned-in text, made by code, for the text scanner's tests.

usage: make-text-frames.py OUT_DIR SET   (SET: tune | holdout)

Writes PNG, JPEG, DICOM, AVI and MP4 files and OUT_DIR/corpus.json listing each file with its label:
"identifying" (a name, an ID, a date, an institution or one of the file's own header values is
burned in), "machine" (only scanner annotations: depth, TIs/MI, MHz, fps, gain, counters, markers)
or "none" (no text). The two sets use different fonts, names, positions and seeds, so a scanner tuned
on "tune" is measured on frames it has not seen.
"""
import json
import os
import random
import subprocess
import sys

import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
SETS = {
    "tune": {
        "seed": 1601,
        "fonts": ["DejaVuSans.ttf", "DejaVuSansMono.ttf"],
        "first": ["JOHN", "MARIA", "PETER", "ANNA", "DAVID", "LINDA"],
        "last": ["SMITH", "GARCIA", "MUELLER", "JOHNSON", "ROSSI", "NGUYEN"],
        "institutions": ["St Mary Hospital", "City Medical Center", "Royal Infirmary"],
    },
    "holdout2": {
        "seed": 4177,
        "fonts": ["DejaVuSerif.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono-Bold.ttf", "DejaVuSerif-Bold.ttf"],
        "first": ["ASTRID", "JOAO", "FATIMA", "NIKOLAI", "GRETA", "SAMUEL", "YUKI", "CLARA"],
        "last": ["VANDERBERG", "ABERNATHY", "SILVA", "MORETTI", "HALVORSEN", "DUBOIS", "ADEYEMI", "CHRISTENSEN"],
        "institutions": ["Riverside General Hospital", "Ospedale San Carlo", "Eastfield Medical Centre", "Hopital Saint-Louis"],
    },
    "holdout": {
        "seed": 2903,
        "fonts": ["DejaVuSerif.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono-Bold.ttf", "DejaVuSerif-Bold.ttf"],
        "first": ["OLIVIA", "HENRIK", "SOFIA", "KWAME", "ELENA", "TOMAS", "PRIYA", "MARCO"],
        "last": ["LINDQVIST", "OKAFOR", "BERTRAND", "KOWALSKI", "FERREIRA", "HOLLOWAY", "TANAKA", "BRENNAN"],
        "institutions": ["Northgate University Clinic", "Lakeside Children's Hospital", "Klinikum Westend", "Harbour Health Trust"],
    },
}
COLOURS = [(255, 255, 255), (255, 255, 0), (0, 255, 0), (0, 255, 255), (210, 210, 210), (255, 160, 0)]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
SIZES = [(112, 112), (160, 120), (320, 240), (448, 336), (640, 480), (800, 600), (1024, 768)]


def speckle(rng, nrng, w, h, colour):
    """An ultrasound-like sector: Rayleigh speckle inside a fan on black, optionally tinted."""
    yy, xx = np.mgrid[0:h, 0:w]
    cx, r = w / 2, h * 0.95
    ang = np.arctan2(xx - cx, yy + h * 0.05)
    dist = np.hypot(xx - cx, yy + h * 0.05)
    fan = (np.abs(ang) < 0.6) & (dist < r) & (dist > h * 0.12)
    noise = nrng.rayleigh(38, (h, w))
    blobs = np.clip(noise * (0.6 + 0.6 * np.sin(xx / 17.0 + rng.random() * 6) ** 2), 0, 255)
    grey = np.where(fan, blobs, 0).astype(np.uint8)
    if not colour:
        return Image.fromarray(grey, "L").convert("RGB")
    rgb = np.stack([grey, (grey * 0.9).astype(np.uint8), (grey * 0.8).astype(np.uint8)], axis=2)
    return Image.fromarray(rgb, "RGB")


def compose(bg, layer):
    return Image.alpha_composite(bg.convert("RGBA"), layer).convert("RGB")


def background(rng, nrng, w, h):
    kind = rng.choice(["black", "speckle", "speckle", "speckle-colour"])
    if kind == "black":
        return Image.new("RGB", (w, h), (0, 0, 0)), kind
    return speckle(rng, nrng, w, h, kind == "speckle-colour"), kind


def text_px(rng, w):
    if w <= 160:
        return rng.randint(7, 9)
    if w <= 448:
        return rng.randint(8, 13)
    return rng.randint(10, 18)


def identifying_lines(rng, cfg, header):
    first, last = rng.choice(cfg["first"]), rng.choice(cfg["last"])
    header["PatientName"] = f"{last}^{first}"
    pid = "".join(rng.choice("0123456789") for _ in range(rng.choice([7, 8, 9])))
    header["PatientID"] = pid
    y, m, d = rng.randint(1940, 2010), rng.randint(1, 12), rng.randint(1, 28)
    header["PatientBirthDate"] = f"{y:04d}{m:02d}{d:02d}"
    inst = rng.choice(cfg["institutions"])
    header["InstitutionName"] = inst
    options = [
        f"{last}^{first}",
        f"{last}, {first.title()}",
        f"Name: {first.title()} {last.title()}",
        f"{first.title()} {last.title()}",
        f"ID: {pid}",
        f"MRN {pid}",
        f"Acc# A{pid[:6]}",
        f"DOB {d:02d}/{m:02d}/{y}",
        f"{d:02d}-{MONTHS[m - 1]}-{y}",
        f"{y}-{m:02d}-{d:02d} 10:{rng.randint(10, 59)}",
        inst,
        f"{last} {pid}",
    ]
    picks = rng.sample(options, rng.choice([1, 1, 2]))
    return picks


def machine_lines(rng):
    options = [
        f"{rng.randint(4, 24)} cm",
        f"TIs {rng.randint(1, 9) / 10:.1f}  MI {rng.randint(2, 14) / 10:.1f}",
        f"{rng.choice([2.5, 3.5, 5.0, 7.5, 12.0])}MHz",
        f"{rng.randint(18, 60)} fps",
        f"Gain {rng.randint(30, 80)}",
        f"G {rng.randint(30, 80)}  DR {rng.randint(50, 70)}",
        f"ECG HR {rng.randint(55, 110)} bpm",
        f"Frame {rng.randint(1, 40)}/{rng.randint(41, 90)}",
        f"W {rng.randint(200, 400)} L {rng.randint(20, 60)}",
        f"FR {rng.randint(18, 60)}Hz",
        f"{rng.choice(['C5-1', 'L12-5', 'S5-1', 'P4-2'])} {rng.choice(['Abd', 'Cardiac', 'Thyroid', 'Vasc'])}",
        f"Depth {rng.randint(4, 24)}.0 cm",
        f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}",
    ]
    return rng.sample(options, rng.choice([1, 2, 3]))


MACHINE_LINES = set()
LAYERS = {}


def machine_set(lines):
    return MACHINE_LINES


def draw_frame(rng, nrng, cfg, label, w, h):
    img, bg = background(rng, nrng, w, h)
    header = {}
    lines = []
    if label == "identifying":
        lines += identifying_lines(rng, cfg, header)
        if rng.random() < 0.5:
            extra = machine_lines(rng)[:1]
            MACHINE_LINES.update(extra)
            lines += extra
    elif label == "machine":
        lines += machine_lines(rng)
    # Text goes on its own layer, so a clip can move the speckle under it without moving the text.
    layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    size = text_px(rng, w)
    face = FONT_DIR + rng.choice(cfg["fonts"])
    font = ImageFont.truetype(face, size)
    # Text is never cut: a smaller size (down to 6 px), else lines that fit; the label stays true.
    while size > 6 and max((draw.textlength(t, font=font) for t in lines), default=0) > w - 8:
        size -= 1
        font = ImageFont.truetype(face, size)
    fitting = [t for t in lines if draw.textlength(t, font=font) <= w - 8]
    if label != "none" and not fitting:
        fitting = ["ID " + header.get("PatientID", "1234567")[:7]] if label == "identifying" else ["5 cm"]
    if label == "identifying" and not any(t in fitting for t in lines if t not in machine_set(lines)):
        fitting = [t for t in fitting] + ["ID " + header.get("PatientID", "1234567")[:7]]
    lines = fitting
    colour = rng.choice(COLOURS)
    corner = rng.choice(["tl", "tr", "bl", "br", "over"])
    gap = int(size * 1.35)
    for i, text in enumerate(lines):
        tw = draw.textlength(text, font=font)
        x = 3 + rng.randint(0, 4) if corner in ("tl", "bl") else w - tw - 3 - rng.randint(0, 4)
        if corner == "over":
            x = max(2, int((w - tw) / 2) + rng.randint(-8, 8))
            y0 = int(h * 0.45)
        elif corner in ("tl", "tr"):
            y0 = 3 + rng.randint(0, 4)
        else:
            y0 = h - 3 - gap * len(lines)
        draw.text((x, y0 + i * gap), text, font=font, fill=colour)
    LAYERS["last"] = (img, layer)
    return compose(img, layer), header, {"background": bg, "text_px": size, "colour": colour, "lines": len(lines)}


def write_dicom(path, img, header, rng):
    import pydicom
    from pydicom.dataset import FileDataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, generate_uid

    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.6.1"
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset(path, {}, file_meta=meta, preamble=b"\0" * 128)
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = "US"
    ds.PatientName = header.get("PatientName", "ANON^X")
    ds.PatientID = header.get("PatientID", "0")
    ds.PatientBirthDate = header.get("PatientBirthDate", "")
    ds.InstitutionName = header.get("InstitutionName", "")
    ds.StudyDate = "20240115"
    ds.BurnedInAnnotation = "NO"
    grey = rng.random() < 0.5
    arr = np.asarray(img.convert("L") if grey else img)
    ds.Rows, ds.Columns = arr.shape[0], arr.shape[1]
    ds.BitsAllocated = ds.BitsStored = 8
    ds.HighBit = 7
    ds.PixelRepresentation = 0
    if grey:
        ds.SamplesPerPixel = 1
        ds.PhotometricInterpretation = "MONOCHROME2"
    else:
        ds.SamplesPerPixel = 3
        ds.PhotometricInterpretation = "RGB"
        ds.PlanarConfiguration = 0
    ds.PixelData = arr.tobytes()
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.save_as(path, write_like_original=False)


def write_video(path, frames, codec):
    h, w = frames[0].shape[:2]
    args = ["ffmpeg", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{w}x{h}", "-r", "25", "-i", "-"]
    if codec == "mp4":
        args += ["-c:v", "libx264", "-pix_fmt", "yuv444p", "-crf", "12", path]
    else:
        args += ["-c:v", "mjpeg", "-q:v", "2", path]
    subprocess.run(args, input=b"".join(f.tobytes() for f in frames), check=True)


def main():
    out, which = sys.argv[1], sys.argv[2]
    cfg = SETS[which]
    rng = random.Random(cfg["seed"])
    nrng = np.random.default_rng(cfg["seed"])
    os.makedirs(out, exist_ok=True)
    items = []
    plan = [("identifying", 60), ("machine", 30), ("none", 30)]
    n = 0
    for label, count in plan:
        for _ in range(count):
            n += 1
            w, h = rng.choice(SIZES)
            container = rng.choice(["png", "png", "png", "jpeg", "dicom", "dicom", "avi", "mp4"])
            if container in ("avi", "mp4"):
                w, h = w - w % 2, h - h % 2
            img, header, info = draw_frame(rng, nrng, cfg, label, w, h)
            base = os.path.join(out, f"{which}-{n:03d}")
            if container == "png":
                path, kind = base + ".png", "image"
                img.save(path)
            elif container == "jpeg":
                path, kind = base + ".jpg", "image"
                img.save(path, quality=rng.randint(80, 95))
            elif container == "dicom":
                path, kind = base + ".dcm", "dicom"
                write_dicom(path, img, header, rng)
            else:
                # The text stays; the speckle under it moves from frame to frame.
                path, kind = base + "." + container, "video"
                bg, layer = LAYERS["last"]
                frames = []
                for f in range(8):
                    moved = Image.fromarray(np.roll(np.asarray(bg), f * 3, axis=1))
                    frames.append(np.asarray(compose(moved, layer)))
                write_video(path, frames, container)
            items.append({"file": os.path.basename(path), "kind": kind, "label": label, "width": w, "height": h, **info, "header": header})
    with open(os.path.join(out, "corpus.json"), "w") as f:
        json.dump(items, f, indent=1)


main()
