"""Small real files for media tests: a photo, a PDF, and things pretending to be them."""

from __future__ import annotations

import io

from PIL import Image


def png(width: int = 8, height: int = 8) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (120, 90, 60)).save(out, "PNG")
    return out.getvalue()


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 12), (30, 60, 90)).save(out, "JPEG")
    return out.getvalue()


PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]"
       b"/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
# A Windows program named and declared as a photo.
EXE_AS_JPEG = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 400
# A JPEG's first bytes followed by a script: looks like a photo, is not one.
SCRIPT_WITH_JPEG_HEADER = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"<script>alert(1)</script>" * 20
