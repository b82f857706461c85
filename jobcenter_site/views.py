import logging
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from core.memo import per_generation
from core.robots import mark_noindex
from core.terms import TERM_CHANGES
from core.tz import BERLIN

from . import health
from .charts import bar_charts, number_sources
from .faults import DATABASE_DOWN
from .feedback import FeedbackForm, forward, forward_unsaved, rate_limited, same_site_path
from .metadata import home_json_ld
from .models import Figure, Page, SignLanguageVideo
from .search import BY_KIND, MAX_QUERY_LENGTH, clean_query, names_the_benefit, parse, run_search

SEARCH_PER_PAGE = 10
logger = logging.getLogger(__name__)


# Key figures older than this are marked as old on the home page.
FIGURES_STALE_AFTER = timedelta(days=365)
NOT_SAVED_MESSAGE = _(
    "Ihre Meldung konnte wegen einer technischen Störung gerade nicht gespeichert werden. "
    "Ihr Text steht noch unten im Formular: Bitte senden Sie ihn in einigen Minuten noch "
    "einmal ab oder schicken Sie ihn per E-Mail an %(email)s."
)


@per_generation
def _home_context() -> dict:
    """The home page's figures and structured data (memoised: core.memo)."""
    figures = list(Figure.objects.filter(on_home=True))
    as_of = max((f.as_of for f in figures if f.as_of), default=None)
    return {
        "figures": figures,
        "sources": number_sources(figures),
        "json_ld": home_json_ld(),
        "figures_as_of": as_of,
    }


@require_safe
def home(request):
    ctx = dict(_home_context())
    today = timezone.now().astimezone(BERLIN).date()  # "old" is today's verdict, not the memo's
    as_of = ctx["figures_as_of"]
    ctx["figures_are_old"] = as_of is not None and today - as_of > FIGURES_STALE_AFTER
    return render(request, "jobcenter_site/home.html", ctx)


@require_safe
def glossary(request):
    """Begriffe: what the benefit is called now and was called before, with sources."""
    return render(request, "jobcenter_site/glossary.html", {"changes": TERM_CHANGES})


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


def _filters(request) -> tuple[str | None, int | None]:
    """Kind and year from the URL; anything else is ignored, never an error."""
    kind = request.GET.get("art")
    year = request.GET.get("jahr", "")
    year = int(year) if year.isascii() and year.isdigit() and 1900 < int(year) < 2200 else None
    return (kind if kind in BY_KIND else None), year


@require_safe
def search(request):
    form = SearchForm(request.GET)
    query, result, years = "", None, []
    kind, year = _filters(request)
    if form.is_valid():
        query = clean_query(form.cleaned_data["q"])
    if query:
        result = run_search(query, kind=kind, year=year)
        years = result.release_years() or ([year] if year else [])
    hits = result.hits if result else []
    page_obj = Paginator(hits, SEARCH_PER_PAGE).get_page(request.GET.get("page"))
    ctx = {
        "form": form,
        "query": query,
        "result": result,
        "kind": result.kind if result else kind,
        "year": year,
        "years": years,
        "kinds": BY_KIND,
        "page_obj": page_obj,
        "page_groups": _grouped(page_obj.object_list),
        "count": len(hits),
        # Someone asking for "Hartz IV" or "Bürgergeld" first learns today's name.
        "glossary_first": bool(query) and names_the_benefit(parse(query)),
    }
    searched = "q" in request.GET  # a result page answers one query: not for crawlers
    response = render(request, "jobcenter_site/search.html", {**ctx, "searched": searched})
    return mark_noindex(response) if searched else response


def _grouped(hits) -> list[tuple[str, list]]:
    """The page's hits under their kind's heading, in order."""
    groups = []
    for hit in hits:
        if not groups or groups[-1][0] != hit.label:
            groups.append((hit.label, []))
        groups[-1][1].append(hit)
    return groups


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
    if form.is_spam():  # bots get the same answer, but nothing is stored
        return redirect("feedback_done")
    # Save first, limit second: a report is never lost, not even to a limiter
    # whose store is down (it fails open). Over the limit the report stays
    # stored and unmailed (send_pending_feedback mails it later).
    report = form.save(commit=False)
    report.language = get_language() or settings.LANGUAGE_CODE
    try:
        report.save()
    except DATABASE_DOWN:
        # QA 3: a generic 503 lost the report. Mail it as it is; if even that
        # fails, the form comes back with the text, saying so.
        logger.error("Database unavailable: feedback not stored, mailing it directly")
        if forward_unsaved(report):
            return redirect("feedback_done")
        form.add_error(None, NOT_SAVED_MESSAGE % {"email": settings.FEEDBACK_EMAIL})
        context = {"form": form, "not_saved": True}
        response = render(request, "jobcenter_site/feedback_form.html", context, status=503)
        response["Retry-After"] = "60"
        return response
    if rate_limited(request):
        logger.warning(
            "Feedback %s from a client over the rate limit: stored, not mailed", report.pk
        )
        return render(request, "jobcenter_site/feedback_done.html", {"throttled": True}, status=429)
    forward(report)
    return redirect("feedback_done")


@require_safe
def feedback_done(request):
    return render(request, "jobcenter_site/feedback_done.html")


@require_safe
@never_cache
def healthz(request):
    """200 when the database answers within a second, else 503 (health.py)."""
    if not health.database_answers():
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
def robots_txt(request):
    sitemap_url = settings.SITE_URL + "/sitemap.xml"  # never the request's Host (or port)
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """/favicon.ico, which browsers and feed readers ask for without reading the page."""
    response = redirect(static("img/favicon.ico"))
    response["Cache-Control"] = "public, max-age=86400"
    return response


def bench_trivial(request):
    """The benchmark's baseline: the full middleware stack, no template, no query."""
    return HttpResponse("ok", content_type="text/plain")
