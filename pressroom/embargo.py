"""Embargo links: a journalist reads a release before its Sperrfrist.

A staff member creates a link for one named recipient. The URL carries a
signed token (so guessing or altering it fails before the database is
asked); the link expires, can be revoked, and every access is logged.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.tokens import read_token

SALT = "pressroom.embargo-link"


def default_expiry():
    return timezone.now() + timedelta(days=7)


class EmbargoLink(models.Model):
    release = models.ForeignKey(
        "pressroom.PressRelease",
        on_delete=models.CASCADE,
        related_name="embargo_links",
        verbose_name=_("Pressemitteilung"),
    )
    recipient = models.CharField(
        _("Empfänger/in"),
        max_length=200,
        help_text=_("Name und Redaktion, z. B. für das Protokoll"),
    )
    expires_at = models.DateTimeField(_("gültig bis"), default=default_expiry)
    revoked_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("angelegt von"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Sperrfrist-Link")
        verbose_name_plural = _("Sperrfrist-Links")

    def __str__(self):
        return f"{self.release} → {self.recipient}"

    def get_absolute_url(self):
        return reverse("pressroom:embargo", kwargs={"token": self.token})

    @property
    def token(self) -> str:
        """Stable per link (no timestamp), so the admin shows the same URL every time."""
        return signing.Signer(salt=SALT).sign_object(self.pk)

    def absolute_url(self) -> str:
        return settings.SITE_URL + self.get_absolute_url()

    def is_valid(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now

    def opens_release(self, now=None) -> bool:
        """The one rule for what a link shows (the embargo page and its media files).

        A valid link opens a release that is approved (status "published") and
        waiting for its time, or already public. Drafts, "ready" (not yet
        approved) and withdrawn releases stay closed, link or not.
        """
        return self.is_valid(now) and self.release.status == self.release.Status.PUBLISHED

    @classmethod
    def from_token(cls, token: str) -> "EmbargoLink | None":
        try:
            pk = signing.Signer(salt=SALT).unsign_object(token)
        except (signing.BadSignature, ValueError):
            # Links sent before issue 15 carry a timestamp (the same signature
            # scheme, so the plain signer accepts them but cannot decode them).
            pk = read_token(token, SALT)
        if pk is None:
            return None
        return cls.objects.select_related("release").filter(pk=pk).first()


class EmbargoAccess(models.Model):
    """One row per access: who (the link's recipient), when, and from which client."""

    link = models.ForeignKey(
        EmbargoLink, on_delete=models.CASCADE, related_name="accesses", verbose_name=_("Link")
    )
    accessed_at = models.DateTimeField(_("Zugriff am"), auto_now_add=True)
    user_agent = models.CharField(_("Browser"), max_length=300, blank=True)

    class Meta:
        ordering = ["-accessed_at"]
        verbose_name = _("Zugriff auf Sperrfrist-Link")
        verbose_name_plural = _("Zugriffe auf Sperrfrist-Links")

    def __str__(self):
        return f"{self.link.recipient} {self.accessed_at:%d.%m.%Y %H:%M}"
