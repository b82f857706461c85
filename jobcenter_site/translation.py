from modeltranslation.translator import TranslationOptions, register

from core.translation_state import track

from .models import Figure, Page, SignLanguageVideo


@register(Page)
class PageTranslationOptions(TranslationOptions):
    fields = ("title", "intro", "body")


@register(Figure)
class FigureTranslationOptions(TranslationOptions):
    fields = ("label", "source")


@register(SignLanguageVideo)
class SignLanguageVideoTranslationOptions(TranslationOptions):
    fields = ("title", "transcript")


# Review state and freshness of the translated content (core.translation_state).
track(Page, PageTranslationOptions.fields)
track(Figure, FigureTranslationOptions.fields)
