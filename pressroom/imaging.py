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
from PIL import Image, ImageCms, ImageOps

MAX_UPLOAD_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 40_000_000  # 40 megapixels: larger than any press photo we need
# One cap for every format: without PNG's optimize=True a 40-megapixel PNG
# costs ~4 s and 250 MiB instead of ~7 s and 530 MiB (bench/upload_cost.py).
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
_SRGB = ImageCms.createProfile("sRGB")
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
    """Identify and size-check the image before decoding any pixels.

    Any exception from Pillow is a form error, never a 500: crafted chunks
    (an oversized zTXt, iTXt or iCCP: "Decompressed data too large"), a
    decompression bomb, a truncated header, a bug in a plugin.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            image_format, (width, height) = image.format, image.size
        except Exception:
            raise ValidationError(
                _("Die Datei ist kein Bild im Format JPEG, PNG oder WebP."), code="type"
            ) from None
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(_("Erlaubt sind nur JPEG, PNG und WebP."), code="type")
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
            ImageOps.exif_transpose(image, in_place=True)  # no second full-size copy
            content = encode(image, kind)
    except Exception:  # whatever Pillow raises on crafted data: a form error
        raise ValidationError(_("Das Bild ist beschädigt."), code="broken") from None
    # The uploader's file name is not kept: stored names are random (media.original_path).
    file = ContentFile(content, name=f"{uuid4().hex}.{ALLOWED_FORMATS[kind]}")
    return CleanImage(file=file, width=image.width, height=image.height)


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """Pixels converted from an embedded colour profile to sRGB, so dropping it keeps the colours."""
    if not icc:
        return image
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(image, profile, _SRGB, outputMode=image.mode)
    except Exception:  # an unreadable or unusable profile: the pixels as they are
        return image


def pixels_only(image: Image.Image, mode: str) -> Image.Image:
    """The image in `mode` carrying nothing but pixels.

    Pillow re-writes some metadata from ``image.info`` when saving (a JPEG
    COM comment, XMP, a PNG's ICC profile), so the info is emptied: no EXIF
    (camera, GPS), XMP, ICC, comment or text chunk of the upload survives.
    """
    icc = image.info.get("icc_profile")
    clean = image.convert(mode) if image.mode != mode else image  # no needless full copy
    clean = _to_srgb(clean, icc)
    clean.info = {}  # (empties the caller's image when no conversion was needed)
    return clean


def encode(image: Image.Image, kind: str) -> bytes:
    """Encode afresh from pixels only (see pixels_only)."""
    out = io.BytesIO()
    if kind == "JPEG":
        pixels_only(image, "RGB").save(out, "JPEG", quality=88, optimize=True)
    elif kind == "PNG":
        # No optimize=True: at 40 megapixels it doubled time and memory (bench/upload_cost.py).
        pixels_only(image, "RGBA" if _has_alpha(image) else "RGB").save(out, "PNG")
    else:
        mode = "RGBA" if _has_alpha(image) else "RGB"
        pixels_only(image, mode).save(out, "WEBP", quality=85)
    return out.getvalue()


def renditions(data: bytes) -> dict[str, dict]:
    """Scaled copies: each as WebP plus a JPEG (or PNG with transparency) fallback.

    Each size is scaled from the next larger one (medium from the original,
    the thumbnail from medium), so no second full-size copy is made.
    """
    source = Image.open(io.BytesIO(data))
    source.load()
    fallback = "PNG" if _has_alpha(source) else "JPEG"
    result = {}
    for name, longest in sorted(RENDITION_SIZES.items(), key=lambda item: -item[1]):
        if max(source.size) > longest:  # never enlarged
            scaled = ImageOps.contain(source, (longest, longest), Image.Resampling.LANCZOS)
        else:
            scaled = source.copy()
        result[name] = {
            "width": scaled.width,
            "height": scaled.height,
            "webp": encode(scaled, "WEBP"),
            "fallback": encode(scaled, fallback),
            "fallback_ext": ALLOWED_FORMATS[fallback],
        }
        source = scaled
    return {name: result[name] for name in RENDITION_SIZES}
