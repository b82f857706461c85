"""Translation freshness: which translations are unchecked, checked or outdated.

``track(Model, fields)`` (called next to the modeltranslation registration)
watches saves of Model:

- a translation that is written or changed becomes *ungeprüft* (unchecked);
- a material change of the German text (not markup, spacing or typographic
  quotes) makes every existing translation of that field *veraltet*
  (outdated) with the date of the change, until the translation is edited or
  a reviewer marks it *geprüft* in the admin.

The public side asks ``page_notice`` what to tell the reader and
``current_languages`` which languages may appear in hreflang/sitemap
alternates (outdated ones may not). Rows are created for loaddata too, so the
demo data has states from the start.
"""

import html
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.db.models.signals import post_save, pre_save
from django.utils import timezone

from .models import TranslationState

SOURCE = settings.LANGUAGE_CODE
# model label -> tracked field names
TRACKED: dict[str, tuple[str, ...]] = {}

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_TYPOGRAPHY = str.maketrans({"„": '"', "“": '"', "”": '"', "‚": "'", "‘": "'", "’": "'", "–": "-"})


def target_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != SOURCE]


def material(text: str | None) -> str:
    """The text as far as a translation depends on it: no markup, spacing or quote style."""
    text = html.unescape(_TAG.sub(" ", text or ""))
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)
    return _SPACE.sub(" ", text).strip()


def track(model, fields) -> None:
    """Watch saves of model; fields are its modeltranslation fields."""
    TRACKED[model._meta.label] = tuple(fields)
    uid = f"translation-state-{model._meta.label}"
    pre_save.connect(_remember_old, sender=model, dispatch_uid=uid)
    post_save.connect(_update_states, sender=model, dispatch_uid=uid)


def _columns(fields) -> list[str]:
    return [f"{field}_{code}" for field in fields for code, _name in settings.LANGUAGES]


def _remember_old(sender, instance, raw=False, **kwargs):
    fields = TRACKED[sender._meta.label]
    old = None
    if instance.pk is not None:
        old = sender._base_manager.filter(pk=instance.pk).values(*_columns(fields)).first()
    instance._translation_old = old or {}


def _update_states(sender, instance, raw=False, **kwargs):
    fields = TRACKED[sender._meta.label]
    old = getattr(instance, "_translation_old", {})
    now = timezone.now()
    ctype = ContentType.objects.get_for_model(sender)
    states = {
        (s.language, s.field): s
        for s in TranslationState.objects.filter(content_type=ctype, object_id=instance.pk)
    }
    instance._translation_states = None  # the cached states are stale now
    to_create, to_update, to_delete = [], [], []
    for field in fields:
        source_changed = bool(old) and material(old.get(f"{field}_{SOURCE}")) != material(
            getattr(instance, f"{field}_{SOURCE}", "")
        )
        for code in target_languages():
            value = getattr(instance, f"{field}_{code}", "") or ""
            state = states.get((code, field))
            if not value:  # nothing translated: the public side shows the marked German
                if state:
                    to_delete.append(state.pk)
                continue
            if state is None:
                state = TranslationState(
                    content_type=ctype, object_id=instance.pk, language=code, field=field
                )
                to_create.append(state)
            elif state not in to_update:
                to_update.append(state)
            if value != (old.get(f"{field}_{code}") or "") and not raw:
                state.status, state.translated_at = TranslationState.Status.UNCHECKED, now
                state.source_changed_at = state.reviewed_at = state.reviewed_by = None
            elif source_changed and state.status != TranslationState.Status.OUTDATED:
                state.status, state.source_changed_at = TranslationState.Status.OUTDATED, now
    if to_delete:
        TranslationState.objects.filter(pk__in=to_delete).delete()
    TranslationState.objects.bulk_create(to_create)
    TranslationState.objects.bulk_update(
        to_update, ["status", "translated_at", "source_changed_at", "reviewed_at", "reviewed_by"]
    )


