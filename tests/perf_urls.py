"""URLconf for the page-cache tests: the real site plus a few probe views
under the language prefix, each producing one kind of response the cache
must (or must not) keep."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path
from django.views.decorators.cache import cache_control, never_cache

from jobcenter_site.urls import urlpatterns as site_patterns
from locations.models import Office


def offices(request):
    names = ", ".join(Office.objects.order_by("name").values_list("name", flat=True))
    return HttpResponse(f"Standorte: {names}")


def offices_n_plus_one(request):
    # One query per office: the mistake assert_flat_queries must catch.
    hours = [len(office.hours.all()) for office in Office.objects.all()]
    return HttpResponse(f"Zeiten: {hours}")


# Callables run inside the view: a test makes time pass while a page renders.
DURING_RENDER = []


def slow(request):
    for step in DURING_RENDER:
        step()
    return HttpResponse("langsam")


@never_cache
def preview(request):
    return HttpResponse("Vorschau")


def form(request):
    return HttpResponse(f"Formular {get_token(request)}")


def session(request):
    request.session["seen"] = True
    return HttpResponse("Sitzung")


@cache_control(private=True)
def private(request):
    return HttpResponse("privat")


def cookie(request):
    response = HttpResponse("Keks")
    response.set_cookie("hint", "1")
    return response


urlpatterns = site_patterns + i18n_patterns(
    path("perf/offices/", offices),
    path("perf/offices-n-plus-one/", offices_n_plus_one),
    path("perf/slow/", slow),
    path("perf/preview/", preview),
    path("perf/form/", form),
    path("perf/session/", session),
    path("perf/private/", private),
    path("perf/cookie/", cookie),
)
