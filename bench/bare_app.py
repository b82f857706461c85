"""The bench's outer baseline: a bare Django view (no apps, no middleware, no templates).

Served by the same gunicorn command as the site (bench/benchlib.py,
`gunicorn_bare`), so "a cached page at 0.9× a bare Django view" compares
the page cache's hit path with the least Django can do per request: WSGI,
URL resolving and an HttpResponse.
"""

import django
from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-bare-app-has-no-secrets",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[],
    MIDDLEWARE=[],
    USE_I18N=False,
    LOGGING_CONFIG=None,
)
django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


def healthz(request):
    return HttpResponse('{"status": "ok"}', content_type="application/json")


urlpatterns = [path("bench/bare", bare), path("healthz", healthz)]
application = get_wsgi_application()
