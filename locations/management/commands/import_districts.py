from django.core.management.base import BaseCommand

from locations.districts_data import DISTRICTS_CSV, import_districts


class Command(BaseCommand):
    help = (
        "Create or update the districts (Ortsteile, Stadtteile, Bauerschaften) and their "
        f"alternative forms from {DISTRICTS_CSV.name} (idempotent)."
    )

    def handle(self, *args, **options):
        created, updated, skipped = import_districts()
        self.stdout.write(f"Districts: {created} created, {updated} updated.")
        if skipped:
            self.stderr.write(f"Municipality missing, rows skipped: {', '.join(skipped)}")
