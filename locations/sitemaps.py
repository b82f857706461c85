from django.contrib.sitemaps import Sitemap

from .models import Office


class OfficeSitemap(Sitemap):
    """Every active office page, in every language (UI translated, content with fallback)."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return Office.objects.active().order_by("pk")

    def lastmod(self, office):
        return office.updated_at
