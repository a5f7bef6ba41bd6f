#!/usr/bin/python3
"""Recompresses a DICOM file with GDCM, so the tests can check our codecs on files made by an
independent encoder. Usage: dicom_compress.py SOURCE DESTINATION TRANSFER_SYNTAX_NAME
(a gdcm.TransferSyntax name such as JPEGLSLossless). Exits 3 when GDCM refuses the combination."""

import sys

import gdcm


def main():
    source, destination, name = sys.argv[1:4]
    reader = gdcm.ImageReader()
    reader.SetFileName(source)
    if not reader.Read():
        sys.exit(2)
    change = gdcm.ImageChangeTransferSyntax()
    change.SetTransferSyntax(gdcm.TransferSyntax(getattr(gdcm.TransferSyntax, name)))
    change.SetInput(reader.GetImage())
    if not change.Change():
        sys.exit(3)
    writer = gdcm.ImageWriter()
    writer.SetFileName(destination)
    writer.SetFile(reader.GetFile())
    writer.SetImage(change.GetOutput())
    if not writer.Write():
        sys.exit(2)


if __name__ == "__main__":
    main()
