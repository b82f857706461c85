"""Uploads: only real JPEG/PNG/WebP within limits; re-encoded without EXIF; renditions."""

import struct
import zlib

import pytest
from PIL import Image

from pressroom import imaging
from pressroom.admin_media import MediaAssetForm

from .factories import image_bytes, make_media, make_release, make_upload

FORM_DATA = {"title_de": "Foto", "alt_text_de": "Ein Foto", "credit": "Kreis Borken"}


def _form(upload):
    return MediaAssetForm(FORM_DATA, {"image": upload})


def _png_bomb(width=50_000, height=50_000) -> bytes:
    """A tiny PNG whose header claims 2.5 gigapixels (a pixel flood)."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 100))
        + chunk(b"IEND", b"")
    )


def _jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90°
    exif[0x8825] = {1: "N", 2: (51.0, 50.0, 0.0)}  # GPS
    return image_bytes("JPEG", size=(400, 200), exif=exif.tobytes())


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("text.jpg", b"Hallo, ich bin kein Bild."),
        ("animation.gif", image_bytes("GIF")),
        ("bild.bmp", image_bytes("BMP")),
        ("renamed.jpg", b"%PDF-1.4 not an image"),
        ("bomb.png", _png_bomb()),
        ("polyglot.png", image_bytes("PNG") + b"<html><script>alert(1)</script></html>"),
        ("polyglot.jpg", image_bytes("JPEG") + b"<?php system($_GET['c']); ?>"),
        ("cut.png", image_bytes("PNG")[:60]),
    ],
)
def test_bad_upload_is_a_form_error_and_nothing_is_stored(media_root, db, name, data):
    form = _form(make_upload(name, data))
    assert not form.is_valid()
    assert "image" in form.errors
    assert not media_root.exists() or not list(media_root.rglob("*.*"))


def test_oversized_upload_is_refused(media_root, db, monkeypatch):
    monkeypatch.setattr(imaging, "MAX_UPLOAD_BYTES", 1000)
    form = _form(make_upload("gross.jpg", image_bytes("JPEG", size=(600, 600))))
    assert not form.is_valid()
    assert "zu groß" in str(form.errors["image"])


def test_pixel_limit_below_bomb_threshold_is_refused(media_root, db, monkeypatch):
    monkeypatch.setattr(imaging, "MAX_PIXELS", 100 * 100)
    form = _form(make_upload("pixel.png", image_bytes("PNG", size=(200, 200))))
    assert not form.is_valid()
    assert "Pixel" in str(form.errors["image"])


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_valid_image_is_stored_with_renditions(media_root, db, fmt):
    form = _form(make_upload(f"bild.{fmt.lower()}", image_bytes(fmt, size=(2000, 1000))))
    assert form.is_valid(), form.errors
    asset = form.save()
    assert (asset.width, asset.height) == (2000, 1000)
    thumb, medium = asset.thumbnail, asset.medium
    assert (thumb["width"], thumb["height"]) == (400, 200)
    assert (medium["width"], medium["height"]) == (1200, 600)
    for name in ("thumbnail", "medium"):
        item = asset.renditions[name]
        with Image.open(media_root / item["webp"]) as webp:
            assert webp.format == "WEBP"
        with Image.open(media_root / item["fallback"]) as fallback:
            assert fallback.format in ("JPEG", "PNG")


def test_exif_gps_is_stripped_and_orientation_applied(media_root, db):
    form = _form(make_upload("gps.jpg", _jpeg_with_gps()))
    assert form.is_valid(), form.errors
    asset = form.save()
    with Image.open(media_root / asset.image.name) as stored:
        assert not stored.getexif()
        assert stored.size == (200, 400)  # rotated upright
    assert (asset.width, asset.height) == (200, 400)


def test_media_page_shows_downloads_and_renditions_with_sizes(client, media_root, db):
    release = make_release()
    asset = make_media(
        release=release, credit="Foto: Kreis Borken", licence="frei mit Quellenangabe"
    )
    html = client.get(asset.get_absolute_url()).content.decode()
    assert 'type="image/webp"' in html and 'width="800" height="600"' in html
    assert asset.original_url in html and "frei mit Quellenangabe" in html
    detail = client.get(release.get_absolute_url()).content.decode()
    assert "Zu dieser Meldung bieten wir folgende Medien an" in detail
    assert 'width="400" height="300"' in detail
