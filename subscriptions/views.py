"""Subscribe, confirm, manage, unsubscribe. Only the form page sets a CSRF cookie.

Confirm, manage and unsubscribe are authorised by their signed token, not by
a session, so they need no cookie: they are CSRF-exempt POST endpoints
(RFC 8058 one-click unsubscribe must work without one anyway).
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from core import ratelimit
from core.robots import noindex
from locations.models import Municipality
from pressroom.models import Series, Topic

from . import opt_in
from .forms import SubscribeForm
from .models import Subscription

RATE_LIMIT = 5  # subscription requests per client …
RATE_WINDOW = 60 * 60  # … per hour
TOO_MANY = _(
    "Sie haben in kurzer Zeit sehr viele Anfragen geschickt. Bitte versuchen Sie es später noch einmal."
)


def _target(kind: str | None, slug: str | None, ags: str | None = None):
    if kind == Subscription.Scope.SERIES:
        return {"scope": kind, "series": get_object_or_404(Series.objects.public(), slug=slug)}
    if kind == Subscription.Scope.TOPIC:
        return {"scope": kind, "topic": get_object_or_404(Topic, slug=slug)}
    if kind == Subscription.Scope.TOWN:
        return {"scope": kind, "municipality": get_object_or_404(Municipality, ags=ags)}
    return {"scope": Subscription.Scope.ALL}


@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request, kind=None, slug=None, ags=None):
    target = _target(kind, slug, ags)
    ctx = {"target": target.get("series") or target.get("topic") or target.get("municipality")}
    if request.method != "POST":
        form = SubscribeForm(initial={"language": get_language()})
        return render(request, "subscriptions/pages/form.html", {**ctx, "form": form})
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return render(request, "subscriptions/pages/form.html", {**ctx, "form": form})
    if form.is_spam():  # bots get the same answer, but nothing is stored or sent
        return redirect("subscriptions:subscribe_sent")
    # Save first, limit second (the limiter fails open when its store is down):
    # over the limit the request is logged but no confirmation mail goes out.
    limited = ratelimit.rate_limited(request, "subscribe", RATE_LIMIT, RATE_WINDOW)
    data = form.cleaned_data
    opt_in.request(
        data["email"],
        language=data["language"],
        frequency=data["frequency"],
        send=not limited,
        **target,
    )
    if limited:
        form.add_error(None, TOO_MANY)
        ctx["form"] = form
        return render(request, "subscriptions/pages/form.html", ctx, status=429)
    return redirect("subscriptions:subscribe_sent")


@require_safe
def subscribe_sent(request):
    """The same answer for new, pending and already confirmed addresses."""
    return render(request, "subscriptions/pages/sent.html")


@noindex
@never_cache
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET shows a button, POST confirms: link scanners that prefetch do not subscribe anyone."""
    subscription, expired = Subscription.from_confirm_token(token)
    if expired:
        return render(request, "subscriptions/pages/expired.html", status=410)
    if subscription is None or subscription.state == Subscription.State.UNSUBSCRIBED:
        raise Http404  # unsubscribed since: an old link must not re-subscribe
    done = subscription.state == Subscription.State.CONFIRMED
    if request.method == "POST" and not done:
        done = opt_in.confirm(subscription)
    ctx = {"subscription": subscription, "done": done, "token": token}
    return render(request, "subscriptions/pages/confirm.html", ctx)


def _from_manage_token(token) -> Subscription:
    subscription = Subscription.from_manage_token(token)
    if subscription is None:
        raise Http404
    return subscription


@noindex
@never_cache
@require_safe
def manage(request, token):
    subscription = _from_manage_token(token)
    ctx = {"subscription": subscription, "token": token}
    return render(request, "subscriptions/pages/manage.html", ctx)


@noindex
@never_cache
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """RFC 8058: a POST (body ``List-Unsubscribe=One-Click``) unsubscribes at once."""
    subscription = _from_manage_token(token)
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        opt_in.unsubscribe(subscription, "one-click" if one_click else "web")
    ctx = {"subscription": subscription, "token": token}
    return render(request, "subscriptions/pages/unsubscribe.html", ctx)
