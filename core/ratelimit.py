"""Honeypot, rate limits and the client's address for the site's public forms and logs."""

import hashlib
import hmac
import ipaddress
import logging
import re

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "website"
LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")
logger = logging.getLogger("jobcenter.faults")


class HoneypotMixin(forms.Form):
    """A field hidden from people (CSS, no tab stop) that bots fill in."""

    website = forms.CharField(label=_("Bitte dieses Feld leer lassen"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get(HONEYPOT_FIELD))

    def clean(self):
        """Line breaks in a one-line field become a space (mail header/body injection).

        A name like "Anna\r\nE-Mail: x@evil.example" would otherwise forge a line
        in the mail the office receives. Textareas keep their lines.
        """
        cleaned = super().clean()
        for name, field in self.fields.items():
            value = cleaned.get(name)
            if isinstance(value, str) and not isinstance(field.widget, forms.Textarea):
                cleaned[name] = LINE_BREAKS.sub(" ", value).strip()
        return cleaned


def client_ip(request) -> str:
    """The client's address for rate limits, django-axes and the logs.

    Behind our reverse proxy (``BEHIND_PROXY=1``) REMOTE_ADDR is the proxy
    itself, so every visitor would share one address. nginx appends the real
    peer address as the *last* entry of X-Forwarded-For; entries before it
    come from the client and can be forged, so only the last one counts.
    """
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if last := forwarded.split(",")[-1].strip():
            return last
    return request.META.get("REMOTE_ADDR", "")


def client_key(request, scope: str) -> str:
    """A rate-limit key for this client that never holds its readable address."""
    return f"{scope}-rate:{keyed_hash(client_ip(request))}"


def rate_limited(request, scope: str, limit: int, window: int) -> bool:
    """Count this attempt; True once the client exceeds `limit` per `window` seconds."""
    return over_limit(client_key(request, scope), limit, window)


def over_limit(key: str, limit: int, window: int) -> bool:
    """Count one more event under `key`; True once there were more than `limit` in `window`.

    Fails open: a limiter whose store is unreachable (Redis down or hung: the
    tolerant cache answers None/False, another backend may raise) lets the
    request through and logs. A lost report or a 500 is worse than a
    missed count; nginx's limit_req still caps the raw request rate.
    """
    try:
        cache.add(key, 0, window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window)
            count = 1
    except Exception:
        logger.warning("rate limit store unreachable for %s: not counted", key.split(":")[0])
        return False
    if not isinstance(count, int):
        logger.warning("rate limit store unreachable for %s: not counted", key.split(":")[0])
        return False
    return count > limit


def keyed_hash(value: str) -> str:
    """A cache key part that never holds the readable value (an address, an e-mail)."""
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()[:32]


def shorten_ip(address: str) -> str:
    """Keep only the network part (IPv4 /24, IPv6 /48) before an address is logged."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "-"
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False).network_address)
