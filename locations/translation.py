from modeltranslation.translator import TranslationOptions, register

from .models import Closure, ContactPerson, Office, OpeningHours


@register(Office)
class OfficeTranslationOptions(TranslationOptions):
    fields = ("name", "accessibility_note", "services", "hours_note")


@register(OpeningHours)
class OpeningHoursTranslationOptions(TranslationOptions):
    fields = ("note",)


@register(Closure)
class ClosureTranslationOptions(TranslationOptions):
    fields = ("reason",)


@register(ContactPerson)
class ContactPersonTranslationOptions(TranslationOptions):
    fields = ("role", "responsibilities")
