from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core import qr
from jobcenter_site.staff import two_factor


class Command(BaseCommand):
    help = (
        "Richtet die Zwei-Faktor-Anmeldung für einen Benutzer ein: zeigt den QR-Code "
        "für die Authenticator-App im Terminal und zehn Wiederherstellungscodes. "
        "(Im Browser geht das unter /admin/zwei-faktor/.)"
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--no-qr", action="store_true", help="nur Link und Schlüssel")

    def handle(self, *args, username, no_qr=False, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Benutzer {username!r} gibt es nicht.")
        device = two_factor.pending_device(user)
        two_factor.confirm(device)
        codes = two_factor.new_codes(user)
        if not no_qr:
            qr.make(device.config_url).terminal(out=self.stdout, compact=True)
        self.stdout.write(f"Link für die App: {device.config_url}")
        self.stdout.write(f"Schlüssel (von Hand): {two_factor.base32_groups(device)}")
        self.stdout.write("Wiederherstellungscodes (je einmal gültig, nur jetzt angezeigt):")
        for code in codes:
            self.stdout.write(f"  {code}")
