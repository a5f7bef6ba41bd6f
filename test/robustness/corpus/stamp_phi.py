"""Copies real DICOM files with PHI-looking patient values stamped in, keeping each transfer syntax.

Usage: stamp_phi.py OUT_DIR SOURCE... ; prints one JSON line per source: {"source", "out"} or
{"source", "error"}. A source named "gdcm-lossless:FILE" is first recompressed with GDCM to JPEG
Lossless SV1 (pydicom cannot encode that syntax itself).
"""
import json
import os
import sys

import pydicom

PHI = {
    "PatientName": "Doe^Jane",
    "PatientID": "MRN-123456",
    "InstitutionName": "St. Example Hospital",
    "PatientBirthDate": "19700101",
}


def recompress(source, out):
    import gdcm

    reader = gdcm.ImageReader()
    reader.SetFileName(source)
    if not reader.Read():
        raise RuntimeError("gdcm cannot read")
    change = gdcm.ImageChangeTransferSyntax()
    change.SetTransferSyntax(gdcm.TransferSyntax(gdcm.TransferSyntax.JPEGLosslessProcess14_1))
    change.SetInput(reader.GetImage())
    if not change.Change():
        raise RuntimeError("gdcm cannot recompress")
    writer = gdcm.ImageWriter()
    writer.SetFileName(out)
    writer.SetFile(reader.GetFile())
    writer.SetImage(change.GetOutput())
    if not writer.Write():
        raise RuntimeError("gdcm cannot write")
    return out


def main():
    out_dir = sys.argv[1]
    for source in sys.argv[2:]:
        try:
            name = os.path.basename(source.split(":", 1)[-1])
            out = os.path.join(out_dir, name)
            if source.startswith("gdcm-lossless:"):
                out = os.path.join(out_dir, "lossless-sv1-" + name)
                source = recompress(source.split(":", 1)[1], out)
            ds = pydicom.dcmread(source, force=True)
            for keyword, value in PHI.items():
                setattr(ds, keyword, value)
            ds.save_as(out, write_like_original=True)
            print(json.dumps({"source": source, "out": out}))
        except Exception as error:  # one bad source must not stop the others
            print(json.dumps({"source": source, "error": str(error)}))


main()
