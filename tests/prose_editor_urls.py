"""A test-only admin page with the rich-text editor, for the CSP browser test.

The editor's models arrive with the pressroom and site apps; this page lets
the security branch check the widget under the admin's CSP before they do.
"""

from django import forms
from django.contrib import admin
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from core.richtext import RichTextField


class EditorForm(forms.Form):
    body = RichTextField().formfield(label="Text")


PAGE = """{% extends "admin/base_site.html" %}
{% block extrahead %}{{ block.super }}{% csp_nonce_attr form.media %}{% endblock %}
{% block content %}<form method="post">{{ form.as_div }}</form>{% endblock %}"""


def editor_page(request):
    context = {**admin.site.each_context(request), "title": "Editor", "form": EditorForm()}
    return HttpResponse(engines["django"].from_string(PAGE).render(context, request))


urlpatterns = [
    path("admin/editor-test/", editor_page),
    path("admin/", admin.site.urls),
]
