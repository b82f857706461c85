"""Translation states of office and service pages (core.translation_state).

An office page shows the office and its hours, closures and contacts; a
service page the service and its channels. Their states answer together:
the page says in the reader's language that a translation is unchecked or
outdated, and a language with an outdated part leaves the page's hreflang
alternates and the sitemap until it is updated. The service section of an
office page shows every published service with its channels there, so their
states count for the office page as well.
"""

from django.conf import settings

from core.translation_state import Parts, current_languages, outdated_object_ids

from .models import Closure, ContactPerson, Office, OpeningHours, Service, ServiceChannel
from .shared_closures import SharedClosure

ALL_LANGUAGES = [code for code, _name in settings.LANGUAGES]


def office_parts(office, hours, closures, contacts, services=()) -> Parts:
    """services: the services and channels of the page's service section."""
    return Parts([office, *hours, *closures, *contacts, *services])


def service_parts(services) -> Parts:
    """Services with their (prefetched) channels."""
    return Parts([part for s in services for part in (s, *s.channels.all())])


def page_languages(parts: Parts) -> list[str]:
    """Every site language except those in which a part of the page is outdated."""
    return current_languages(parts, ALL_LANGUAGES)


def _merge(result: dict, language: str, owners) -> None:
    result.setdefault(language, set()).update(o for o in owners if o is not None)


def outdated_offices() -> dict[str, set[int]]:
    """language -> pks of offices whose page has an outdated part (for the sitemap)."""
    result = {code: set(ids) for code, ids in outdated_object_ids(Office).items()}
    for model in (OpeningHours, Closure, ContactPerson):
        for code, ids in outdated_object_ids(model).items():
            owners = model.objects.filter(pk__in=ids).values_list("office_id", flat=True)
            _merge(result, code, owners)
    every_office = None
    for code, ids in outdated_object_ids(SharedClosure).items():
        for entry in SharedClosure.objects.filter(pk__in=ids).prefetch_related("offices"):
            named = [o.pk for o in entry.offices.all()]
            if not named:  # applies to every office
                if every_office is None:
                    every_office = list(Office.objects.values_list("pk", flat=True))
                named = every_office
            _merge(result, code, named)
    _merge_service_section(result)
    return result


def _merge_service_section(result: dict) -> None:
    """Every office page shows every published service with its county-wide channels
    and its own: an outdated one makes those office pages outdated."""
    every_office = list(Office.objects.values_list("pk", flat=True))
    published = Service.objects.published()
    for code, ids in outdated_object_ids(Service).items():
        if published.filter(pk__in=ids).exists():
            _merge(result, code, every_office)
    for code, ids in outdated_object_ids(ServiceChannel).items():
        channels = ServiceChannel.objects.filter(pk__in=ids, service__in=published)
        for office_id in channels.values_list("office_id", flat=True):
            _merge(result, code, every_office if office_id is None else [office_id])


def outdated_services() -> dict[str, set[int]]:
    """language -> pks of services whose page has an outdated part (for the sitemap)."""
    result = {code: set(ids) for code, ids in outdated_object_ids(Service).items()}
    for code, ids in outdated_object_ids(ServiceChannel).items():
        owners = ServiceChannel.objects.filter(pk__in=ids).values_list("service_id", flat=True)
        _merge(result, code, owners)
    return result


def languages_without(pk: int, outdated: dict[str, set[int]]) -> list[str]:
    return [code for code in ALL_LANGUAGES if pk not in outdated.get(code, ())]
