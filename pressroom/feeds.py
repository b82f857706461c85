"""RSS 2.0 and Atom feeds: all releases, per series, per topic. All use published()."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from .models import PressRelease, Series, Topic

FEED_SIZE = 20


class ReleaseFeed(Feed):
    title = _("Pressemitteilungen – Jobcenter im Kreis Borken")
    description = _("Pressemitteilungen des Kreises Borken zum Jobcenter im Kreis Borken.")

    @method_decorator(require_safe)  # a feed is read, never posted to
    def __call__(self, request, *args, **kwargs):
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return reverse("pressroom:list")

    def releases(self, obj):
        return PressRelease.objects.published()

    def items(self, obj=None):
        return self.releases(obj).for_list().order_by("-publish_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_pubdate(self, item):
        return item.public_since

    def item_updateddate(self, item):
        return item.updated_at

    def item_guid(self, item):
        # Stable for the life of the release, whatever happens to its slug or year.
        host = urlsplit(settings.SITE_URL).hostname
        return f"tag:{host},2019:pressemitteilung:{item.pk}"

    item_guid_is_permalink = False


class ReleaseAtomFeed(ReleaseFeed):
    feed_type = Atom1Feed
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
    feed_type = Atom1Feed

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
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
