from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from . import views
from .sitemaps import SITEMAPS

admin.site.site_header = "Jobcenter im Kreis Borken – Verwaltung"
admin.site.site_title = "Jobcenter-Verwaltung"
admin.site.index_title = "Inhalte pflegen"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
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

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
