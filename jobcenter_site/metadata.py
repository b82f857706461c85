"""The home page's structured data: the Jobcenter as GovernmentOrganization and the WebSite."""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.jsonld import script_tag
from pressroom.metadata import LOGO


def home_json_ld():
    home = settings.SITE_URL + reverse("home")
    path, width, height = LOGO
    organisation = {
        "@type": "GovernmentOrganization",
        "@id": f"{home}#organisation",
        "name": _("Jobcenter im Kreis Borken"),
        "url": home,
        "logo": {
            "@type": "ImageObject",
            "url": settings.SITE_URL + static(path),
            "width": width,
            "height": height,
        },
    }
    website = {
        "@type": "WebSite",
        "name": _("Jobcenter im Kreis Borken"),
        "url": home,
        "inLanguage": get_language(),  # the home page's content is all UI text, translated
        "publisher": {"@id": organisation["@id"]},
        "potentialAction": {
            "@type": "SearchAction",
            "target": settings.SITE_URL + reverse("search") + "?q={search_term_string}",
            "query-input": "required name=search_term_string",
        },
    }
    return script_tag({"@context": "https://schema.org", "@graph": [organisation, website]})
