"""The date range an office's own closure and a county-wide closure share."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def ends_after_start(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name=name)


class DateRange(models.Model):
    """From one day to another (the same day for a single day), with the reason shown."""

    starts_on = models.DateField(_("von"))
    ends_on = models.DateField(_("bis"), help_text=_("Bei einem einzelnen Tag gleich „von“."))

    class Meta:
        abstract = True
        ordering = ["starts_on"]

    def __str__(self):
        return f"{self.starts_on:%d.%m.%Y}–{self.ends_on:%d.%m.%Y}: {self.reason}"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("„bis“ darf nicht vor „von“ liegen.")})
