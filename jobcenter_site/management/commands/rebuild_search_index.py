import time

from django.core.management.base import BaseCommand

from jobcenter_site.search import index

BAR = 30


class Command(BaseCommand):
    help = (
        "Baut den Suchindex neu auf (SQLite: FTS5-Index; beide Datenbanken: "
        "Wortschatz für „Meinten Sie …?“)."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        quiet = options["verbosity"] == 0
        total = index.rebuild(progress=None if quiet else self._progress)
        if not quiet:
            self.stdout.write("")
        seconds = time.monotonic() - started
        if not quiet:
            self.stdout.write(self.style.SUCCESS(f"{total} Einträge indexiert in {seconds:.1f} s."))

    def _progress(self, done: int, total: int) -> None:
        filled = BAR * done // total if total else BAR
        bar = "#" * filled + "-" * (BAR - filled)
        self.stdout.write(f"\r[{bar}] {done}/{total}", ending="")
        self.stdout.flush()
