from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from jobcenter_site.backup import restore
from jobcenter_site.pagecache import policy as caching


class Command(BaseCommand):
    help = (
        "Stellt Datenbank und Medien aus einer Sicherung wieder her (ERSETZT alle Daten). "
        "PostgreSQL: pg_restore aus database.dump; sonst oder mit --portable: data.json.gz."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="Sicherungsverzeichnis, z. B. backups/20260101-020000")
        parser.add_argument("--portable", action="store_true", help="JSON statt pg_restore")
        parser.add_argument("--yes", action="store_true", help="ohne Rückfrage")

    def handle(self, *args, source, portable, yes, **options):
        path = Path(source)
        if not (path / "manifest.json").exists():
            raise CommandError(f"{path} ist keine Sicherung (manifest.json fehlt).")
        if not yes and input("Alle Daten werden ersetzt. Fortfahren? [ja/nein] ") != "ja":
            raise CommandError("Abgebrochen.")
        differences = restore(path, portable=portable)
        if differences:
            raise CommandError(f"Zeilenzahlen weichen vom Manifest ab: {differences}")
        # Restored rows are raw saves: the search index (SQLite FTS5) learns of them here.
        call_command("rebuild_search_index", verbosity=0)
        self.stdout.write(f"Wiederhergestellt aus {path}; Zeilenzahlen stimmen mit dem Manifest.")
        if caching.bump_generation():
            self.stdout.write("Seiten-Cache geleert: alle Seiten werden neu erzeugt.")
        else:
            self.stderr.write(
                "Seiten-Cache NICHT erreichbar: alte Seiten können bis zu "
                f"{settings.PAGE_CACHE_SECONDS} s ausgeliefert werden (Redis leeren)."
            )
