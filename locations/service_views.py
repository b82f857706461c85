"""Was kann ich wo erledigen? The service catalogue's public pages."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from core.jsonld import script_tag

from . import jsonld
from .models import Office, Service, ServiceChannel
from .page_languages import page_languages, service_parts
from .services import channels_for, overrides


def _services():
    channels = ServiceChannel.objects.select_related("office")
    return Service.objects.published().prefetch_related(Prefetch("channels", channels))


def county_office():
    return Office.objects.active().filter(kind=Office.Kind.COUNTY).first()


@require_safe
def service_list(request):
    services = list(_services())
    for service in services:
        service.default_channels = channels_for(service)
    parts = service_parts(services)
    ctx = {
        "services": services,
        "translation_parts": parts,
        "page_languages": page_languages(parts),
    }
    return render(request, "locations/service_list.html", ctx)


@require_safe
def service_detail(request, slug):
    service = get_object_or_404(_services(), slug=slug)
    channels = channels_for(service)
    url = request.build_absolute_uri(service.get_absolute_url())
    county = county_office()
    parts = service_parts([service])
    ctx = {
        "translation_parts": parts,
        "page_languages": page_languages(parts),
        "service": service,
        "channels": channels,
        "overrides": [c for c in overrides(service) if c.office.is_active],
        "county_office": county,
        "jsonld": script_tag(jsonld.government_service(service, channels, url, county)),
    }
    return render(request, "locations/service_detail.html", ctx)


def office_services(office) -> list:
    """(service, channels at this office) for the office page's section."""
    return [(service, channels_for(service, office)) for service in _services()]
