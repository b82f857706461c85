from django.core.management.base import BaseCommand

from subscriptions import delivery, opt_in


class Command(BaseCommand):
    help = (
        "Mail newly public press releases to confirmed subscribers (exactly once per "
        "address; safe to run in several processes at once) and delete expired "
        "unconfirmed requests. Run it every minute (systemd timer or cron)."
    )

    def handle(self, *args, **options):
        purged = opt_in.purge_expired()
        result = delivery.run()
        self.stdout.write(
            f"planned {result.planned}, sent {result.sent}, failed {result.failed}, "
            f"to retry {result.retried}, "
            f"cancelled {result.cancelled}, expired requests deleted {purged}"
        )
