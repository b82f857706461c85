"""Rights inside every photo: XMP read back with exiftool and Pillow; camera data stays out."""

import io
import subprocess
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pressroom import imaging
from pressroom.models import MediaAsset, ReleaseMedia

from .exif import EXIFTOOL, read_tags, require_exiftool
from .factories import image_bytes, make_release

pytestmark = pytest.mark.django_db
VARIANTS = ["original", "thumbnail", "thumbnail-webp", "medium", "medium-webp"]
RIGHTS = {
    "credit": "Foto: Kreis Borken",
    "creator": "Pressestelle Kreis Borken",
    "copyright_notice": "© Kreis Borken",
    "licence": "Frei zur Veröffentlichung mit Bildnachweis",
    "licence_url": "https://kreis-borken.de/",
    "title_de": "Logo der Aktionswoche",
    "caption_de": "Das Logo der Aktionswoche der kommunalen Jobcenter",
    "caption_en": "The logo of the action week",
    "alt_text_de": "Grünes Quadrat mit den Buchstaben JC",
}
# What a camera or an editor leaves in a file; none of it may reach the public.
FORBIDDEN_GROUPS = ("IFD0", "ExifIFD", "GPS", "MakerNotes", "IFD1", "InteropIFD", "ICC")


def camera_file(fmt: str, folder) -> bytes:
    """An image as it comes from a phone: EXIF camera fields, GPS position and a comment."""
    require_exiftool()
    path = folder / f"camera.{fmt.lower()}"
    path.write_bytes(image_bytes(fmt, alpha=fmt == "PNG"))
    subprocess.run(
        [
            EXIFTOOL,
            "-q",
            "-overwrite_original",
            "-GPSLatitude=51.84",
            "-GPSLatitudeRef=N",
            "-GPSLongitude=6.86",
            "-GPSLongitudeRef=E",
            "-Make=Canon",
            "-Model=EOS",
            "-SerialNumber=123456",
            "-Comment=intern: nicht veröffentlichen",
            "-Artist=Privat",
            path,
        ],
        check=True,
    )
    with open(path, "rb") as handle:
        return handle.read()


@pytest.fixture(params=["JPEG", "PNG"])
def asset(request, media_root, tmp_path):
    data = camera_file(request.param, tmp_path)
    assert "GPS:GPSLatitude" in read_tags(data)  # the test file really has what must go
    upload = SimpleUploadedFile(f"foto.{request.param.lower()}", data)
    clean = imaging.clean_upload(upload)
    asset = MediaAsset.objects.create(
        image=clean.file, width=clean.width, height=clean.height, **RIGHTS
    )
    ReleaseMedia.objects.create(release=make_release(slug="mit-foto"), asset=asset)
    return asset


def assert_rights_inside(data: bytes, where: str):
    tags = read_tags(data)
    assert tags["XMP-dc:Creator"] == ["Pressestelle Kreis Borken"], where  # an rdf:Seq
    assert tags["XMP-photoshop:Credit"] == "Foto: Kreis Borken", where
    assert tags["XMP-dc:Rights"] == "© Kreis Borken", where
    assert tags["XMP-xmpRights:UsageTerms"] == "Frei zur Veröffentlichung mit Bildnachweis"
    assert tags["XMP-xmpRights:WebStatement"] == "https://kreis-borken.de/", where
    assert tags["XMP-dc:Title"] == "Logo der Aktionswoche", where
    assert tags["XMP-dc:Description"] == "Das Logo der Aktionswoche der kommunalen Jobcenter"
    assert tags["XMP-dc:Description-en"] == "The logo of the action week", where
    assert tags["XMP-iptcCore:AltTextAccessibility"] == "Grünes Quadrat mit den Buchstaben JC"
    if data[:2] == b"\xff\xd8":  # JPEG: the same rights as IPTC IIM, for older tools
        assert tags["IPTC:By-line"] == "Pressestelle Kreis Borken", where
        assert tags["IPTC:Credit"] == "Foto: Kreis Borken", where
        assert tags["IPTC:CopyrightNotice"] == "© Kreis Borken", where
        assert tags["IPTC:ObjectName"] == "Logo der Aktionswoche", where
        assert tags["IPTC:Caption-Abstract"] == RIGHTS["caption_de"], where
        assert tags["Photoshop:IPTCDigest"] == tags["File:CurrentIPTCDigest"], where
    assert "ExifTool:Warning" not in tags, (where, tags.get("ExifTool:Warning"))
    leaked = [key for key in tags if key.split(":")[0] in FORBIDDEN_GROUPS]
    assert not leaked, (where, leaked)
    assert not [k for k in tags if k.endswith(":Comment")], (
        where,
        {k: v for k, v in tags.items() if "Comment" in k},
    )
    assert "GPS" not in repr(tags) and "Canon" not in repr(tags), where
    image = Image.open(io.BytesIO(data))
    image.load()
    raw = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp")
    raw = raw.encode() if isinstance(raw, str) else raw
    assert b"Iptc4xmpCore:AltTextAccessibility" in raw, where  # Pillow finds the packet too
    assert not image.getexif() and "comment" not in image.info, where


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_served_file_carries_the_rights_and_no_camera_data(client, asset, variant):
    response = client.get(asset.file_url(variant))
    assert response.status_code == 200
    assert_rights_inside(b"".join(response.streaming_content), variant)


