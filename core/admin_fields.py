"""How the admin's text inputs behave for the press office (used by EditLockForm).

- No ``maxlength`` attribute: the browser would cut a long title silently.
  The server's length check shows a German form error instead, and the
  editing script shows a counter ("212 von 250 Zeichen") from ``data-max-chars``.
- Spell check on in every text input and textarea.
- Translated fields are labelled with the language's name, not a code, and
  carry ``lang`` (and ``dir="rtl"`` for Arabic), so the browser's spell check,
  screen readers and the cursor follow the language.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst

RTL_LANGUAGES = {"ar"}


def polish_fields(form) -> None:
    model = form._meta.model
    names = dict(settings.LANGUAGES)
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.TextInput | forms.Textarea):
            if maxlength := widget.attrs.pop("maxlength", None):
                widget.attrs["data-max-chars"] = maxlength
            widget.attrs.setdefault("spellcheck", "true")
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        original = getattr(model_field, "translated_field", None)
        if original is None:
            continue
        language = model_field.language
        field.label = f"{capfirst(original.verbose_name)} ({names.get(language, language)})"
        widget.attrs["lang"] = language
        if language in RTL_LANGUAGES:
            widget.attrs["dir"] = "rtl"
