"""The site's sitemaps: an index with one child per section, the large sections paged by key.

``PagedI18nSitemap`` is for sections with many rows (releases, series).
Django's i18n sitemap builds an (item, language) pair for every row before
paging, and its paginator COUNTs and OFFSETs: at 100,000 releases that is
the whole table for the index and for every child. Here child n holds the
rows with n·limit ≥ pk > (n-1)·limit: the index needs one probe for the
highest pk, a child one index range scan; only that page's rows are
expanded into their language versions (a child may hold fewer than
``limit`` rows where pks were skipped). The views render the XML directly
(no template loop per URL): the cost of a child follows ``limit``, not the
archive, and stays below a release page's (bench/sitemap_cost.py).
"""

from math import ceil
from types import SimpleNamespace

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.html import escape

from core import memo

XMLNS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
XHTML = 'xmlns:xhtml="http://www.w3.org/1999/xhtml"'


class I18nSitemap(Sitemap):
    """Override get_languages_for_item for content that exists in fewer languages."""

    i18n = True
    alternates = True
    x_default = True


class _PkRangePaginator:
    """Pages by primary-key ranges of `limit`: no COUNT, no OFFSET."""

    def __init__(self, queryset, per_page, expand):
        self.queryset, self.per_page, self.expand = queryset, per_page, expand

    @cached_property
    def num_pages(self) -> int:
        top = self.queryset.order_by("-pk").values_list("pk", flat=True).first() or 0
        return max(1, ceil(top / self.per_page))

    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger from None
        if not 1 <= number <= self.num_pages:
            raise EmptyPage
        low, high = (number - 1) * self.per_page, number * self.per_page
        rows = self.queryset.filter(pk__gt=low, pk__lte=high).order_by("pk")
        return SimpleNamespace(object_list=[pair for row in rows for pair in self.expand(row)])


class PagedI18nSitemap(I18nSitemap):
    limit = 200  # rows per child: at most 1,200 URLs with six languages

    @property
    def paginator(self):
        expand = lambda row: [(row, code) for code in self.get_languages_for_item(row)]  # noqa: E731
        return _PkRangePaginator(self.items(), self.limit, expand)

    def get_latest_lastmod(self):
        """None: the index stays a few probes; each child carries its URLs' lastmod."""
        return None

    def _location(self, item, force_lang_code=None):
        """One reverse() per row: the language versions differ only in their prefix."""
        row, language = item
        if "_sitemap_path" not in row.__dict__:
            with translation.override(settings.LANGUAGE_CODE):
                row._sitemap_path = self.location(row)
        return (
            f"/{force_lang_code or language}{row._sitemap_path[len(settings.LANGUAGE_CODE) + 1 :]}"
        )


def _xml(body: str) -> HttpResponse:
    response = HttpResponse(
        f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n', content_type="application/xml"
    )
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"  # the sitemap itself, as Django does
    return response


def index(request, sitemaps):
    """The sitemap index: every section's child, and every page of a paged section."""
    base = f"{request.scheme}://{request.get_host()}"
    key = ("sitemap-index", base, translation.get_language())
    return _xml(memo.get_or_compute(key, lambda: _index_body(base, sitemaps)))


def _index_body(base: str, sitemaps) -> str:
    entries = []
    for section, sitemap_class in sitemaps.items():
        site = sitemap_class()
        url = base + reverse("sitemap_section", kwargs={"section": section})
        pages = site.paginator.num_pages
        entries += [url] + [f"{url}?p={page}" for page in range(2, pages + 1)]
    body = "".join(f"<sitemap><loc>{escape(url)}</loc></sitemap>" for url in entries)
    return f"<sitemapindex {XMLNS}>{body}</sitemapindex>"


def section(request, sitemaps, section):
    """One child: the URLs of one page of one section, with hreflang alternates.

    Its document is memoised per content generation (core.memo): a crawler
    walking hundreds of children pays Python per URL once per change."""
    if section not in sitemaps:
        raise Http404
    page = request.GET.get("p", "1")
    page = page.lstrip("0") or page  # ?p=01, ?p=001 … are page 1, not a memo each
    domain = request.get_host()
    key = ("sitemap-section", section, page, request.scheme, domain, translation.get_language())
    try:
        body = memo.get_or_compute(
            key, lambda: _section_body(sitemaps[section](), page, request.scheme, domain)
        )
    except (EmptyPage, PageNotAnInteger):
        raise Http404 from None
    return _xml(body)


def _section_body(site, page: str, scheme: str, domain: str) -> str:
    urls = site.get_urls(page=page, protocol=scheme, site=_Site(domain))
    parts = []
    for url in urls:
        parts.append(f"<url><loc>{escape(url['location'])}</loc>")
        if lastmod := url["lastmod"]:
            # The date in Berlin: a change at 0:30 is that day's, not yesterday's (UTC).
            if getattr(lastmod, "tzinfo", None) is not None:
                lastmod = timezone.localtime(lastmod)
            parts.append(f"<lastmod>{lastmod:%Y-%m-%d}</lastmod>")
        if url["changefreq"]:
            parts.append(f"<changefreq>{url['changefreq']}</changefreq>")
        for alternate in url["alternates"]:
            parts.append(
                f'<xhtml:link rel="alternate" hreflang="{alternate["lang_code"]}" '
                f'href="{escape(alternate["location"])}"/>'
            )
        parts.append("</url>")
    return f"<urlset {XMLNS} {XHTML}>{''.join(parts)}</urlset>"


class _Site:
    """What Sitemap.get_urls needs of a site: its domain (the request's host)."""

    def __init__(self, domain):
        self.domain = domain
