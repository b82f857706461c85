from django.conf import settings
from django.utils import translation


class GermanAdminMiddleware:
    """The admin is for the county's staff and stays German, whatever the browser asks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/"):
            translation.activate("de")
            request.LANGUAGE_CODE = "de"
        return self.get_response(request)


class AdminSessionMiddleware:
    """Staff sessions expire after SESSION_COOKIE_AGE *without activity*.

    Saving the session on every admin request moves its expiry forward; on
    public pages the session is never touched, so they set no cookie. The
    change forms' background autosave does not count as activity: an open
    tab alone must not keep a session alive.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code >= 500:  # e.g. the database is down: don't touch it again
            return response
        match = request.resolver_match
        if match is not None and match.url_name == "form_draft_save":
            return response
        if request.path.startswith(settings.ADMIN_URL_PREFIX) and request.user.is_authenticated:
            request.session.modified = True
        return response
