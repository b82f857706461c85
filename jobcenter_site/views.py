from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from .charts import bar_charts, number_sources
from .feedback import FeedbackForm, forward, rate_limited, same_site_path
from .models import Figure, Page, SignLanguageVideo
from .search import MAX_QUERY_LENGTH, clean_query, run_search

SEARCH_PER_PAGE = 10


@require_safe
def home(request):
    figures = list(Figure.objects.filter(on_home=True))
    ctx = {"figures": figures, "sources": number_sources(figures)}
    return render(request, "jobcenter_site/home.html", ctx)


def _figures_context():
    figures = list(Figure.objects.all())
    sources = number_sources(figures)
    return {"figures": figures, "sources": sources, "charts": bar_charts(figures)}


def _sign_language_context():
    return {"videos": SignLanguageVideo.objects.filter(is_active=True)}


# Pages with more than text: their template and extra data, keyed by slug.
PAGE_EXTRAS = {Page.FIGURES: _figures_context, Page.SIGN_LANGUAGE: _sign_language_context}


@require_safe
def page_detail(request, slug):
    """An information page; `jobcenter_site/page_<slug>.html` may extend the default."""
    page = get_object_or_404(Page, slug=slug)
    ctx = {"page": page, "page_languages": page.languages()}
    if extra := PAGE_EXTRAS.get(slug):
        ctx.update(extra())
    templates = [f"jobcenter_site/page_{slug}.html", "jobcenter_site/page_detail.html"]
    return render(request, templates, ctx)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Suchbegriff"), required=False, max_length=MAX_QUERY_LENGTH)


@require_safe
def search(request):
    form = SearchForm(request.GET)
    query, hits = "", []
    if form.is_valid():
        query = clean_query(form.cleaned_data["q"])
        hits = run_search(query) if query else []
    page_obj = Paginator(hits, SEARCH_PER_PAGE).get_page(request.GET.get("page"))
    ctx = {"form": form, "query": query, "page_obj": page_obj, "count": len(hits)}
    return render(request, "jobcenter_site/search.html", ctx)


@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def feedback(request):
    """The BITVNRW § 5 form; the only public page with a CSRF cookie."""
    host = request.get_host()
    if request.method != "POST":
        came_from = request.GET.get("seite") or request.headers.get("referer", "")
        form = FeedbackForm(initial={"page_url": same_site_path(came_from, host)}, host=host)
        return render(request, "jobcenter_site/feedback_form.html", {"form": form})
    form = FeedbackForm(request.POST, host=host)
    if not form.is_valid():
        return render(request, "jobcenter_site/feedback_form.html", {"form": form})
    if rate_limited(request):
        form.add_error(
            None,
            _(
                "Sie haben in kurzer Zeit sehr viele Meldungen geschickt. Bitte versuchen Sie es später noch einmal oder schreiben Sie uns eine E-Mail."
            ),
        )
        return render(request, "jobcenter_site/feedback_form.html", {"form": form}, status=429)
    if not form.is_spam():  # bots get the same answer, but nothing is stored
        report = form.save(commit=False)
        report.language = get_language() or settings.LANGUAGE_CODE
        report.save()
        forward(report)
    return redirect("feedback_done")


@require_safe
def feedback_done(request):
    return render(request, "jobcenter_site/feedback_done.html")


@require_safe
@never_cache
def healthz(request):
    """200 with a JSON body when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def bench_trivial(request):
    """The benchmark's baseline: the full middleware stack, no template, no query."""
    return HttpResponse("ok", content_type="text/plain")
