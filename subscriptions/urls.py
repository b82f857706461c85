"""Under the press room's prefix (/<lang>/presse/…), where the links in sent mails point."""

from django.urls import path, re_path

from . import views

app_name = "subscriptions"

urlpatterns = [
    path("abonnieren/", views.subscribe, name="subscribe"),
    path("abonnieren/danke/", views.subscribe_sent, name="subscribe_sent"),
    path(
        "serien/<slug:slug>/abonnieren/",
        views.subscribe,
        {"kind": "series"},
        name="subscribe_series",
    ),
    path(
        "themen/<slug:slug>/abonnieren/",
        views.subscribe,
        {"kind": "topic"},
        name="subscribe_topic",
    ),
    re_path(
        r"^orte/(?P<ags>[0-9]{8})/abonnieren/$",
        views.subscribe,
        {"kind": "town"},
        name="subscribe_town",
    ),
    path("abonnement/bestaetigen/<str:token>/", views.confirm, name="confirm"),
    path("abonnement/<str:token>/", views.manage, name="manage"),
    path("abonnement/<str:token>/abmelden/", views.unsubscribe, name="unsubscribe"),
]
