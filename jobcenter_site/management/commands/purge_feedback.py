from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from jobcenter_site.models import Feedback


class Command(BaseCommand):
    help = (
        "Delete answered accessibility reports older than --days (the retention period the "
        "privacy statement names; run it daily from cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, required=True)

    def handle(self, *args, days, **options):
        cutoff = timezone.now() - timedelta(days=days)
        deleted, _ = Feedback.objects.filter(
            status=Feedback.Status.ANSWERED, created_at__lt=cutoff
        ).delete()
        self.stdout.write(f"{deleted} answered report(s) older than {days} days deleted.")
