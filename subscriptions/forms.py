from django import forms
from django.utils.translation import gettext_lazy as _

from core.languages import LanguageSelect, local_choices
from core.ratelimit import HoneypotMixin

from .models import Subscription


class SubscribeForm(HoneypotMixin, forms.Form):
    email = forms.EmailField(label=_("Ihre E-Mail-Adresse"), max_length=254)
    language = forms.ChoiceField(
        label=_("Sprache der E-Mails"),
        choices=local_choices,  # „Türkçe“, not „Türkisch“
        widget=LanguageSelect,
        help_text=_("Gibt es eine Meldung nicht in dieser Sprache, erhalten Sie sie auf Deutsch."),
    )

    frequency = forms.ChoiceField(
        label=_("Wie oft?"),
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.IMMEDIATE,
        required=False,  # a form without the choice (an old page) means "sofort"
    )

    def clean_frequency(self):
        return self.cleaned_data.get("frequency") or Subscription.Frequency.IMMEDIATE

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
