"""Which languages an object's content really exists in (modeltranslation columns)."""

from django.conf import settings


def languages_with(obj, fields) -> list[str]:
    """Codes of the site languages in which every one of `fields` is filled in."""
    return [
        code
        for code, _name in settings.LANGUAGES
        if all(getattr(obj, f"{field}_{code}", "") for field in fields)
    ]
