from django.core.management.base import BaseCommand, CommandError

from jobcenter_site.pagecache import policy as caching


class Command(BaseCommand):
    help = (
        "Markiert alle zwischengespeicherten Seiten als veraltet (nach Änderungen ohne "
        "Modellsignale: Rohes SQL, QuerySet.update(), bulk_create(), eine Datenbank-Wiederherstellung)."
    )

    def handle(self, *args, **options):
        if not caching.pages_changed("invalidate_page_cache"):
            raise CommandError("Seiten-Cache nicht erreichbar: nichts geleert.")
        self.stdout.write("Seiten-Cache geleert: alle Seiten werden neu erzeugt.")
