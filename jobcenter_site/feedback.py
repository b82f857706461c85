"""The accessibility feedback form's rules: where a report points, spam, delivery.

A report is stored before it is mailed, so a broken mail server loses nothing:
the record stays (without `mailed_at`) and the failure is logged.
"""

import logging
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from core import ratelimit

from .models import Feedback

logger = logging.getLogger(__name__)

RATE_LIMIT = 5  # reports per client …
RATE_WINDOW = 60 * 60  # … per hour


def same_site_path(url: str, host: str) -> str:
    """The path (and query) of url when it points into this site, else ''."""
    url = (url or "").strip()
    if not url or not url_has_allowed_host_and_scheme(url, allowed_hosts={host}):
        return ""
    parts = urlsplit(url)
    if not parts.path.startswith("/") or parts.path.startswith("//"):
        return ""
    return parts.path + (f"?{parts.query}" if parts.query else "")


class FeedbackForm(ratelimit.HoneypotMixin, forms.ModelForm):
    # The honeypot field ("website") and is_spam() come from the mixin.

    class Meta:
        model = Feedback
        fields = ["page_url", "description", "name", "email"]
        labels = {
            "page_url": _("Seite, auf der Sie die Barriere bemerkt haben"),
            "description": _("Was funktioniert nicht oder ist schwer zu nutzen?"),
            "name": _("Ihr Name (freiwillig)"),
            "email": _("Ihre E-Mail-Adresse für eine Antwort (freiwillig)"),
        }
        help_texts = {
            "page_url": _(
                "Die Adresse der Seite, z. B. /de/standorte/. Sie ist schon eingetragen, wenn Sie über einen Link gekommen sind."
            ),
            "email": _("Ohne E-Mail-Adresse können wir Ihnen nicht antworten."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, host: str, **kwargs):
        self.host = host
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"

    def clean_page_url(self):
        value = self.cleaned_data["page_url"]
        path = same_site_path(value, self.host)
        if value and not path:
            raise forms.ValidationError(
                _("Bitte geben Sie die Adresse einer Seite dieser Website an.")
            )
        return path


def rate_limited(request) -> bool:
    """Count this attempt; True once the client exceeds RATE_LIMIT per RATE_WINDOW."""
    return ratelimit.rate_limited(request, "feedback", RATE_LIMIT, RATE_WINDOW)


def _message(feedback: Feedback) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        if feedback.pk:
            admin_url = settings.SITE_URL + reverse(
                "admin:jobcenter_site_feedback_change", args=[feedback.pk]
            )
            where = f"Im Verwaltungsbereich: {admin_url}"
        else:
            where = (
                "Nicht gespeichert (Datenbank gestört): diese Meldung steht nur in dieser E-Mail."
            )
        body = "\n".join(
            [
                f"Seite: {feedback.page_url or '(nicht angegeben)'}",
                f"Sprache: {feedback.language}",
                f"Name: {feedback.name or '(nicht angegeben)'}",
                f"E-Mail: {feedback.email or '(nicht angegeben)'}",
                "",
                feedback.description,
                "",
                where,
            ]
        )
    return EmailMessage(
        subject=f"Barriere gemeldet: {feedback.page_url or 'ohne Seitenangabe'}",
        body=body,
        to=[settings.FEEDBACK_EMAIL],
        reply_to=[feedback.email] if feedback.email else None,
    )


def forward(feedback: Feedback) -> bool:
    """Mail the report to the office; on failure keep the record and log."""
    try:
        _message(feedback).send()
    except Exception:  # any transport error: the stored record is what counts
        logger.exception(
            "Feedback %s could not be mailed to %s", feedback.pk, settings.FEEDBACK_EMAIL
        )
        return False
    Feedback.objects.filter(pk=feedback.pk).update(mailed_at=timezone.now())
    return True


def forward_unsaved(feedback: Feedback) -> bool:
    """The database is down: the mail is then the only copy the office gets."""
    try:
        _message(feedback).send()
    except Exception:
        logger.exception("Unsaved feedback could not be mailed to %s", settings.FEEDBACK_EMAIL)
        return False
    return True
