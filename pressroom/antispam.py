"""Honeypot and rate limit for the site's public forms (feedback, subscriptions).

Lives in pressroom, the lowest app with public forms, so jobcenter_site can
use it too without an import pointing upwards.
"""

import hashlib
import hmac

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "website"


class HoneypotMixin(forms.Form):
    """A field hidden from people (CSS, no tab stop) that bots fill in."""

    website = forms.CharField(label=_("Bitte dieses Feld leer lassen"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get(HONEYPOT_FIELD))


def client_key(request, scope: str) -> str:
    """Who is sending: the proxy's last X-Forwarded-For hop, else the peer address."""
    address = request.META.get("REMOTE_ADDR", "")
    if settings.BEHIND_PROXY and (forwarded := request.META.get("HTTP_X_FORWARDED_FOR")):
        address = forwarded.split(",")[-1].strip()
    # Keyed hash: the cache never holds a readable IP address.
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256)
    return f"{scope}-rate:{digest.hexdigest()[:32]}"


def rate_limited(request, scope: str, limit: int, window: int) -> bool:
    """Count this attempt; True once the client exceeds `limit` per `window` seconds."""
    key = client_key(request, scope)
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count > limit