def test_every_photo_in_the_media_kit_carries_the_rights(client, asset):
    release = asset.releases.get()
    year = release.get_absolute_url().split("/")[3]
    response = client.get(f"/de/presse/{year}/{release.slug}/medienpaket.zip")
    archive = zipfile.ZipFile(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    photos = [name for name in archive.namelist() if name != "credits.txt"]
    assert photos
    for name in photos:
        assert_rights_inside(archive.read(name), name)


def test_changing_the_credit_rewrites_every_file_and_removes_the_old_ones(
    client, asset, django_capture_on_commit_callbacks
):
    before = [asset.image.name, asset.renditions["medium"]["webp"]]
    with django_capture_on_commit_callbacks(execute=True):
        asset.credit = "Foto: Kreis Borken / Pressestelle"
        asset.save()
    asset.refresh_from_db()
    for variant in VARIANTS:
        data = b"".join(client.get(asset.file_url(variant)).streaming_content)
        assert read_tags(data)["XMP-photoshop:Credit"] == "Foto: Kreis Borken / Pressestelle"
    assert not any(default_storage.exists(name) for name in before)


def test_iim_fields_are_cut_to_their_limits_without_breaking_a_character():
    from pressroom import iim, xmp

    require_exiftool()
    long_name = "Fotografin Müller-Lüdenscheidt für den Kreis Borken"  # > 32 bytes
    data = {
        "creator": long_name,
        "credit": "",
        "copyright": "",
        "title": {"x-default": "Ö" * 40},  # 80 bytes, IIM allows 64
        "caption": {},
    }
    jpeg = xmp.embed(image_bytes("JPEG"), b"<x/>", iim.block(data))
    tags = read_tags(jpeg)
    assert long_name.startswith(tags["IPTC:By-line"]) and len(tags["IPTC:By-line"].encode()) <= 32
    assert tags["IPTC:ObjectName"] == "Ö" * 32
    assert "IPTC:Credit" not in tags and "ExifTool:Warning" not in tags
    assert iim.block({**data, "creator": "", "title": {}}) == b""  # nothing to say: no APP13


def test_saving_without_a_rights_change_writes_no_file(asset):
    names = (asset.image.name, asset.renditions)
    asset.save()
    asset.refresh_from_db()
    assert (asset.image.name, asset.renditions) == names


def test_the_command_writes_rights_into_files_from_before(
    asset, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    MediaAsset.objects.filter(pk=asset.pk).update(renditions={**asset.renditions, "rights": ""})
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("write_photo_rights", stdout=out)
    assert out.getvalue().strip() == "1 Medien neu geschrieben."
    call_command("write_photo_rights", stdout=out)
    assert out.getvalue().strip().endswith("0 Medien neu geschrieben.")
