"""Response headers and request rules that Django's settings alone do not cover.

- Cross-Origin-Resource-Policy and Permissions-Policy on every response
  (pages, static files, media, admin).
- The admin gets a CSP with a per-request nonce: Django 6.1's admin templates
  mark their scripts and styles with ``{% csp_nonce_attr %}`` and the prose
  editor's import map is an inline script. Public pages keep the nonce-free
  policy from ``SECURE_CSP``, so their headers are identical on every
  request and the pages stay cacheable.
- Only GET, HEAD and POST reach a view; TRACE, PUT, DELETE, PATCH, OPTIONS …
  are answered 405 before any view code runs. Public views further restrict
  themselves to GET/HEAD (``@require_safe``), form views to GET/POST.
"""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpResponseNotAllowed
from django.utils.csp import CSP

from core.ratelimit import shorten_ip  # noqa: F401  (used by staff.audit; lives in core)

# Features the site never uses; only names Chromium recognises, because an
# unknown name is logged as a console error on every page.
DENIED_FEATURES = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "encrypted-media",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
]
PERMISSIONS_POLICY = ", ".join(
    [f"{feature}=()" for feature in DENIED_FEATURES]
    # Press videos may go full screen and picture-in-picture, on our own origin only.
    + ["fullscreen=(self)", "picture-in-picture=(self)"]
)
ALLOWED_METHODS = ("GET", "HEAD", "POST")


def admin_csp(policy: dict) -> dict:
    """The public policy plus a nonce for scripts and styles."""

    # SECURE_CSP's script-src may list the nonce already: once is enough.
    def with_nonce(sources):
        return [*sources] if CSP.NONCE in sources else [*sources, CSP.NONCE]

    return {
        **policy,
        "script-src": with_nonce(policy["script-src"]),
        "style-src": with_nonce(policy["style-src"]),
    }


def is_admin_path(path: str) -> bool:
    return path.startswith(settings.ADMIN_URL_PREFIX)


class SecurityHeadersMiddleware:
    """Must sit after ContentSecurityPolicyMiddleware (its policy is read on the way out)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_policy = admin_csp(settings.SECURE_CSP)

    def __call__(self, request):
        if request.method not in ALLOWED_METHODS:
            response = HttpResponseNotAllowed(ALLOWED_METHODS)
        else:
            response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if is_admin_path(request.path) and not hasattr(response, "_csp_config"):
            response._csp_config = self.admin_policy
        return response


class LoginAttemptBackend(AxesStandaloneBackend):
    """django-axes' lockout check for logins over HTTP.

    Every web login (the admin's AuthenticationForm) passes the request;
    ``authenticate()`` without one only happens in the shell and in tests
    (``Client.login``), where there is no client to lock out, so the check
    steps aside instead of raising.
    """

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
