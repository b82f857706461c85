"""RSS 2.0 and Atom feeds: all releases, per series, per topic. All use published().

Valid for the W3C Feed Validator (tests/test_pressroom_feed_validity.py):
the press office is the author, the office's reuse note is the rights
statement, and ``updated`` is the last *public* change (public_changes.py),
so a typo fix does not resurface an entry in readers.

Language: a feed in language X carries only the releases that exist in X
(title, lead and body translated) and, outside German, links to the German
feed with every release (``rel="alternate" hreflang="de"``). A German text
is never labelled Turkish.
"""

import io
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse, translate_url
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from core import memo
from locations.models import Municipality

from . import shared_context
from .models import SOURCE_LANGUAGE, PressRelease, Series, Topic

FEED_SIZE = 20


class _SourceLanguageLink:
    """Adds the link to the German feed (set by ReleaseFeed.get_feed) to the root."""

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        source = self.feed.get("source_language_feed")
        if source:
            handler.addQuickElement(self.link_element, "", source)


class AtomWithSource(_SourceLanguageLink, Atom1Feed):
    link_element = "link"


class RssWithSource(_SourceLanguageLink, Rss201rev2Feed):
    link_element = "atom:link"


def _credit_press_office(feed, office, request) -> None:
    """The press office as author of the feed and every entry; its reuse note as rights."""
    credit = {
        "author_name": str(office) if office else str(_("Kreis Borken")),
        "author_email": (office.email or None) if office else None,
        "author_link": request.build_absolute_uri(reverse("pressroom:list")),
    }
    rights = (office.reuse_note or None) if office else None
    feed.feed.update(credit, feed_copyright=rights)
    for item in feed.items:
        item.update(credit, item_copyright=rights)


class ReleaseFeed(Feed):
    feed_type = RssWithSource
    title = _("Pressemitteilungen – Jobcenter im Kreis Borken")
    description = _("Pressemitteilungen des Kreises Borken zum Jobcenter im Kreis Borken.")

    @method_decorator(require_safe)  # a feed is read, never posted to
    def __call__(self, request, *args, **kwargs):
        try:
            obj = self.get_object(request, *args, **kwargs)
        except ObjectDoesNotExist as missing:
            raise Http404("Feed object does not exist.") from missing
        # The written document, once per content generation and address
        # (core.memo): writing it through Django's SAX writer into the
        # response cost ~18,000 small writes per request. The address without
        # its query string: a feed reads none, and ?x=1, ?x=2 … must not each
        # build (and keep) a feed.
        address = request.build_absolute_uri(request.path)
        key = ("feed", type(self).__qualname__, get_language(), address)
        content_type, last_modified, document = memo.get_or_compute(
            key, lambda: self._write(obj, request)
        )
        response = HttpResponse(document, content_type=content_type)
        response.headers["Last-Modified"] = last_modified
        return response

    def _write(self, obj, request) -> tuple[str, str, bytes]:
        """What Django's Feed.__call__ sends, written once into a buffer."""
        feed = self.get_feed(obj, request)
        buffer = io.StringIO()
        feed.write(buffer, "utf-8")
        last_modified = http_date(feed.latest_post_date().timestamp())
        return feed.content_type, last_modified, buffer.getvalue().encode()

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        _credit_press_office(feed, shared_context.press_office(), request)
        if get_language() != SOURCE_LANGUAGE:
            feed.feed["source_language_feed"] = {
                "rel": "alternate",
                "hreflang": SOURCE_LANGUAGE,
                "type": feed.content_type.split(";")[0],
                "href": translate_url(request.build_absolute_uri(request.path), SOURCE_LANGUAGE),
            }
        return feed

    def link(self):
        return reverse("pressroom:list")

    def releases(self, obj):
        return PressRelease.objects.published()

    def items(self, obj=None):
        releases = self.releases(obj).in_language(get_language())
        return releases.for_list().order_by("-publish_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_pubdate(self, item):
        return item.first_public

    def item_updateddate(self, item):
        return item.last_public_change

    def item_guid(self, item):
        # Stable for the life of the release, whatever happens to its slug or year.
        host = urlsplit(settings.SITE_URL).hostname
        return f"tag:{host},2019:pressemitteilung:{item.pk}"

    item_guid_is_permalink = False


class ReleaseAtomFeed(ReleaseFeed):
    feed_type = AtomWithSource
    subtitle = ReleaseFeed.description


class SeriesFeed(ReleaseFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Series.objects.public(), slug=slug)

    def title(self, obj):
        return obj.title

    def description(self, obj):
        return obj.description or obj.title

    def link(self, obj):
        return obj.get_absolute_url()

    def releases(self, obj):
        return PressRelease.objects.published().filter(series=obj)


class SeriesAtomFeed(SeriesFeed):
    feed_type = AtomWithSource

    def subtitle(self, obj):
        return self.description(obj)


class TopicFeed(ReleaseFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, obj):
        return _("Pressemitteilungen zum Thema „%(name)s“") % {"name": obj.name}

    def description(self, obj):
        return self.title(obj)

    def link(self, obj):
        return obj.get_absolute_url()

    def releases(self, obj):
        return PressRelease.objects.published().filter(topics=obj)


class TopicAtomFeed(TopicFeed):
    feed_type = AtomWithSource

    def subtitle(self, obj):
        return self.description(obj)


class TownFeed(ReleaseFeed):
    """Releases tagged with one town or municipality (by its AGS)."""

    def get_object(self, request, ags):
        return get_object_or_404(Municipality, ags=ags)

    def title(self, obj):
        return _("Pressemitteilungen für %(name)s") % {"name": obj.name}

    def description(self, obj):
        return self.title(obj)

    def link(self, obj):
        return reverse("pressroom:town", kwargs={"ags": obj.ags})

    def releases(self, obj):
        return PressRelease.objects.published().filter(municipalities=obj)


class TownAtomFeed(TownFeed):
    feed_type = AtomWithSource

    def subtitle(self, obj):
        return self.description(obj)
