"""Field-by-field differences between two states of a model row, labelled in German.

Used by the optimistic lock ("what did the other person change?") and by the
version comparison before a restore. A state is a dict of attnames to values,
as django-reversion stores it (``Version.field_dict``) or as read from the row.
Translated fields (modeltranslation's ``title_de``, ``title_ar`` …) are
labelled with the field and the language name, never with a code.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.text import capfirst


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    language: str  # "" for untranslated fields
    before: str
    after: str


def comparable(value):
    """Versions are stored as JSON, which keeps only milliseconds of a time."""
    if isinstance(value, datetime.datetime | datetime.time):
        return value.replace(microsecond=value.microsecond // 1000 * 1000)
    return value


def language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


def label_of(field) -> tuple[str, str]:
    """(German label, language code) of a concrete field."""
    original = getattr(field, "translated_field", None)
    if original is not None:
        language = field.language
        return f"{capfirst(original.verbose_name)} ({language_name(language)})", language
    return str(capfirst(field.verbose_name)), ""


def shown(field, value) -> str:
    """A value as a person reads it: choice labels, local times, text without tags."""
    if value is None or value == "":
        return "–"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%d.%m.%Y, %H:%M Uhr")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, bool):
        return "ja" if value else "nein"
    return strip_tags(str(value)).strip() or "–"


def row_state(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


IGNORED = {"updated_at", "updated_by_id", "edit_version"}


def changes(model, before: dict, after: dict) -> list[FieldChange]:
    """Editable fields whose value differs, in the model's field order."""
    found = []
    names = {f.attname for f in model._meta.concrete_fields}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.attname in IGNORED or not field.editable:
            continue
        if f"{field.attname}_{settings.LANGUAGE_CODE}" in names:
            continue  # modeltranslation's mirror of the current language: the _de field counts
        if field.attname not in before or field.attname not in after:
            continue
        old, new = before[field.attname], after[field.attname]
        if _normal(field, old) == _normal(field, new):
            continue
        label, language = label_of(field)
        found.append(
            FieldChange(field.attname, label, language, shown(field, old), shown(field, new))
        )
    return found


def _normal(field, value):
    """Stored JSON (strings) and row values (objects) compared alike."""
    if value in (None, ""):
        return None
    try:
        value = field.to_python(value)
    except Exception:  # a value an old schema stored: compare as text
        return str(value)
    if isinstance(value, datetime.datetime):
        # Compared as shown (to the minute): the admin's form drops the
        # microseconds a factory or script stored, which is no change anyone
        # could read ("13:01 Uhr" → "13:01 Uhr" in the stale-save message).
        return value.replace(second=0, microsecond=0)
    return comparable(value)
