from django.core.management.base import BaseCommand

from jobcenter_site.feedback import forward
from jobcenter_site.models import Feedback


class Command(BaseCommand):
    help = (
        "Mail accessibility reports that could not be mailed when they arrived (mailed_at empty)."
    )

    def handle(self, *args, **options):
        pending = Feedback.objects.filter(mailed_at__isnull=True).order_by("created_at")
        sent = sum(forward(report) for report in pending)
        self.stdout.write(f"{sent} of {len(pending)} pending report(s) mailed.")
