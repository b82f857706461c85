from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.http import require_safe

from pressroom import media_files
from pressroom import urls as pressroom_urls  # noqa: F401  registers the "pk" converter

from . import media, views
from .sitemaps import SITEMAPS

admin.site.site_header = "Jobcenter im Kreis Borken – Verwaltung"
admin.site.site_title = "Jobcenter-Verwaltung"
admin.site.index_title = "Inhalte pflegen"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", require_safe(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    # Press photos: one URL per file for every language, checked before sending.
    path("presse-medien/<pk:pk>/<slug:variant>", media_files.media_file, name="press_media_file"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("presse/", include("pressroom.urls")),
    path("standorte/", include("locations.urls")),
    path("suche/", views.search, name="search"),
    path("barrierefreiheit/feedback/", views.feedback, name="feedback"),
    path("barrierefreiheit/feedback/danke/", views.feedback_done, name="feedback_done"),
    # Information pages by slug: keep this last, app URLs ("presse/", …) win.
    path("<slug:slug>/", views.page_detail, name="page"),
)

if settings.SERVE_MEDIA:
    # Not static(): uploads need nosniff + a sandboxing CSP (jobcenter_site/media.py).
    urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media.media))

# A dead database in a middleware (session, cache) reaches this handler: 503, not 500.
handler500 = "jobcenter_site.faults.server_error"

if settings.BENCH_TRIVIAL_VIEW:  # the benchmark's baseline, never in production
    urlpatterns.append(path("bench/trivial", views.bench_trivial))