def sync_all() -> int:
    """Create missing rows for content saved before tracking began; returns how many."""
    from django.apps import apps

    before = TranslationState.objects.count()
    for label in TRACKED:
        model = apps.get_model(label)
        for instance in model._base_manager.all():
            instance._translation_old = {}
            _update_states(model, instance, raw=True)
    return TranslationState.objects.count() - before


def states_of(obj) -> list[TranslationState]:
    """All states of obj, fetched once per instance (hreflang and notice both ask)."""
    if getattr(obj, "_translation_states", None) is None:
        ctype = ContentType.objects.get_for_model(type(obj))
        obj._translation_states = list(
            TranslationState.objects.filter(content_type=ctype, object_id=obj.pk)
        )
    return obj._translation_states


def _translated(obj) -> bool:
    """Whether some tracked field of obj has a translation (only then can it have states)."""
    fields = TRACKED.get(obj._meta.label, ())
    return any(getattr(obj, f"{f}_{code}", "") for f in fields for code in target_languages())


class Parts:
    """The tracked objects one public page shows (a service and its channels, an office
    with its hours and contacts): their states answer as one object's, so the notice
    and the alternates use the same rules as a single page. One query for all parts,
    none when no part is translated; the parts themselves are left untouched (they
    may be memoised and shared between requests)."""

    pk = "parts"  # not None: page_notice and current_languages ask about it

    def __init__(self, objects):
        self.objects = [o for o in objects if o is not None and o.pk is not None]
        self._states = None

    @property
    def _translation_states(self) -> list[TranslationState]:
        if self._states is None:
            self._states = _fetch_states([o for o in self.objects if _translated(o)])
        return self._states

    @_translation_states.setter
    def _translation_states(self, value):
        self._states = value


def _fetch_states(objects) -> list[TranslationState]:
    by_type: dict[type, list[int]] = {}
    for obj in objects:
        by_type.setdefault(type(obj), []).append(obj.pk)
    if not by_type:
        return []
    which = Q()
    for model, pks in by_type.items():
        which |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=pks)
    return list(TranslationState.objects.filter(which))


def current_languages(obj, codes: list[str]) -> list[str]:
    """codes without the languages in which some translated field of obj is outdated."""
    if obj.pk is None or all(code == SOURCE for code in codes):
        return codes  # nothing to ask the database about
    outdated = {s.language for s in states_of(obj) if s.status == TranslationState.Status.OUTDATED}
    return [code for code in codes if code not in outdated]


@dataclass(frozen=True)
class Notice:
    """What the reader of one object in one language needs to know."""

    unchecked: bool = False  # translated, not yet checked: the German version is binding
    source_changed_at: datetime | None = None  # German changed since the translation

    def __bool__(self):
        return self.unchecked or self.source_changed_at is not None


def page_notice(obj, language: str) -> Notice:
    """The notice for obj in language (nothing for German or untranslated content)."""
    if language == SOURCE or obj is None or obj.pk is None:
        return Notice()
    statuses = [(s.status, s.source_changed_at) for s in states_of(obj) if s.language == language]
    if not statuses:
        return Notice()
    changed = [when for status, when in statuses if status == TranslationState.Status.OUTDATED]
    unchecked = any(status != TranslationState.Status.CHECKED for status, _when in statuses)
    return Notice(unchecked=unchecked, source_changed_at=max(changed) if changed else None)


def outdated_object_ids(model) -> dict[str, set[int]]:
    """language -> ids of model's objects with an outdated translation (for desks, lists)."""
    rows = TranslationState.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        status=TranslationState.Status.OUTDATED,
    ).values_list("language", "object_id")
    result: dict[str, set[int]] = {}
    for language, object_id in rows:
        result.setdefault(language, set()).add(object_id)
    return result


def outdated_in(model, code: str) -> Exists:
    """SQL for "this row has an outdated translation in code" (sitemaps compute languages in SQL)."""
    return Exists(
        TranslationState.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id=OuterRef("pk"),
            language=code,
            status=TranslationState.Status.OUTDATED,
        )
    )
