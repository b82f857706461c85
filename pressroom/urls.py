from django.urls import path, re_path

from . import downloads, feeds, ninjs_views, views

app_name = "pressroom"

urlpatterns = [
    path("", views.release_list, name="list"),
    path("<year:year>/", views.release_list, name="year"),
    path("<year:year>/<slug:slug>/", views.release_detail, name="detail"),
    path("<year:year>/<slug:slug>/ninjs.json", ninjs_views.release_item, name="ninjs"),
    path("ninjs.json", ninjs_views.newest_items, name="ninjs_list"),
    path("sperrfrist/<str:token>/ninjs.json", ninjs_views.embargo_item, name="embargo_ninjs"),
    path("themen/<slug:slug>/", views.release_list, name="topic"),
    path("themen/<slug:slug>/feed/", feeds.TopicFeed(), name="topic_feed"),
    path("themen/<slug:slug>/atom/", feeds.TopicAtomFeed(), name="topic_atom"),
    path("serien/<slug:slug>/", views.series_detail, name="series"),
    path("serien/<slug:slug>/feed/", feeds.SeriesFeed(), name="series_feed"),
    path("serien/<slug:slug>/atom/", feeds.SeriesAtomFeed(), name="series_atom"),
    # News per town, by the municipality's AGS (Amtlicher Gemeindeschlüssel, 8 digits).
    re_path(r"^orte/(?P<ags>[0-9]{8})/$", views.release_list, name="town"),
    re_path(r"^orte/(?P<ags>[0-9]{8})/feed/$", feeds.TownFeed(), name="town_feed"),
    re_path(r"^orte/(?P<ags>[0-9]{8})/atom/$", feeds.TownAtomFeed(), name="town_atom"),
    path("medien/<pk:pk>/", views.media_detail, name="media"),
    path("pressedienst/", views.press_service, name="service"),
    path("feed/", feeds.ReleaseFeed(), name="feed"),
    path("atom/", feeds.ReleaseAtomFeed(), name="atom"),
    path("sperrfrist/<str:token>/", views.embargo, name="embargo"),
    path("vorschau/<pk:pk>/", views.release_preview, name="preview"),
    path("<year:year>/<slug:slug>/medienpaket.zip", downloads.media_kit, name="media_kit"),
    path("serien/<slug:slug>/kalender.ics", downloads.series_calendar, name="series_calendar"),
]
