from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from jobcenter_site.backup import backup


class Command(BaseCommand):
    help = (
        "Sichert Datenbank und Medien in ein neues Verzeichnis: pg_dump (PostgreSQL), "
        "portables JSON (jede Datenbank) und ein tar der Medien."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir",
            dest="directory",
            default="backups",
            help="Oberverzeichnis (Standard: backups/)",
        )

    def handle(self, *args, directory, **options):
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        target = backup(Path(directory) / stamp)
        self.stdout.write(str(target))
