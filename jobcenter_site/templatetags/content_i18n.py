"""Translated content with an honest fallback.

modeltranslation falls back to German when a field has no translation in the
reader's language. ``{% content obj "field" %}`` renders the value and, when it
is such a fallback, marks it ``lang="de"`` (so screen readers switch voice)
and, for blocks, adds a short notice in the reader's language. In a
right-to-left language every left-to-right run of a translation is isolated.
"""

from django import template
from django.conf import settings
from django.utils.html import format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_bidi, gettext

from core.bidi import isolate_html, isolate_text
from core.richtext import with_speakers

register = template.Library()


def is_fallback(obj, field: str) -> bool:
    """True when obj.field shows the German text because the reader's language has none."""
    lang = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    source = settings.LANGUAGE_CODE
    if lang == source:
        return False
    return not getattr(obj, f"{field}_{lang}", None) and bool(
        getattr(obj, f"{field}_{source}", None)
    )


@register.simple_tag
def content(obj, field: str, html: bool = False, inline: bool = False):
    """Render obj.field.

    html=True: the field holds sanitized rich text. inline=True: for use inside
    a heading or a sentence (no block elements, no notice). Otherwise plain
    text is rendered as paragraphs.
    """
    value = getattr(obj, field, "") or ""
    if get_language_bidi() and not is_fallback(obj, field):
        # Latin names, numbers and addresses inside right-to-left text (core.bidi).
        if html:
            return isolate_html(with_speakers(value))
        if inline:
            return isolate_text(value)
        return mark_safe(linebreaks(isolate_text(value)))  # isolate_text escaped it
    if html:
        body = mark_safe(with_speakers(value))  # rich text is sanitized when it is saved
    elif inline:
        body = value
    else:
        body = mark_safe(linebreaks(value, autoescape=True))
    if not is_fallback(obj, field):
        return body
    if inline:
        return format_html('<span lang="de" dir="ltr">{}</span>', body)
    notice = gettext("Dieser Abschnitt ist noch nicht übersetzt und wird auf Deutsch angezeigt.")
    return format_html(
        '<div lang="de" dir="ltr" class="fallback">'
        '<p class="fallback-notice" lang="{}" dir="{}">{}</p>{}</div>',
        get_language(),
        "rtl" if get_language_bidi() else "ltr",
        notice,
        body,
    )


@register.filter
def lang_attr(obj, field: str):
    """' lang="de"' when obj.field is a German fallback: for SVG text and other plain spots."""
    return mark_safe(' lang="de"') if is_fallback(obj, field) else ""
