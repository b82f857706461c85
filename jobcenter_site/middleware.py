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
