"""Uploaded images: check them by content, re-encode them, make renditions.

Nothing the uploader sent is stored as is. A file passes only if Pillow
recognises it as JPEG, PNG or WebP, it is within the size and pixel limits
and nothing is appended after the image data (a "polyglot" that is also
HTML or a script). It is then decoded, turned upright (EXIF orientation)
and encoded afresh, which drops EXIF (GPS) and any other metadata.
"""

import io
import struct
import warnings
from dataclasses import dataclass
from uuid import uuid4

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 40_000_000  # 40 megapixels: larger than any press photo we need
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# name -> longest side in pixels
RENDITION_SIZES = {"thumbnail": 400, "medium": 1200}


@dataclass
class CleanImage:
    file: ContentFile
    width: int
    height: int


def _has_trailing_data(data: bytes, kind: str) -> bool:
    """True when bytes follow the image's end marker (an appended HTML/script payload)."""
    if kind == "PNG":
        end = data.rfind(b"IEND")
        return end == -1 or len(data) > end + 8  # 4 bytes type + 4 bytes CRC
    if kind == "JPEG":
        return not data.rstrip(b"\x00").endswith(b"\xff\xd9")
    if kind == "WEBP":
        (riff_size,) = struct.unpack("<I", data[4:8])
        return len(data) > riff_size + 8 + (riff_size % 2)
    return True


def _open(data: bytes) -> Image.Image:
    """Identify and size-check the image before decoding any pixels."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except (
            UnidentifiedImageError,
            Image.DecompressionBombError,
            Image.DecompressionBombWarning,
        ):
            raise ValidationError(
                _("Die Datei ist kein Bild im Format JPEG, PNG oder WebP."), code="type"
            ) from None
    if image.format not in ALLOWED_FORMATS:
        raise ValidationError(_("Erlaubt sind nur JPEG, PNG und WebP."), code="type")
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ValidationError(
            _("Das Bild hat zu viele Pixel (höchstens %(mp)s Megapixel).")
            % {"mp": MAX_PIXELS // 1_000_000},
            code="pixels",
        )
    return image


def clean_upload(upload) -> CleanImage:
    """Validate an uploaded file and return it re-encoded, upright and without metadata."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Die Datei ist zu groß (höchstens %(mb)s MB).")
            % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)},
            code="size",
        )
    upload.seek(0)
    data = upload.read()
    image = _open(data)
    kind = image.format
    if _has_trailing_data(data, kind):
        raise ValidationError(
            _("Die Datei enthält nach den Bilddaten weitere Inhalte und wird abgelehnt."),
            code="polyglot",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
            upright = ImageOps.exif_transpose(image)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombWarning):
        raise ValidationError(_("Das Bild ist beschädigt."), code="broken") from None
    content = encode(upright, kind)
    # The uploader's file name is not kept: stored names are random (media.original_path).
    file = ContentFile(content, name=f"{uuid4().hex}.{ALLOWED_FORMATS[kind]}")
    return CleanImage(file=file, width=upright.width, height=upright.height)


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def encode(image: Image.Image, kind: str) -> bytes:
    """Encode afresh; no exif/icc/text chunks are passed on."""
    out = io.BytesIO()
    if kind == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
    elif kind == "PNG":
        mode = "RGBA" if _has_alpha(image) else "RGB"
        image.convert(mode).save(out, "PNG", optimize=True)
    else:
        mode = "RGBA" if _has_alpha(image) else "RGB"
        image.convert(mode).save(out, "WEBP", quality=85)
    return out.getvalue()


def renditions(data: bytes) -> dict[str, dict]:
    """Scaled copies: each as WebP plus a JPEG (or PNG with transparency) fallback."""
    source = Image.open(io.BytesIO(data))
    source.load()
    fallback = "PNG" if _has_alpha(source) else "JPEG"
    result = {}
    for name, longest in RENDITION_SIZES.items():
        copy = source.copy()
        copy.thumbnail((longest, longest), Image.Resampling.LANCZOS)
        result[name] = {
            "width": copy.width,
            "height": copy.height,
            "webp": encode(copy, "WEBP"),
            "fallback": encode(copy, fallback),
            "fallback_ext": ALLOWED_FORMATS[fallback],
        }
    return result
