from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .antispam import HoneypotMixin


class SubscribeForm(HoneypotMixin, forms.Form):
    email = forms.EmailField(label=_("Ihre E-Mail-Adresse"), max_length=254)
    language = forms.ChoiceField(
        label=_("Sprache der E-Mails"),
        choices=settings.LANGUAGES,
        help_text=_("Gibt es eine Meldung nicht in dieser Sprache, erhalten Sie sie auf Deutsch."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
