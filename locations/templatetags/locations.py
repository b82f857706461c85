from django import template
from django.utils.html import format_html

from ..phone import e164

register = template.Library()


@register.filter
def tel(phone: str) -> str:
    """ "02861 681-100" → "+492861681100", for tel: links (locations/phone.py)."""
    return e164(phone)


@register.filter
def ltr(text: str) -> str:
    """A number or address kept left-to-right inside a right-to-left sentence (Arabic)."""
    return format_html('<span class="ltr">{}</span>', text)


@register.filter
def time_berlin(instant) -> str:
    """An aware instant as "9:00" Berlin wall time (locations/opening.py)."""
    from ..opening import clock

    return clock(instant)
