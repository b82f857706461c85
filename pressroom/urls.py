from django.urls import path

from . import feeds, views

app_name = "pressroom"

urlpatterns = [
    path("", views.release_list, name="list"),
    path("<int:year>/", views.release_list, name="year"),
    path("<int:year>/<slug:slug>/", views.release_detail, name="detail"),
    path("themen/<slug:slug>/", views.release_list, name="topic"),
    path("themen/<slug:slug>/feed/", feeds.TopicFeed(), name="topic_feed"),
    path("themen/<slug:slug>/atom/", feeds.TopicAtomFeed(), name="topic_atom"),
    path("serien/<slug:slug>/", views.series_detail, name="series"),
    path("serien/<slug:slug>/feed/", feeds.SeriesFeed(), name="series_feed"),
    path("serien/<slug:slug>/atom/", feeds.SeriesAtomFeed(), name="series_atom"),
    path("medien/<int:pk>/", views.media_detail, name="media"),
    path("feed/", feeds.ReleaseFeed(), name="feed"),
    path("atom/", feeds.ReleaseAtomFeed(), name="atom"),
    path("sperrfrist/<str:token>/", views.embargo, name="embargo"),
    path("vorschau/<int:pk>/", views.release_preview, name="preview"),
]
