from django.conf import settings
from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import REQUIRED_TEXT_FIELDS, PressRelease


def complete_in(language: str) -> Q:
    """Title, lead and body filled in for one language."""
    query = Q()
    for field in REQUIRED_TEXT_FIELDS:
        name = f"{field}_{language}"
        query &= Q(**{f"{name}__isnull": False}) & ~Q(**{name: ""})
    return query


class LanguageCompleteFilter(admin.SimpleListFilter):
    title = _("vollständig übersetzt")
    parameter_name = "vollstaendig"

    def lookups(self, request, model_admin):
        items = []
        for code, name in settings.LANGUAGES:
            items.append((code, _("vollständig: %(lang)s") % {"lang": name}))
            items.append((f"-{code}", _("unvollständig: %(lang)s") % {"lang": name}))
        return items

    def queryset(self, request, queryset):
        value = self.value() or ""
        code = value.removeprefix("-")
        if code not in dict(settings.LANGUAGES):
            return queryset
        condition = complete_in(code)
        return queryset.exclude(condition) if value.startswith("-") else queryset.filter(condition)


class YearFilter(admin.SimpleListFilter):
    title = _("Jahr")
    parameter_name = "jahr"

    def lookups(self, request, model_admin):
        years = PressRelease.objects.datetimes("publish_at", "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(publish_at__year=int(self.value()))
        return queryset


def scheduled(queryset, now):
    return queryset.filter(status=PressRelease.Status.PUBLISHED).filter(
        Q(publish_at__gt=now) | Q(publish_at__isnull=True)
    )


def under_embargo(queryset, now):
    return queryset.filter(
        status=PressRelease.Status.PUBLISHED, publish_at__lte=now, embargo_until__gt=now
    )


class PublicStateFilter(admin.SimpleListFilter):
    """What the public sees: the desk's sections link here."""

    title = _("Sichtbarkeit")
    parameter_name = "sichtbar"

    def lookups(self, request, model_admin):
        return [
            ("geplant", _("geplant")),
            ("sperrfrist", _("unter Sperrfrist")),
            ("oeffentlich", _("öffentlich")),
            ("geaendert", _("nach Veröffentlichung geändert")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        match self.value():
            case "geplant":
                return scheduled(queryset, now)
            case "sperrfrist":
                return under_embargo(queryset, now)
            case "oeffentlich":
                return queryset.published(now)
            case "geaendert":
                return queryset.filter(changed_after_publication_at__isnull=False)
        return queryset
