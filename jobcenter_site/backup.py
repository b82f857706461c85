"""Backup and restore of database and media (``manage.py backup`` / ``restore``).

A backup is a directory:

- ``database.dump``: ``pg_dump -Fc`` (PostgreSQL only): exact, fast, the one
  to restore in production;
- ``data.json.gz``: ``dumpdata`` with natural foreign keys (primary keys kept), for any database (restores
  into SQLite or a fresh PostgreSQL after ``migrate``). Content types,
  permissions, sessions and the brute-force counters are left out: migrate
  recreates the first two, the rest is transient;
- ``media.tar.gz``: the uploaded files;
- ``manifest.json``: row counts per model, checked after a restore.

Backups made before a model moved between apps still restore: the JSON and
the manifest are relabelled (MOVED_MODELS), and a pg_dump is migrated
forward after pg_restore.
"""

import contextlib
import gzip
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from io import StringIO
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection

from .pagecache import policy as caching

EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
]


# Old label -> new label, for models that moved to another app.
MOVED_MODELS = {
    f"pressroom.{name}": f"subscriptions.{name}"
    for name in ("subscription", "subscriptionevent", "delivery")
}


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def pg_environment() -> tuple[list[str], dict]:
    """Connection arguments for pg_dump/pg_restore from the active database settings."""
    db = connection.settings_dict
    args = ["--dbname", db["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    return args, env


def row_counts() -> dict[str, int]:
    excluded = {label for label in EXCLUDED if "." in label}
    excluded_apps = {label for label in EXCLUDED if "." not in label}
    return {
        model._meta.label_lower: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label_lower not in excluded
        and model._meta.app_label not in excluded_apps
        and model._meta.managed
        and not model._meta.proxy
    }


@contextlib.contextmanager
def private_files():
    """Everything created inside is for the owner only: directories 0700, files 0600.

    A backup holds password hashes and TOTP secrets; pg_dump (a child
    process) inherits the umask too.
    """
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def backup(target: Path) -> Path:
    with private_files():
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        target.mkdir(mode=0o700, exist_ok=False)
        _write_backup(target)
    return target


def _write_backup(target: Path) -> None:
    if is_postgres():
        args, env = pg_environment()
        dump = target / "database.dump"
        subprocess.run(
            ["pg_dump", "-Fc", "--no-owner", "--file", str(dump), *args], env=env, check=True
        )
    out = StringIO()
    call_command(
        "dumpdata",
        natural_foreign=True,
        exclude=EXCLUDED,
        stdout=out,
        verbosity=0,
    )
    with gzip.open(target / "data.json.gz", "wt", encoding="utf-8") as fh:
        fh.write(out.getvalue())
    with tarfile.open(target / "media.tar.gz", "w:gz") as tar:
        if Path(settings.MEDIA_ROOT).is_dir():
            tar.add(settings.MEDIA_ROOT, arcname="media")
    manifest = {"database": connection.vendor, "rows": row_counts()}
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True))


def restore(source: Path, portable: bool = False) -> dict[str, int]:
    """Replace database and media with the backup; returns rows that differ from the manifest."""
    if is_postgres() and not portable and (source / "database.dump").exists():
        restore_pg_dump(source / "database.dump")
    else:
        restore_json(source / "data.json.gz")
    restore_media(source / "media.tar.gz")
    # pg_restore sends no model signal: without this the page cache would
    # serve the pages of before the restore (e.g. defaced ones) until they expire.
    caching.pages_changed("restore")
    expected = json.loads((source / "manifest.json").read_text())["rows"]
    expected = {MOVED_MODELS.get(label, label): n for label, n in expected.items()}
    actual = row_counts()
    return {
        label: actual.get(label, 0) for label, n in expected.items() if actual.get(label, 0) != n
    }


def restore_pg_dump(dump: Path) -> None:
    args, env = pg_environment()
    connection.close()  # pg_restore --clean drops tables our connection may hold locks on
    command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction"]
    subprocess.run([*command, *args, str(dump)], env=env, check=True)
    call_command("migrate", interactive=False, verbosity=0)  # a dump from an older release


def restore_json(data: Path) -> None:
    call_command("flush", interactive=False, verbosity=0)
    # flush re-runs post_migrate, whose hooks recreate groups (e.g. "Standort-Redaktion");
    # the backup holds the real ones, with their pks and members.
    Group.objects.all().delete()
    with tempfile.TemporaryDirectory() as tmp:
        fixture = Path(tmp) / "backup.json"
        with gzip.open(data, "rt", encoding="utf-8") as src:
            objects = relabel(json.load(src))
        fixture.write_text(json.dumps(objects), encoding="utf-8")
        call_command("loaddata", str(fixture), verbosity=0)


def relabel(objects: list) -> list:
    """Rename moved models in a dumpdata list: "model" and natural keys ([app, model, …])."""

    def walk(value):
        if isinstance(value, dict):
            return {key: walk(item) for key, item in value.items()}
        if isinstance(value, list):
            for i in range(len(value) - 1):
                if new := MOVED_MODELS.get(f"{value[i]}.{value[i + 1]}"):
                    value = [*value[:i], new.partition(".")[0], *value[i + 1 :]]
            return [walk(item) for item in value]
        return value

    return [
        {**walk(entry), "model": MOVED_MODELS.get(entry["model"], entry["model"])}
        for entry in objects
    ]


def restore_media(archive: Path) -> None:
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(
        dir=media_root.parent if media_root.parent.exists() else None
    ) as tmp:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(tmp, filter="data")  # no absolute paths, links out, devices
        unpacked = Path(tmp) / "media"
        if media_root.exists():
            shutil.rmtree(media_root)
        if unpacked.exists():
            shutil.move(unpacked, media_root)
        else:
            media_root.mkdir(parents=True)
