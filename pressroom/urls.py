from django.urls import path, register_converter

from . import extras_views, feeds, subscription_views, views


class YearConverter:
    """Four digits, so /presse/0/ or an overlong number is a 404, not a database error."""

    regex = "[12][0-9]{3}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{value:04d}"


class PkConverter(YearConverter):
    regex = "[1-9][0-9]{0,17}"  # fits a signed 64-bit integer

    def to_url(self, value):
        return str(value)


register_converter(YearConverter, "year")
register_converter(PkConverter, "pk")

app_name = "pressroom"

urlpatterns = [
    path("", views.release_list, name="list"),
    path("<year:year>/", views.release_list, name="year"),
    path("<year:year>/<slug:slug>/", views.release_detail, name="detail"),
    path("themen/<slug:slug>/", views.release_list, name="topic"),
    path("themen/<slug:slug>/feed/", feeds.TopicFeed(), name="topic_feed"),
    path("themen/<slug:slug>/atom/", feeds.TopicAtomFeed(), name="topic_atom"),
    path("serien/<slug:slug>/", views.series_detail, name="series"),
    path("serien/<slug:slug>/feed/", feeds.SeriesFeed(), name="series_feed"),
    path("serien/<slug:slug>/atom/", feeds.SeriesAtomFeed(), name="series_atom"),
    path("medien/<pk:pk>/", views.media_detail, name="media"),
    path("feed/", feeds.ReleaseFeed(), name="feed"),
    path("atom/", feeds.ReleaseAtomFeed(), name="atom"),
    path("sperrfrist/<str:token>/", views.embargo, name="embargo"),
    path("vorschau/<pk:pk>/", views.release_preview, name="preview"),
    path("<year:year>/<slug:slug>/medienpaket.zip", extras_views.media_kit, name="media_kit"),
    path("serien/<slug:slug>/kalender.ics", extras_views.series_calendar, name="series_calendar"),
    # E-mail subscriptions (pressroom/subscription_views.py)
    path("abonnieren/", subscription_views.subscribe, name="subscribe"),
    path("abonnieren/danke/", subscription_views.subscribe_sent, name="subscribe_sent"),
    path(
        "serien/<slug:slug>/abonnieren/",
        subscription_views.subscribe,
        {"kind": "series"},
        name="subscribe_series",
    ),
    path(
        "themen/<slug:slug>/abonnieren/",
        subscription_views.subscribe,
        {"kind": "topic"},
        name="subscribe_topic",
    ),
    path("abonnement/bestaetigen/<str:token>/", subscription_views.confirm, name="confirm"),
    path("abonnement/<str:token>/", subscription_views.manage, name="manage"),
    path("abonnement/<str:token>/abmelden/", subscription_views.unsubscribe, name="unsubscribe"),
]
