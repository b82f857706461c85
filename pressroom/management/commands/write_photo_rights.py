"""Write the rights (XMP) into every stored press photo whose files are not up to date.

For photos uploaded before the files carried their rights, and after a bulk
change of credits outside the admin. Safe to run again: a photo whose files
already carry its current rights is left alone (MediaAsset.sync_files).
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from pressroom.models import MediaAsset


class Command(BaseCommand):
    help = "Schreibt Bildnachweis, Copyright, Lizenz und Alternativtext (XMP) in alle Pressefotos."

    def handle(self, *args, **options):
        count = 0
        for asset in MediaAsset.objects.exclude(image="").iterator():
            before = asset.renditions
            with transaction.atomic():
                asset.sync_files()
            count += asset.renditions != before
        self.stdout.write(f"{count} Medien neu geschrieben.")
