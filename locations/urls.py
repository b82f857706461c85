from django.urls import path

from . import views

app_name = "locations"

urlpatterns = [
    path("", views.office_list, name="list"),
    path("finden/", views.finder, name="finder"),
    path("finden/vorschlaege/", views.finder_suggestions, name="suggestions"),
    path("kontakte/<int:pk>/vcard/", views.contact_vcard, name="contact_vcard"),
    path("<slug:slug>/", views.office_detail, name="detail"),
    path("<slug:slug>/aushang/", views.office_notice, name="notice"),
    path("<slug:slug>/vcard/", views.office_vcard, name="vcard"),
    path("<slug:slug>/schliessungen.ics", views.closures_calendar, name="closures_calendar"),
]
