from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, register_converter
from django.views.decorators.http import require_safe

from core import converters, media_headers
from core import sitemaps as sitemap_views
from pressroom import media_views

from . import views
from .sitemaps import SITEMAPS

register_converter(converters.YearConverter, "year")
register_converter(converters.PkConverter, "pk")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    # A sitemap index and one child per section, the release section paged (?p=2 …).
    path(
        "sitemap.xml",
        require_safe(sitemap_views.index),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        require_safe(sitemap_views.section),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    # Press photos: one URL per file for every language, checked before sending.
    path("presse-medien/<pk:pk>/<slug:variant>", media_views.media_file, name="press_media_file"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("presse/", include("subscriptions.urls")),
    path("presse/", include("pressroom.urls")),
    path("standorte/", include("locations.urls")),
    path("was-kann-ich-wo-erledigen/", include("locations.service_urls")),
    path("suche/", views.search, name="search"),
    path("begriffe/", views.glossary, name="glossary"),
    path("barrierefreiheit/feedback/", views.feedback, name="feedback"),
    path("barrierefreiheit/feedback/danke/", views.feedback_done, name="feedback_done"),
    # Information pages by slug: keep this last, app URLs ("presse/", …) win.
    path("<slug:slug>/", views.page_detail, name="page"),
)

if settings.SERVE_MEDIA:
    # Not static(): uploads need nosniff + a sandboxing CSP (core/media_headers.py).
    urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media_headers.media))

# A dead database in a middleware (session, cache) reaches this handler: 503, not 500.
handler500 = "jobcenter_site.faults.server_error"

if settings.BENCH_TRIVIAL_VIEW:  # the benchmark's baseline, never in production
    urlpatterns.append(path("bench/trivial", views.bench_trivial))
