"""Give translations saved before translation states existed their row (ungeprüft)."""

from django.core.management.base import BaseCommand

from core.translation_state import sync_all


class Command(BaseCommand):
    help = "Legt fehlende Übersetzungsstände an (als „ungeprüft“); vorhandene bleiben."

    def handle(self, *args, **options):
        created = sync_all()
        self.stdout.write(f"{created} Übersetzungsstände angelegt.")
