"""Extra admin pages of the release admin: the desk and "zurückgeben"."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import approval, desk
from .models import PressRelease
from .publishing import can_publish


def desk_view(model_admin, request):
    if not model_admin.has_view_or_change_permission(request):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Pressestelle heute"),
        "sections": desk.sections(user=request.user),
        "now": timezone.now(),
        "media": model_admin.media,
    }
    return TemplateResponse(request, "admin/pressroom/desk.html", context)


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label=_("Was fehlt oder ist zu ändern?"),
        widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "true"}),
        max_length=2000,
    )


def send_back_view(model_admin, request, object_id):
    """A publisher returns a release that waits for approval, with a comment."""
    import reversion

    release = get_object_or_404(PressRelease, pk=object_id)
    if not can_publish(request.user) or release.status != PressRelease.Status.READY:
        raise PermissionDenied
    form = SendBackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        comment = form.cleaned_data["comment"]
        with reversion.create_revision():
            release.status = PressRelease.Status.DRAFT
            release.save()
            reversion.set_user(request.user)
            reversion.set_comment(f"{_('Zurückgegeben')}: {comment}")
        sent = approval.notify_sent_back(release, request.user, comment)
        messages.success(
            request,
            _("Zurückgegeben, Status „Entwurf“. Benachrichtigt: %(n)s") % {"n": sent},
        )
        return redirect("admin:pressroom_pressrelease_change", release.pk)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Zurückgeben: %(title)s") % {"title": release},
        "form": form,
        "release": release,
        "opts": PressRelease._meta,
    }
    return TemplateResponse(request, "admin/pressroom/send_back.html", context)


class WithdrawCorrectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Warum wird die Korrektur zurückgezogen?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "true"}),
    )


def withdraw_correction_view(model_admin, request, correction_id):
    """Withdrawing a public correction: publishers only, with a reason, logged."""
    import reversion

    from .models import Correction

    correction = get_object_or_404(Correction.objects.select_related("release"), pk=correction_id)
    if not can_publish(request.user) or correction.withdrawn_at:
        raise PermissionDenied
    form = WithdrawCorrectionForm(request.POST or None)
    release = correction.release
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        correction.withdrawn_at = timezone.now()
        correction.withdrawn_reason = reason
        correction.save(update_fields=["withdrawn_at", "withdrawn_reason"])
        message = f"{_('Korrektur zurückgezogen')} ({correction}): {reason}"
        with reversion.create_revision():
            release.save()
            reversion.set_user(request.user)
            reversion.set_comment(message)
            model_admin.log_change(request, release, message)  # the admin's log
        messages.success(request, message)
        return redirect("admin:pressroom_pressrelease_change", release.pk)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Korrektur vom %(date)s zurückziehen") % {"date": correction},
        "form": form,
        "release": release,
        "correction": correction,
        "opts": PressRelease._meta,
    }
    return TemplateResponse(request, "admin/pressroom/withdraw_correction.html", context)
