from django import template

from ..phone import e164

register = template.Library()


@register.filter
def tel(phone: str) -> str:
    """ "02861 681-100" → "+492861681100", for tel: links (locations/phone.py)."""
    return e164(phone)
