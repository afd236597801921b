"""What a file is, from its bytes (never its name or the type its sender declared).

The first bytes say the format (the `filetype` library's signatures); an image must then
also open as one (Pillow), so a script with a JPEG header is not a photo.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

import filetype
from PIL import Image

# What a resident may upload on the web form: photos and PDFs.
UPLOAD_TYPES = frozenset({
    "image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "image/heif",
    "application/pdf",
})
# What the media job keeps from any channel: those, plus voice notes and short videos.
KEPT_TYPES = UPLOAD_TYPES | frozenset({
    "audio/mpeg", "audio/ogg", "audio/x-wav", "audio/mp4", "audio/amr", "audio/aac",
    "video/mp4", "video/quicktime", "video/3gpp", "video/webm",
})
EXTENSIONS = {
    "image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp",
    "image/heic": "heic", "image/heif": "heif", "application/pdf": "pdf",
}
_PILLOW_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/gif": "GIF",
                   "image/webp": "WEBP"}
MAX_PIXELS = 80_000_000  # a decompression bomb is refused, not opened


@dataclass(frozen=True)
class Verdict:
    """The type the content shows (None: unknown), and why it is refused (None: allowed)."""

    detected_type: str | None
    refused_because: str | None = None

    @property
    def allowed(self) -> bool:
        return self.refused_because is None


def examine(data: bytes, allowed: frozenset[str] = KEPT_TYPES) -> Verdict:
    """Judge `data` by its content against the `allowed` types."""
    if not data:
        return Verdict(None, "the file is empty")
    kind = filetype.guess(data[:8192])
    detected = _normalised(kind.mime) if kind is not None else None
    if detected is None or detected not in allowed:
        shown = detected or "an unrecognised type"
        return Verdict(detected, f"the file's content is {shown}, which is not accepted")
    if detected in _PILLOW_FORMATS and not _opens_as_image(data, _PILLOW_FORMATS[detected]):
        return Verdict(detected, "the file looks like an image but is not a readable one")
    if detected == "application/pdf" and b"%%EOF" not in data[-2048:]:
        return Verdict(detected, "the file looks like a PDF but is incomplete")
    return Verdict(detected)


def _normalised(mime: str) -> str:
    return {"audio/wav": "audio/x-wav", "audio/x-m4a": "audio/mp4"}.get(mime, mime)


def _opens_as_image(data: bytes, format_name: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[format_name]) as image:
                if image.width * image.height > MAX_PIXELS:
                    return False
                image.verify()
    except Exception:  # Pillow raises many kinds for a broken file: all mean "not an image"
        return False
    return True
