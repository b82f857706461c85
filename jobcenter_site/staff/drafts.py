"""Nothing typed in an admin form is lost: autosaved drafts and expired-session POSTs.

- The editing script (static/js/admin-editing.js) posts the form's fields
  every 15 seconds while they changed; ``save_draft`` keeps one draft per
  user and form path. Autosaves do not extend the session (the security
  timeout stays 30 idle minutes); "Sitzung verlängern" does.
- Without JavaScript: a change-form POST that arrives after the session
  expired is stored before the redirect to the login page. If the expired
  session row still names its user, the draft is theirs; otherwise a signed
  cookie on the admin path holds the draft's id and the next user to log in
  on that browser gets it.
- After login the change form offers the draft ("wiederherstellen" shows it
  bound and unsaved; "verwerfen" deletes it). A successful save deletes it.
"""

import json

from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.sessions.models import Session
from django.core import signing
from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import Http404, HttpResponseBadRequest, JsonResponse, QueryDict
from django.shortcuts import redirect
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

COOKIE = "jc_entwurf"
COOKIE_SALT = "jobcenter.drafts"
COOKIE_AGE = 24 * 3600
MAX_BYTES = 1_000_000  # a release with six languages is far below this
# Never kept: tokens and secrets that must not outlive the request.
SKIPPED = {"csrfmiddlewaretoken", "password", "otp_token"}


class FormDraft(models.Model):
    class Kind(models.TextChoices):
        AUTOSAVE = "autosave", _("automatisch gesichert")
        EXPIRED = "expired", _("nach Ablauf der Sitzung abgeschickt")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Benutzer"),
    )
    path = models.CharField(_("Formular"), max_length=300)
    data = models.JSONField(_("Eingaben"))
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices)
    saved_at = models.DateTimeField(_("gesichert am"), default=timezone.now)

    class Meta:
        verbose_name = _("Formular-Entwurf")
        verbose_name_plural = _("Formular-Entwürfe")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "path"],
                condition=models.Q(user__isnull=False),
                name="one_draft_per_user_and_form",
            )
        ]

    def __str__(self):
        return f"{self.path} ({self.saved_at:%d.%m.%Y %H:%M})"

    def as_querydict(self) -> QueryDict:
        data = QueryDict(mutable=True)
        for name, values in self.data.items():
            data.setlist(name, [str(v) for v in values])
        return data


def cleaned_fields(pairs) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, values in pairs:
        if name in SKIPPED or not isinstance(name, str):
            continue
        if not isinstance(values, list):
            values = [values]
        data[name] = [v for v in values if isinstance(v, str)]
    return data


def keep(user, path: str, data: dict, kind: str) -> FormDraft:
    draft, _created = FormDraft.objects.update_or_create(
        user=user, path=path, defaults={"data": data, "kind": kind, "saved_at": timezone.now()}
    )
    return draft


def draft_for(request) -> FormDraft | None:
    if not request.user.is_authenticated:
        return None
    return FormDraft.objects.filter(user=request.user, path=request.path).first()


def is_editing_view(view) -> bool:
    """An add/change view of an admin that takes part (core.edit_lock.EditLockAdminMixin)."""
    model_admin = getattr(view, "__self__", None)
    return getattr(model_admin, "autosave", False) and view.__name__ in ("add_view", "change_view")


def editable_admin_path(path: str) -> bool:
    if not path.startswith(settings.ADMIN_URL_PREFIX) or len(path) > 300:
        return False
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return bool(match.url_name) and match.url_name.endswith(("_add", "_change"))


# --- the expired session's POST ---------------------------------------------


def keep_expired_post(request, response):
    """Called by the admin site when a change-form POST meets an expired session."""
    data = cleaned_fields(request.POST.lists())
    if not data or len(json.dumps(data)) > MAX_BYTES:
        return response
    owner = _expired_session_user(request)
    if owner is not None:
        keep(owner, request.path, data, FormDraft.Kind.EXPIRED)
        return response
    draft = FormDraft.objects.create(
        user=None, path=request.path, data=data, kind=FormDraft.Kind.EXPIRED
    )
    response.set_cookie(
        COOKIE,
        signing.dumps(draft.pk, salt=COOKIE_SALT),
        max_age=COOKIE_AGE,
        path=settings.ADMIN_URL_PREFIX,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def _expired_session_user(request):
    """The user of the session the browser still sends, even though it expired."""
    from django.contrib.auth import get_user_model

    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME, "")
    row = Session.objects.filter(session_key=key).first() if key else None
    if row is None:
        return None
    user_id = row.get_decoded().get("_auth_user_id")
    return get_user_model().objects.filter(pk=user_id, is_active=True, is_staff=True).first()


def claim_cookie_draft(request) -> bool:
    """Give the cookie's ownerless draft to the logged-in user; True if a cookie was read."""
    value = request.COOKIES.get(COOKIE)
    if not value:
        return False
    try:
        pk = signing.loads(value, salt=COOKIE_SALT, max_age=COOKIE_AGE)
    except signing.BadSignature:
        return True
    draft = FormDraft.objects.filter(pk=pk, user__isnull=True).first()
    if draft is not None:
        FormDraft.objects.filter(user=request.user, path=draft.path).delete()
        draft.user = request.user
        draft.save(update_fields=["user"])
    return True


# --- endpoints (wrapped in admin_view by the site) -------------------------


@require_POST
def save_draft(request):
    try:
        payload = json.loads(request.body[:MAX_BYTES].decode())
        path, fields = payload["path"], payload["data"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return HttpResponseBadRequest("bad draft")
    if not isinstance(path, str) or not isinstance(fields, dict) or not editable_admin_path(path):
        return HttpResponseBadRequest("bad draft")
    draft = keep(request.user, path, cleaned_fields(fields.items()), FormDraft.Kind.AUTOSAVE)
    return JsonResponse({"saved_at": timezone.localtime(draft.saved_at).strftime("%H:%M")})


@require_POST
def discard_draft(request, pk):
    deleted, _rows = FormDraft.objects.filter(pk=pk, user=request.user).delete()
    if not deleted:
        raise Http404
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("admin:index")
    return redirect(back)


@require_POST
def extend_session(request):
    """Any admin request moves the session's expiry on (AdminSessionMiddleware)."""
    return JsonResponse({"seconds": settings.SESSION_COOKIE_AGE})


@receiver(post_save, sender=LogEntry)
def saved_form_needs_no_draft(sender, instance, created, **kwargs):
    """A successful add/change (the admin logs it) makes the form's draft obsolete."""
    if not created or instance.action_flag not in (ADDITION, CHANGE):
        return
    model = instance.content_type.model_class() if instance.content_type_id else None
    if model is None:
        return
    opts = model._meta
    paths = []
    for name, args in (("add", []), ("change", [instance.object_id])):
        try:
            paths.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=args))
        except NoReverseMatch:
            continue
    FormDraft.objects.filter(user_id=instance.user_id, path__in=paths).delete()
