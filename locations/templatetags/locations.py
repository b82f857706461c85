from django import template

from ..vcard import tel_uri

register = template.Library()


@register.filter
def tel(phone: str) -> str:
    """ "02861 681-100" → "+492861681100", for tel: links."""
    return tel_uri(phone or "")
