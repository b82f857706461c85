from modeltranslation.translator import TranslationOptions, register

from core.translation_state import track

from .models import Correction, MediaAsset, PressOffice, PressRelease, Series, Topic


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Series)
class SeriesTranslationOptions(TranslationOptions):
    fields = ("title", "campaign", "slogan", "description")


@register(PressRelease)
class PressReleaseTranslationOptions(TranslationOptions):
    fields = (
        "title",
        "kicker",
        "lead",
        "body",
        "background_title",
        "background_text",
        "editors_note",
    )
    # German is required for title only at the database level; the readiness
    # check decides what else publishing needs. Other languages stay optional.
    required_languages = {"de": ("title",)}


@register(MediaAsset)
class MediaAssetTranslationOptions(TranslationOptions):
    fields = ("title", "caption", "alt_text")
    required_languages = {"de": ("title", "alt_text")}


@register(Correction)
class CorrectionTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = {"de": ("text",)}


@register(PressOffice)
class PressOfficeTranslationOptions(TranslationOptions):
    fields = ("reuse_note",)


# Review state and freshness of the translated content (core.translation_state).
track(Series, SeriesTranslationOptions.fields)
track(PressRelease, PressReleaseTranslationOptions.fields)
