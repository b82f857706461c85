"""County-wide closures: one entry by the county staff closes all offices, or a chosen set.

An office's *effective* closures are its own plus the county-wide ones that
apply to it; "open now", the office pages, the finder answer, JSON-LD and the
closures calendar all read that one list (attach_closures).
"""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from .date_ranges import DateRange, ends_after_start


class SharedClosureQuerySet(models.QuerySet):
    def applying_to(self, office):
        """Entries for all offices (none chosen) or naming this office."""
        return self.filter(models.Q(offices=None) | models.Q(offices=office)).distinct()


class SharedClosure(DateRange):
    reason = models.CharField(_("Grund"), max_length=200, help_text=_("z. B. „Heiligabend“"))
    offices = models.ManyToManyField(
        "locations.Office",
        blank=True,
        related_name="shared_closures",
        verbose_name=_("betroffene Standorte"),
        help_text=_("Leer lassen: gilt für alle Standorte."),
    )
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    objects = SharedClosureQuerySet.as_manager()

    # A county-wide entry closes for whole days; special hours are per office.
    special_opens = special_closes = None
    has_special_hours = False

    class Meta(DateRange.Meta):
        constraints = [ends_after_start("shared_closure_ends_after_start")]
        verbose_name = _("Kreisweite Schließung")
        verbose_name_plural = _("Kreisweite Schließungen")

    @property
    def uid(self) -> str:
        return f"kreisweite-schliessung-{self.pk}"


def attach_closures(offices, since: date) -> list:
    """Set office.effective_closures: own (prefetched) plus county-wide, ending on or after `since`.

    Two queries for any number of offices (the entries and their chosen offices).
    """
    shared = list(
        SharedClosure.objects.filter(ends_on__gte=since).prefetch_related(
            models.Prefetch("offices", queryset=_office_ids())
        )
    )
    chosen = {entry.pk: {o.pk for o in entry.offices.all()} for entry in shared}
    for office in offices:
        own = [c for c in office.closures.all() if c.ends_on >= since]
        applying = [e for e in shared if not chosen[e.pk] or office.pk in chosen[e.pk]]
        office.effective_closures = sorted(own + applying, key=lambda c: c.starts_on)
    return offices


def _office_ids():
    from .models import Office

    return Office.objects.only("pk")
