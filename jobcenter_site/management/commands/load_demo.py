from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

# Order matters: offices before the releases that name their contacts.
DEMO_FIXTURES = ["demo_locations", "demo_services", "demo_pressroom", "demo_site"]


class Command(BaseCommand):
    help = "Load the real demo data (idempotent: fixed primary keys update, never duplicate)."

    def handle(self, *args, **options):
        fixture_dir = settings.FIXTURE_DIRS[0]
        for name in DEMO_FIXTURES:
            if (fixture_dir / f"{name}.json").exists():
                self.stdout.write(f"Loading {name} …")
                call_command("loaddata", name, verbosity=options["verbosity"])
            if name == "demo_locations":  # districts come from their sourced CSV
                call_command("import_districts", verbosity=options["verbosity"])
        # Fixtures load as raw saves, which the index skips (search/index.py).
        call_command("rebuild_search_index", verbosity=0)
