from django.urls import path

from . import service_views

app_name = "services"

urlpatterns = [
    path("", service_views.service_list, name="list"),
    path("<slug:slug>/", service_views.service_detail, name="detail"),
]
