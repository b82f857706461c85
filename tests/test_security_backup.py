"""Backup, wipe, restore: the same rows, the same pages, the same media."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from jobcenter_site.backup import row_counts
from jobcenter_site.pagecache.policy import bump_generation
from locations.models import Municipality, Office, Postcode

from .pages import DEMO_PAGES, STATIC_PAGES

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump must see committed rows


def pages() -> dict[str, bytes]:
    """Every inventory page's HTML, with the per-request CSRF token blanked out."""
    client = Client()
    return {
        path: re.sub(
            rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", client.get(f"/de{path}").content
        )
        for _name, path in STATIC_PAGES + DEMO_PAGES
    }


def make_content(django_user_model, media_root):
    call_command("load_demo", verbosity=0)
    # A row of our own on top of the demo data (test data, not a real town).
    town = Municipality.objects.create(name="Testort", slug="testort", kind="stadt", ags="09999999")
    Postcode.objects.create(code="99999", municipality=town)
    user = django_user_model.objects.create_user("redaktion", password="pw", is_staff=True)
    TOTPDevice.objects.create(user=user, name="App", confirmed=True)
    (media_root / "presse").mkdir(parents=True)
    (media_root / "presse" / "foto.jpg").write_bytes(b"\xff\xd8\xff jpeg bytes")


@pytest.mark.parametrize("portable", [True, False], ids=["dumpdata", "pg_dump"])
def test_backup_wipe_restore_round_trip(django_user_model, media_root, tmp_path, portable):
    if not portable and connection.vendor != "postgresql":
        pytest.skip("pg_dump/pg_restore need PostgreSQL")
    make_content(django_user_model, media_root)
    before_rows, before_pages = row_counts(), pages()
    target = tmp_path / "backup"
    call_command("backup", "--dir", str(target), verbosity=0)
    (snapshot,) = target.iterdir()
    assert {p.name for p in snapshot.iterdir()} >= {"data.json.gz", "media.tar.gz", "manifest.json"}

    call_command("flush", interactive=False, verbosity=0)
    (media_root / "presse" / "foto.jpg").unlink()
    assert not Municipality.objects.exists()

    args = [str(snapshot), "--yes"] + (["--portable"] if portable else [])
    call_command("restore", *args, verbosity=0)
    assert row_counts() == before_rows
    assert Postcode.objects.get(code="48691").municipality.name == "Vreden"
    assert TOTPDevice.objects.get(user__username="redaktion").confirmed  # 2FA survives
    assert (media_root / "presse" / "foto.jpg").read_bytes().startswith(b"\xff\xd8\xff")
    assert pages() == before_pages


def test_restore_refuses_a_directory_that_is_no_backup(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="keine Sicherung"):
        call_command("restore", str(tmp_path), "--yes")


@pytest.mark.parametrize("portable", [True, False], ids=["dumpdata", "pg_dump"])
def test_restore_invalidates_the_page_cache_and_says_so(
    page_cache, django_user_model, media_root, tmp_path, portable, capsys
):
    """A defaced page cached before the restore must not outlive it.

    pg_restore sends no model signal, so the restore itself must invalidate
    (the dumpdata variant gets signals from loaddata, but must say so too).
    """
    if not portable and connection.vendor != "postgresql":
        pytest.skip("pg_dump/pg_restore need PostgreSQL")
    make_content(django_user_model, media_root)
    target = tmp_path / "backup"
    call_command("backup", "--dir", str(target), verbosity=0)
    (snapshot,) = target.iterdir()
    office = Office.objects.order_by("pk").first()
    Office.objects.filter(pk=office.pk).update(name="GEHACKT")  # no signal …
    bump_generation()  # … so the defaced page gets cached, as after the attack
    client = Client()
    assert b"GEHACKT" in client.get("/de/standorte/").content
    assert client.get("/de/standorte/")["X-Cache"] == "HIT"
    capsys.readouterr()

    args = [str(snapshot), "--yes"] + (["--portable"] if portable else [])
    call_command("restore", *args)
    response = client.get("/de/standorte/")
    assert b"GEHACKT" not in response.content and office.name.encode() in response.content
    assert response["X-Cache"] == "MISS"
    assert "Seiten-Cache geleert" in capsys.readouterr().out


def test_invalidate_page_cache_command(page_cache, capsys):
    from jobcenter_site.pagecache.policy import GENERATION_KEY

    page_cache.set(GENERATION_KEY, "alt", None)
    call_command("invalidate_page_cache")
    assert page_cache.get(GENERATION_KEY) not in ("alt", None)
    assert "Seiten-Cache geleert" in capsys.readouterr().out


def test_backups_are_readable_by_their_owner_only(tmp_path):
    import stat

    call_command("backup", "--dir", str(tmp_path / "backups"), verbosity=0)
    (snapshot,) = (tmp_path / "backups").iterdir()
    for path in [tmp_path / "backups", snapshot]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o700, path
    files = list(snapshot.iterdir())
    assert files
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
