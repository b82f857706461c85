"""The reader-facing side of translation states (see core.translation_state).

``{% translation_notice obj %}`` says, in the reader's language, that a
translation is unchecked (the German version is binding) or that the German
version changed on a date since it was translated, with a link to the German
page. ``{{ obj|title_in_language:"title" }}`` is a plain-text title for
<title>: a German fallback is marked „(auf Deutsch)“ in the reader's language,
since <title> cannot carry a lang attribute of its own.
"""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import conditional_escape
from django.utils.translation import get_language, get_language_bidi, gettext

from core.bidi import isolate_text
from core.translation_state import page_notice

register = template.Library()


def _language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


@register.inclusion_tag("core/translation_notice.html", takes_context=True)
def translation_notice(context, obj):
    language = _language()
    notice = page_notice(obj, language)
    request = context.get("request")
    german_url = translate_url(request.path, settings.LANGUAGE_CODE) if request else ""
    return {"notice": notice, "german_url": german_url, "LANGUAGE_CODE": language}


@register.filter
def title_in_language(obj, field: str) -> str:
    value = getattr(obj, field, "") or ""
    language = _language()
    if language == settings.LANGUAGE_CODE or getattr(obj, f"{field}_{language}", ""):
        return value
    marker = gettext("auf Deutsch")  # outside the f-string, so makemessages finds it
    return f"{value} ({marker})" if value else value


@register.filter
def bidi_isolate(value):
    """Plain text, escaped; in a right-to-left language its Latin runs isolated (core.bidi)."""
    value = "" if value is None else str(value)
    return isolate_text(value) if get_language_bidi() else conditional_escape(value)


@register.simple_tag
def comma() -> str:
    """The list comma of the page's language: Arabic writes "،" ("رقم الهاتف, أوقات" read wrong)."""
    return "، " if get_language_bidi() else ", "
