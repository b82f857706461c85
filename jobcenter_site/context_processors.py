from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info


def site(request):
    """Site-wide values: the site URL and the current page in every language.

    A view that knows which languages its content really has passes
    ``page_languages``; the templates then list only those.
    """
    path = request.get_full_path()
    language_links = [
        {**get_language_info(code), "url": translate_url(path, code)}
        for code, _name in settings.LANGUAGES
    ]
    return {"site_url": settings.SITE_URL, "language_links": language_links}
