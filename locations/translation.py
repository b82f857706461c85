from modeltranslation.translator import TranslationOptions, register

from core.translation_state import track

from .models import (
    Closure,
    ContactPerson,
    Office,
    OpeningHours,
    Service,
    ServiceChannel,
    SharedClosure,
)


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


@register(SharedClosure)
class SharedClosureTranslationOptions(TranslationOptions):
    fields = ("reason",)


@register(Service)
class ServiceTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "what_to_bring")


@register(ServiceChannel)
class ServiceChannelTranslationOptions(TranslationOptions):
    fields = ("description",)


# Review state and freshness of the translated content (core.translation_state):
# everything an office page or a service page shows in the reader's language.
track(Office, OfficeTranslationOptions.fields)
track(OpeningHours, OpeningHoursTranslationOptions.fields)
track(Closure, ClosureTranslationOptions.fields)
track(SharedClosure, SharedClosureTranslationOptions.fields)
track(ContactPerson, ContactPersonTranslationOptions.fields)
track(Service, ServiceTranslationOptions.fields)
track(ServiceChannel, ServiceChannelTranslationOptions.fields)
