"""Create clearly synthetic releases for tests and benchmarks (never shown as real).

Titles start with "[SYNTHETISCH]", slugs with "synth-"; rows get new primary
keys, so the demo data (fixed pks) is never touched.
"""

import io
from datetime import timedelta
from uuid import uuid4

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from PIL import Image

from core.signals import bulk_changed
from locations.models import ContactPerson
from pressroom.models import MediaAsset, PressRelease, ReleaseContact, ReleaseMedia, Series
from pressroom.signals import releases_bulk_created

BATCH = 1000
PARTS = 7


class Command(BaseCommand):
    help = (
        "Erzeugt synthetische Pressemitteilungen ([SYNTHETISCH], synth-…) für Tests und Benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True)
        parser.add_argument("--with-media", action="store_true", help="ein Bild je Meldung")
        parser.add_argument("--series-parts", action="store_true", help="in Serien zu 7 Teilen")

    @transaction.atomic
    def handle(self, *args, count, with_media, series_parts, **options):
        if count < 1:
            raise CommandError("--count must be at least 1")
        run = uuid4().hex[:8]
        now = timezone.now()
        contact = ContactPerson.objects.create(
            name="[SYNTHETISCH] Ansprechperson", role_de="Pressestelle (synthetisch)"
        )
        series = self._series(run, count) if series_parts else []
        created = 0
        for start in range(0, count, BATCH):
            rows = [
                self._release(run, i, now, series) for i in range(start, min(start + BATCH, count))
            ]
            PressRelease.objects.bulk_create(rows)
            # bulk_create sets pks on PostgreSQL and SQLite >= 3.35
            ReleaseContact.objects.bulk_create(
                ReleaseContact(release=r, contact=contact, role="press") for r in rows
            )
            releases_bulk_created.send(sender=PressRelease, releases=rows)
            created += len(rows)
            self.stdout.write(f"{created}/{count} …")
        if with_media:
            self._attach_media(run)
        bulk_changed.send(sender=PressRelease)  # bulk_create sent no post_save (page cache)
        self.stdout.write(
            self.style.SUCCESS(f"{created} synthetische Meldungen angelegt (synth-{run}-…).")
        )

    def _series(self, run, count):
        return [
            Series.objects.create(
                slug=f"synth-{run}-serie-{n}",
                title_de=f"[SYNTHETISCH] Serie {n}",
                planned_parts=PARTS,
            )
            for n in range((count + PARTS - 1) // PARTS)
        ]

    def _release(self, run, i, now, series):
        in_series = series[i // PARTS] if series else None
        return PressRelease(
            slug=f"synth-{run}-{i}",
            title_de=f"[SYNTHETISCH] Meldung {i}",
            lead_de="[SYNTHETISCH] Ein erfundener Vorspann für Tests und Benchmarks.",
            body_de="<p>[SYNTHETISCH] Erfundener Text. Keine echte Pressemitteilung.</p>",
            dateline="Kreis Borken",
            status=PressRelease.Status.PUBLISHED,
            publish_at=now - timedelta(hours=i + 1),
            series=in_series,
            part_number=(i % PARTS) + 1 if in_series else None,
        )

    def _attach_media(self, run):
        out = io.BytesIO()
        Image.new("RGB", (1200, 800), (120, 120, 120)).save(out, "JPEG", quality=80)
        asset = MediaAsset(
            title_de="[SYNTHETISCH] Graue Fläche",
            alt_text_de="Eine einfarbig graue Fläche (synthetisch)",
            credit="synthetisch",
            width=1200,
            height=800,
        )
        asset.image.save(f"synth-{run}.jpg", ContentFile(out.getvalue()), save=False)
        asset.save()
        releases = PressRelease.objects.filter(slug__startswith=f"synth-{run}-").only("pk")
        ReleaseMedia.objects.bulk_create(
            ReleaseMedia(release=r, asset=asset) for r in releases.iterator()
        )
