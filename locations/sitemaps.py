from django.utils.functional import cached_property

from core.sitemaps import I18nSitemap

from .models import Office, Service
from .page_languages import languages_without, outdated_offices, outdated_services


class OfficeSitemap(I18nSitemap):
    """Every active office page, in every language (UI translated, content with fallback)
    except those in which a part of the page is outdated (locations.page_languages)."""

    changefreq = "weekly"

    def items(self):
        return Office.objects.active().order_by("pk")

    @cached_property
    def _outdated(self):
        return outdated_offices()

    def get_languages_for_item(self, office):
        return languages_without(office.pk, self._outdated)

    def lastmod(self, office):
        return office.updated_at


class ServiceSitemap(I18nSitemap):
    """Was kann ich wo erledigen? One page per published service, without its
    outdated languages."""

    changefreq = "monthly"

    def items(self):
        return Service.objects.published().order_by("pk")

    @cached_property
    def _outdated(self):
        return outdated_services()

    def get_languages_for_item(self, service):
        return languages_without(service.pk, self._outdated)

    def lastmod(self, service):
        return service.updated_at
