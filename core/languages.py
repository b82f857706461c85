"""Language names as their speakers write them: „Türkçe“, not „Türkisch“.

The public side names each language in that language (switcher, forms,
mails); the admin keeps the German names of settings.LANGUAGES.
"""

from django import forms
from django.conf import settings
from django.utils.translation import get_language_info


def local_name(code: str) -> str:
    return get_language_info(code)["name_local"]


def local_choices() -> list[tuple[str, str]]:
    return [(code, local_name(code)) for code, _name in settings.LANGUAGES]


class LanguageSelect(forms.Select):
    """A select whose options carry lang, so each name is read in its own language."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = value
        return option
