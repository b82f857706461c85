from modeltranslation.translator import TranslationOptions, register

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
