"""Hostile uploads: crafted PNG/JPEG/WebP chunks and segments, and hypothesis
mutations of them. Never a 500 (only a form error), and nothing that leaves
the site (original, renditions, media kit) carries a camera, GPS or comment
block. XMP is not checked for absence: served files may carry our own rights
XMP; the check looks for the upload's EXIF, GPS, COM, text and ICC blocks."""

import io
import os
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from pressroom import imaging

from .factories import make_media, make_release, make_upload

SECRET = b"GEHEIM-Kamera-Seriennummer-4711"  # marker planted in every metadata block
FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_with(*extra: bytes, size=(64, 48)) -> bytes:
    """A valid PNG with extra chunks inserted after IHDR."""
    base = io.BytesIO()
    Image.new("RGB", size, (20, 120, 200)).save(base, "PNG")
    data = base.getvalue()
    ihdr_end = 8 + 4 + 4 + 13 + 4
    return data[:ihdr_end] + b"".join(extra) + data[ihdr_end:]


def exif_bytes() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Kamera AG"  # Make
    exif[0x0131] = SECRET.decode()  # Software
    exif[0x8825] = {1: "N", 2: (51.0, 50.0, 12.5), 3: "E", 4: (6.0, 51.0, 3.0)}  # GPS
    return exif.tobytes()


def jpeg_with_segments() -> bytes:
    """A JPEG with COM, APP1 Exif (GPS), APP1 XMP, APP2 ICC and APP13 segments."""
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(
        out, "JPEG", exif=exif_bytes(), comment=SECRET, icc_profile=b"\0" * 128
    )
    data = out.getvalue()

    def segment(marker: int, payload: bytes) -> bytes:
        return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload

    xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>" + SECRET + b"</x:xmpmeta>"
    extra = segment(0xE1, xmp) + segment(0xED, b"Photoshop 3.0\0" + SECRET)
    extra += segment(0xFE, b"second comment " + SECRET)
    return data[:2] + extra + data[2:]


def webp_with_metadata() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 200, 30)).save(
        out, "WEBP", exif=exif_bytes(), xmp=b"<x:xmpmeta>" + SECRET + b"</x:xmpmeta>"
    )
    return out.getvalue()


def ztxt_bomb() -> bytes:
    """20 KB of zTXt that inflates to 20 MB: Pillow refuses it with a ValueError."""
    return png_with(chunk(b"zTXt", b"Comment\0\0" + zlib.compress(b"A" * 20_000_000, 9)))


def iccp_bomb() -> bytes:
    return png_with(chunk(b"iCCP", b"icc\0\0" + zlib.compress(b"\0" * 20_000_000, 9)))


