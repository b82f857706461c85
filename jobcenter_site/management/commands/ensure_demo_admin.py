import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

# Superusers must use a second factor (jobcenter_site/admin_site.py).
TWO_FACTOR_HINT = (
    "Two-factor login: after the password the admin shows a QR code for an "
    "authenticator app (/admin/zwei-faktor/); without a phone run "
    "`.venv/bin/python manage.py otp_enrol admin` and log in with a recovery code."
)


class Command(BaseCommand):
    help = "Create the demo superuser 'admin' (password from ADMIN_PASSWORD, else printed once)."

    def handle(self, *args, **options):
        User = get_user_model()
        password = os.environ.get("ADMIN_PASSWORD")
        user = User.objects.filter(username="admin").first()
        if user and not password:
            self.stdout.write(
                "Demo admin 'admin' exists; set ADMIN_PASSWORD to reset its password."
            )
            self.stdout.write(TWO_FACTOR_HINT)
            return
        if user is None:
            user = User(username="admin", email="admin@example.invalid")
        user.is_staff = user.is_superuser = True
        shown = password or secrets.token_urlsafe(12)
        user.set_password(shown)
        user.save()
        if password:
            self.stdout.write("Demo admin 'admin' ready (password from ADMIN_PASSWORD).")
        else:
            self.stdout.write(f"Demo admin created: user 'admin', password '{shown}' (shown once).")
        self.stdout.write(TWO_FACTOR_HINT)
