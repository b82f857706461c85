"""The mails subscribers get: confirmation request and the release itself.

Plain text plus HTML, in the subscriber's language where the release has
it (German otherwise). No images, no tracking: the HTML part links to the
site and nothing else. Every release mail carries RFC 8058 one-click
unsubscribe headers and a manage link.
"""

import email.policy
import html
import re

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.bidi import isolate_html

from .models import Subscription


class Mail(EmailMultiAlternatives):
    """Headers are not folded below RFC 5322's 998 octets.

    Python folds a header with one long token (the List-Unsubscribe URL) into
    RFC 2047 encoded words, which mail clients do not read as a URL.
    """

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


def plain_text(rich: str) -> str:
    """The sanitized rich text as readable plain text: paragraphs kept, link targets shown."""
    text = re.sub(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', r"\2 (\1)", rich, flags=re.S)
    text = re.sub(r"<br\s*/?>", "\n", text)
    text = re.sub(r"</(p|h[2-4]|li|blockquote)>", "\n\n", text)
    text = re.sub(r"<li>", "- ", text)
    text = html.unescape(strip_tags(text))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def _links(subscription: Subscription, language: str) -> dict:
    token = subscription.manage_token()
    with translation.override(language):
        return {
            "manage_url": absolute(reverse("subscriptions:manage", kwargs={"token": token})),
            "unsubscribe_url": absolute(
                reverse("subscriptions:unsubscribe", kwargs={"token": token})
            ),
        }


def _message(to: str, subject: str, template: str, ctx: dict, headers=None):
    # <html lang dir> of the language the mail is rendered in (no request, so
    # no context processor sets it).
    ctx = {
        **ctx,
        "mail_language": translation.get_language(),
        "mail_dir": "rtl" if translation.get_language_bidi() else "ltr",
    }
    text = render_to_string(f"subscriptions/mail/{template}.txt", ctx)
    html = render_to_string(f"subscriptions/mail/{template}.html", ctx)
    message = Mail(subject=subject.replace("\n", " "), body=text, to=[to], headers=headers or {})
    message.attach_alternative(html, "text/html")
    return message


def confirmation_message(subscription: Subscription, already_confirmed: bool):
    """The double opt-in mail (or, for a confirmed address, a reminder with the manage link)."""
    with translation.override(subscription.language):
        ctx = {"subscription": subscription, "already_confirmed": already_confirmed}
        ctx.update(_links(subscription, subscription.language))
        token = subscription.confirm_token()
        ctx["confirm_url"] = absolute(reverse("subscriptions:confirm", kwargs={"token": token}))
        subject = _("Bitte bestätigen Sie Ihr Abonnement der Pressemitteilungen")
        if already_confirmed:
            subject = _("Ihr Abonnement der Pressemitteilungen")
        return _message(subscription.email, str(subject), "confirm", ctx)


def release_language(release, wanted: str) -> str:
    """The subscriber's language if the release has title, lead and body in it."""
    return wanted if wanted in release.languages() else settings.LANGUAGE_CODE


def release_message(delivery):
    subscription, release = delivery.subscription, delivery.release
    language = release_language(release, subscription.language)
    with translation.override(language):
        links = _links(subscription, language)
        ctx = {
            "release": release,
            "subscription": subscription,
            "release_url": absolute(release.get_absolute_url()),
            "update": _update_context(delivery, release),
            "body_text": plain_text(release.body),
            # Latin names and numbers inside right-to-left text stay in order (core.bidi).
            "body_html": isolate_html(release.body)
            if translation.get_language_bidi()
            else mark_safe(release.body),  # sanitized on save
            **links,
        }
        headers = {
            "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Message-ID": delivery.message_id(),
            "Content-Language": language,
        }
        subject = release.title
        if ctx["update"]:
            subject = _("Aktualisiert: %(title)s") % {"title": release.title}
        return _message(delivery.email, str(subject), "release", ctx, headers)


def _update_context(delivery, release) -> dict | None:
    """For an update mail: when the release changed, and its public corrections."""
    if not delivery.edition:
        return None
    corrections = [(c.date, c.text) for c in release.corrections.public()]
    return {"at": release.public_updated_at, "corrections": corrections}


def digest_message(deliveries):
    """Several releases for one digest subscriber in one mail (each in its best language)."""
    subscription = deliveries[0].subscription
    with translation.override(subscription.language):
        links = _links(subscription, subscription.language)
        items = []
        for delivery in deliveries:
            language = release_language(delivery.release, subscription.language)
            with translation.override(language):
                items.append(
                    {
                        "release": delivery.release,
                        "language": language,
                        "title": delivery.release.title,
                        "lead": delivery.release.lead,
                        "url": absolute(delivery.release.get_absolute_url()),
                        "updated_at": delivery.release.public_updated_at
                        if delivery.edition
                        else None,
                    }
                )
        ctx = {"subscription": subscription, "items": items, **links}
        domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
        ids = "-".join(str(d.pk) for d in deliveries)
        headers = {
            "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            # Stable for the same rows: a resend after a crash is the same mail.
            "Message-ID": f"<sammelmail-{subscription.pk}.versand-{ids}@{domain}>",
        }
        subject = _("Pressemitteilungen des Jobcenters im Kreis Borken: %(n)s neue") % {
            "n": len(items)
        }
        if any(item["updated_at"] for item in items):
            subject = _(
                "Pressemitteilungen des Jobcenters im Kreis Borken: %(n)s neue oder aktualisierte"
            ) % {"n": len(items)}
        return _message(subscription.email, str(subject), "digest", ctx, headers)