def png_with_text() -> bytes:
    return png_with(
        chunk(b"tEXt", b"Comment\0" + SECRET),
        chunk(b"zTXt", b"Author\0\0" + zlib.compress(SECRET)),
        chunk(b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta>" + SECRET + b"</x:xmpmeta>"),
        chunk(b"eXIf", exif_bytes()),
    )


CORPUS = {
    "ztxt-bomb.png": ztxt_bomb(),
    "iccp-bomb.png": iccp_bomb(),
    "text-chunks.png": png_with_text(),
    "segments.jpg": jpeg_with_segments(),
    "metadata.webp": webp_with_metadata(),
    "bad-idat.png": png_with(chunk(b"IDAT", b"\x78\x9c" + b"\xff" * 40)),
    "huge-ihdr.png": png_with(size=(1, 1))[:16] + struct.pack(">II", 60_000, 60_000),
}


def assert_clean(data: bytes) -> None:
    """No camera/GPS/comment/text/ICC block in an encoded file (read back with Pillow)."""
    assert SECRET not in data
    image = Image.open(io.BytesIO(data))
    image.load()
    leaked = {"exif", "comment", "icc_profile", "Comment", "Author", "Software"} & set(image.info)
    assert not leaked, leaked
    exif = image.getexif()
    assert not exif and not exif.get_ifd(0x8825), dict(exif)  # no EXIF, no GPS IFD
    if image.format == "JPEG":
        assert b"\xff\xfe" not in data[: data.find(b"\xff\xda")]  # no COM before the scan
        assert b"Exif\0\0" not in data
    if image.format == "PNG":
        assert not {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"iCCP"} & set(png_chunk_types(data))


def png_chunk_types(data: bytes) -> list[bytes]:
    kinds, offset = [], 8
    while offset + 8 <= len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kinds.append(data[offset + 4 : offset + 8])
        offset += 12 + length
    return kinds


def clean_or_refused(name: str, data: bytes):
    """clean_upload's result, or None for a form error; anything else fails the test."""
    try:
        return imaging.clean_upload(make_upload(name, data))
    except ValidationError:
        return None


@pytest.mark.parametrize("name", list(CORPUS))
def test_crafted_uploads_are_refused_or_come_out_clean(name):
    clean = clean_or_refused(name, CORPUS[name])
    if clean is None:
        return
    content = clean.file.read()
    assert_clean(content)
    for item in imaging.renditions(content).values():
        assert_clean(item["webp"])
        assert_clean(item["fallback"])


@pytest.mark.parametrize("name", ["segments.jpg", "text-chunks.png", "metadata.webp"])
def test_metadata_laden_uploads_are_accepted_and_stripped(name):
    clean = clean_or_refused(name, CORPUS[name])
    assert clean is not None, "a valid image with metadata must be accepted"
    assert_clean(clean.file.read())


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["ztxt-bomb.png", "iccp-bomb.png"])
def test_oversized_chunks_are_a_german_form_error_in_the_admin(superuser_client, media_root, name):
    response = superuser_client.post(
        "/admin/pressroom/mediaasset/add/",
        {
            "image": make_upload(name, CORPUS[name], "image/png"),
            "title_de": "Foto",
            "alt_text_de": "Ein Foto",
            "credit": "Kreis Borken",
            "licence": "",
        },
    )
    assert response.status_code == 200  # the form again, with a message: not a 500
    html = response.content.decode()
    assert "errorlist" in html and ("kein Bild" in html or "beschädigt" in html)


@pytest.mark.django_db
def test_media_kit_files_carry_no_comment_or_exif(client, media_root):
    release = make_release()
    make_media(release, upload=make_upload("foto.jpg", CORPUS["segments.jpg"]))
    year = timezone.localtime(release.publish_at).year
    url = reverse("pressroom:media_kit", kwargs={"year": year, "slug": release.slug})
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    archive = zipfile.ZipFile(io.BytesIO(body))
    photos = [n for n in archive.namelist() if n.lower().endswith((".jpg", ".png", ".webp"))]
    assert photos
    for name in photos:
        assert_clean(archive.read(name))


def mutate(seed: bytes, edits) -> bytes:
    data = bytearray(seed)
    for kind, position, value in edits:
        if not data:
            break
        at = position % len(data)
        if kind == "flip":
            data[at] ^= value
        elif kind == "cut":
            del data[at:]
        else:
            data[at:at] = bytes([value]) * (value % 7 + 1)
    return bytes(data)


@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    seed=st.sampled_from(sorted(CORPUS)),
    edits=st.lists(
        st.tuples(
            st.sampled_from(["flip", "cut", "insert"]),
            st.integers(min_value=0, max_value=10_000),
            st.integers(min_value=1, max_value=255),
        ),
        max_size=4,
    ),
)
def test_mutated_uploads_never_crash_and_never_leak(seed, edits):
    clean = clean_or_refused(seed, mutate(CORPUS[seed], edits))
    if clean is not None:
        content = clean.file.read()
        assert_clean(content)
        for item in imaging.renditions(content).values():
            assert_clean(item["fallback"])
