"""The finder's form: what a person typed, cleaned, or a message saying what to type."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .finder import MAX_QUERY_LENGTH
from .place_index import place_key

# Place names are matched as written in German addresses: say so, not "enter a place".
LATIN_LETTERS_MESSAGE = _(
    "Bitte schreiben Sie den Ortsnamen in lateinischen Buchstaben, so wie in Ihrer "
    "Anschrift – zum Beispiel „Borken“ oder „Gronau“."
)


class FinderForm(forms.Form):
    q = forms.CharField(
        label=_("Postleitzahl, Stadt, Gemeinde oder Ortsteil"),
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "required": _("Bitte geben Sie eine Postleitzahl oder einen Ort ein."),
            "max_length": _("Bitte geben Sie nur eine Postleitzahl oder einen Ortsnamen ein."),
        },
    )

    def clean_q(self) -> str:
        q = " ".join(self.cleaned_data["q"].split())
        if not place_key(q) and any(ch.isalpha() for ch in q):  # "Боркен", "بوركن"
            raise forms.ValidationError(LATIN_LETTERS_MESSAGE)
        if not place_key(q):
            raise forms.ValidationError(
                _("Bitte geben Sie eine Postleitzahl oder einen Ortsnamen ein.")
            )
        if q.isdigit() and len(q) != 5:
            raise forms.ValidationError(_("Eine Postleitzahl hat fünf Ziffern."))
        return q

    @staticmethod
    def not_found_message(query: str) -> str:
        return _(
            "Zu „%(query)s“ haben wir keine Postleitzahl, keine Stadt und keinen Ortsteil "
            "im Kreis Borken gefunden. Bitte prüfen Sie die Schreibweise oder geben Sie "
            "Ihre Postleitzahl ein."
        ) % {"query": query}
