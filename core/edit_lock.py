"""Optimistic locking for admin change forms: a stale save is refused, with the diff.

Every save of an ``EditVersioned`` row raises its ``edit_version`` in the
database (``edit_version + 1``, not a value the instance carried, so a
restored old version cannot bring back an old number). The change form sends
the number it was built on; if the row has moved on since, the save is
refused with the fields the other person changed (from django-reversion's
versions, which store ``edit_version`` with every revision). The page then
carries the new number, so saving again overwrites knowingly.

We chose a version field over django-concurrency: one column and one form
check, no triggers, and the diff needs reversion anyway.
"""

from django import forms
from django.contrib.admin.utils import unquote
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .admin_fields import polish_fields
from .field_diff import changes, row_state

LOCK_FIELD = "lock_version"


class EditVersioned(models.Model):
    edit_version = models.PositiveIntegerField(
        gettext_lazy("Bearbeitungsstand"), default=0, editable=False
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding:
            return super().save(*args, **kwargs)
        self.edit_version = F("edit_version") + 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "edit_version"}
        super().save(*args, **kwargs)
        # The expression must not stay on the instance (reversion serializes it next).
        stored = type(self)._base_manager.filter(pk=self.pk).values_list("edit_version", flat=True)
        self.edit_version = stored.first() or 0


def sent_version(data) -> int | None:
    try:
        return int(data.get(LOCK_FIELD, ""))
    except (TypeError, ValueError):
        return None


class EditLockForm:
    """Mixed into an admin's ModelForm by ``EditLockAdminMixin.get_form``."""

    draft_preview = False  # a restored draft is shown, never saved on that request
    lock_base = None  # restoring a version: the row's number before the revert

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lock_number = self.instance.edit_version if self.instance.pk else None
        if self.lock_base is not None:
            self.lock_number = self.lock_base
        if self.is_bound and (sent := sent_version(self.data)) is not None:
            self.lock_number = sent
        # A form field so that it survives every round trip; the template renders
        # it by hand (it is in no fieldset) with ``lock_number``. Not called
        # ``lock_version``: in a template ``form.lock_version`` is the bound
        # field (dictionary lookup wins), whose HTML would become the value.
        self.fields[LOCK_FIELD] = forms.IntegerField(
            required=False, widget=forms.HiddenInput, initial=self.lock_number
        )
        polish_fields(self)

    def is_valid(self):
        valid = super().is_valid()
        return valid and not self.draft_preview

    def clean(self):
        cleaned = super().clean()
        self._check_lock()
        return cleaned

    def _check_lock(self):
        instance = self.instance
        sent = sent_version(self.data)
        if instance.pk is None or instance._state.adding or sent is None:
            return  # a new row, or a client that does not take part (scripts)
        rows = type(instance)._base_manager.select_for_update().filter(pk=instance.pk)
        current = rows.values_list("edit_version", flat=True).first()
        if self.lock_base is not None:
            current = self.lock_base
        if current is None or current == sent:
            return
        # The page now carries the current number: a second save overwrites knowingly.
        self.lock_number = current
        self.data = self.data.copy()
        self.data[LOCK_FIELD] = str(current)
        fresh = type(instance)._base_manager.get(pk=instance.pk)
        base = version_with(fresh, sent)
        taken = self._take_theirs(base, fresh) if base else []
        raise forms.ValidationError(conflict_message(fresh, base, taken))

    def _take_theirs(self, base, fresh) -> list[str]:
        """Text fields the other person changed and this form left as it loaded them
        now show the other person's text: saving again must not quietly undo it."""
        taken = []
        for change in changes(type(fresh), base.field_dict, row_state(fresh)):
            field = self.fields.get(change.name)
            if not isinstance(field, forms.CharField) or change.name not in self.data:
                continue
            loaded = base.field_dict.get(change.name) or ""
            if (self.cleaned_data.get(change.name) or "") == loaded:
                self.data[change.name] = getattr(fresh, change.name) or ""
                taken.append(change.label)
        return taken


def version_with(obj, edit_version):
    """The newest stored revision of ``obj`` at ``edit_version`` (or None)."""
    from reversion.models import Version

    for version in Version.objects.get_for_object(obj).select_related("revision__user")[:200]:
        if version.field_dict.get("edit_version") == edit_version:
            return version
    return None


def conflict_message(fresh, base, taken=()) -> str:
    """What the other person changed (from the version this form was built on)."""
    from reversion.models import Version

    model = type(fresh)
    latest = Version.objects.get_for_object(fresh).select_related("revision__user").first()
    who = _("jemand anderes")
    when = ""
    if latest is not None:
        if latest.revision.user:
            who = latest.revision.user.get_full_name() or latest.revision.user.get_username()
        when = timezone.localtime(latest.revision.date_created).strftime("%d.%m.%Y, %H:%M Uhr")
    found = changes(model, base.field_dict, row_state(fresh)) if base else []
    if found:
        listed = "; ".join(f"{c.label}: „{_short(c.before)}“ → „{_short(c.after)}“" for c in found)
    else:
        listed = _("welche Felder, lässt sich nicht mehr feststellen")
    message = _(
        "Nicht gesichert: %(who)s hat diesen Eintrag inzwischen geändert (%(when)s). "
        "Geändert: %(fields)s. Ihre Eingaben stehen unten noch. Übernehmen Sie die "
        "Änderungen der anderen Person in Ihren Text; wenn Sie jetzt erneut sichern, "
        "überschreiben Sie sie."
    ) % {"who": who, "when": when or "–", "fields": listed}
    if taken:
        message += " " + _(
            "Schon übernommen, weil Sie diese Felder nicht geändert hatten: %(fields)s."
        ) % {"fields": ", ".join(taken)}
    return message


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class EditLockAdminMixin:
    """Put before ``VersionAdmin``/``ModelAdmin`` in the bases of an admin whose
    model is ``EditVersioned``. Also marks the admin for autosaved drafts and the
    editing script (session warning, unsaved-changes warning)."""

    autosave = True

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        attrs = {
            "draft_preview": bool(getattr(request, "draft_preview", False)),
            "lock_base": getattr(request, "lock_base", None),
        }
        return type(form.__name__, (EditLockForm, form), attrs)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # The revert happens before the form is built (and, on GET, with the
        # signals muted): the lock compares with the row as it was before it.
        from reversion.models import Version

        current = self.model._base_manager.filter(pk=unquote(object_id)).first()
        request.lock_base = current.edit_version if current else None
        extra_context = dict(extra_context or {})
        version = Version.objects.filter(pk=version_id, object_id=str(unquote(object_id))).first()
        if current is not None and version is not None:
            # Field by field, per language: what restoring would change.
            extra_context["version_changes"] = changes(
                self.model, row_state(current), version.field_dict
            )
        return super().revision_view(request, object_id, version_id, extra_context)

    @property
    def media(self):
        return super().media + forms.Media(
            js=["js/admin-editing.js", "js/admin-translations.js", "js/admin-a11y.js"],
            css={"all": ["css/admin-desk.css"]},
        )


def _raw_save_moves_version(sender, instance, raw, **kwargs):
    """django-reversion restores a version with a raw save (no ``save()``): it must
    still move the number on, or an old number would become valid again."""
    if not raw or not isinstance(instance, EditVersioned):
        return
    stored = sender._base_manager.filter(pk=instance.pk).values_list("edit_version", flat=True)
    current = stored.first()
    if current is not None:
        instance.edit_version = current + 1


models.signals.pre_save.connect(_raw_save_moves_version, dispatch_uid="edit_lock_raw_save")
