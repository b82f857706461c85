"""Municipalities, their Jobcenter offices, opening hours, closures and contacts.

The bottom floor of the site: imports neither pressroom nor jobcenter_site.
Unknown facts stay empty (never invented); pages say so.
"""

from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.edit_lock import EditVersioned
from core.tz import BERLIN

from . import opening
from .date_ranges import DateRange, ends_after_start
from .groups import OFFICE_STAFF_GROUP

postcode_validator = RegexValidator(r"^\d{5}$", _("Eine Postleitzahl hat fünf Ziffern."))
ags_validator = RegexValidator(r"^\d{8}$", _("Der Gemeindeschlüssel (AGS) hat acht Ziffern."))
# "02861 681-100", "02568 9300-0": area code, space, number, optional extension.
phone_validator = RegexValidator(
    r"^0\d{2,5} \d{2,8}(-\d{1,5})?$",
    _("Bitte im Format „02861 681-100“ eingeben: Vorwahl, Leerzeichen, Rufnummer, ggf. Durchwahl."),
)


def is_local_office_staff(user) -> bool:
    """Members of "Standort-Redaktion" (or users assigned to an office) are limited to
    their own offices, unless they may edit all offices. Other staff (county, press
    office) are limited only by their ordinary model permissions."""
    if not hasattr(user, "_local_office_staff"):
        user._local_office_staff = not user.has_perm("locations.edit_all_offices") and (
            user.groups.filter(name=OFFICE_STAFF_GROUP).exists() or user.office_assignments.exists()
        )
    return user._local_office_staff


class Municipality(models.Model):
    class Kind(models.TextChoices):
        STADT = "stadt", _("Stadt")
        GEMEINDE = "gemeinde", _("Gemeinde")

    name = models.CharField(_("Name"), max_length=100, unique=True)
    slug = models.SlugField(_("Kurzname (URL)"), unique=True)
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices)
    ags = models.CharField(
        _("Amtlicher Gemeindeschlüssel"), max_length=8, unique=True, validators=[ags_validator]
    )
    area_codes = models.CharField(
        _("Vorwahlen"), max_length=100, blank=True, help_text=_("Durch Kommas getrennt.")
    )
    latitude = models.DecimalField(
        _("Breitengrad (Ortsmitte, ungefähr)"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
    )
    longitude = models.DecimalField(
        _("Längengrad (Ortsmitte, ungefähr)"), max_digits=8, decimal_places=5, null=True, blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("Stadt/Gemeinde")
        verbose_name_plural = _("Städte und Gemeinden")

    def __str__(self):
        return self.name


class Postcode(models.Model):
    code = models.CharField(
        _("Postleitzahl"), max_length=5, unique=True, validators=[postcode_validator]
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="postcodes",
        verbose_name=_("Stadt/Gemeinde"),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("Postleitzahl")
        verbose_name_plural = _("Postleitzahlen")

    def __str__(self):
        return self.code


class District(models.Model):
    """An Ortsteil, Stadtteil or Bauerschaft people give as their home, e.g. Epe (Gronau).

    The finder matches its name and every alternative form; a name that exists
    in two municipalities (Gemen, Estern, Büren …) makes the finder ask.
    """

    class Kind(models.TextChoices):
        ORTSTEIL = "ortsteil", _("Ortsteil")
        STADTTEIL = "stadtteil", _("Stadtteil")
        ORTSCHAFT = "ortschaft", _("Ortschaft")
        BAUERSCHAFT = "bauerschaft", _("Bauerschaft")

    name = models.CharField(_("Name"), max_length=100)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="districts",
        verbose_name=_("Stadt/Gemeinde"),
    )
    kind = models.CharField(
        _("Art"), max_length=12, choices=Kind.choices, default=Kind.ORTSTEIL, blank=True
    )
    postcodes = models.CharField(
        _("Postleitzahlen"),
        max_length=100,
        blank=True,
        help_text=_(
            "Durch Semikolon getrennt; nur zur Information, der Finder nutzt die Postleitzahlen der Stadt/Gemeinde."
        ),
    )
    alt_forms = models.TextField(
        _("weitere Schreibweisen"),
        blank=True,
        help_text=_(
            "Eine je Zeile, z. B. „Gronau-Epe“ oder „Alstaette“. Der Finder erkennt sie alle."
        ),
    )
    confidence = models.CharField(_("Verlässlichkeit"), max_length=10, blank=True)
    source = models.TextField(_("Quelle der Angaben"), blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unique_district_name")
        ]
        verbose_name = _("Ortsteil")
        verbose_name_plural = _("Ortsteile")

    def __str__(self):
        return self.name

    @property
    def forms(self) -> list[str]:
        return [form.strip() for form in self.alt_forms.splitlines() if form.strip()]


class OfficeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def incomplete(self):
        """Offices lacking an address, a phone number, hours or a verification date."""
        return self.filter(
            models.Q(street="")
            | models.Q(phone="")
            | models.Q(data_verified_on=None)
            | ~models.Exists(OpeningHours.objects.filter(office=models.OuterRef("pk")))
        )

    def editable_by(self, user):
        """All offices for county staff; for local office staff only their own."""
        if not is_local_office_staff(user):
            return self
        return self.filter(assignments__user=user)


class Office(EditVersioned):
    class Kind(models.TextChoices):
        LOCAL = "local", _("Örtliches Jobcenter")
        COUNTY = "county", _("Jobcenter der Kreisverwaltung")

    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices, default=Kind.LOCAL)
    municipality = models.OneToOneField(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="office",
        verbose_name=_("zuständig für"),
        help_text=_("Leer beim Jobcenter der Kreisverwaltung."),
    )
    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Kurzname (URL)"), unique=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(
        _("Postleitzahl"), max_length=5, blank=True, validators=[postcode_validator]
    )
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    phone = models.CharField(_("Telefon"), max_length=30, blank=True, validators=[phone_validator])
    phone_note = models.CharField(
        _("Hinweis zum Telefon"),
        max_length=200,
        blank=True,
        help_text=_("z. B. „Zentrale des Rathauses“"),
    )
    fax = models.CharField(_("Fax"), max_length=30, blank=True, validators=[phone_validator])
    email = models.EmailField(_("E-Mail"), blank=True)
    website = models.URLField(_("Website"), blank=True)
    latitude = models.DecimalField(
        _("Breitengrad"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("Längengrad"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    # Accessibility: None = not known, which the page says; never guessed.
    step_free_entrance = models.BooleanField(_("Stufenloser Eingang"), null=True, blank=True)
    lift = models.BooleanField(_("Aufzug"), null=True, blank=True)
    accessible_wc = models.BooleanField(_("Barrierefreies WC"), null=True, blank=True)
    disabled_parking = models.BooleanField(_("Behindertenparkplatz"), null=True, blank=True)
    hearing_loop = models.BooleanField(_("Induktive Höranlage"), null=True, blank=True)
    accessibility_note = models.TextField(_("Hinweis zur Barrierefreiheit"), blank=True)
    services = models.TextField(_("Leistungen und Aufgaben"), blank=True)
    hours_note = models.TextField(
        _("Hinweis zu den Öffnungszeiten"),
        blank=True,
        help_text=_("z. B. „Termine nach Vereinbarung“"),
    )
    data_verified_on = models.DateField(_("Angaben geprüft am"), null=True, blank=True)
    data_verified_year_only = models.BooleanField(
        _("nur das Jahr ist bekannt"),
        default=False,
        help_text=_("Dann zeigt die Seite nur das Jahr der Prüfung (z. B. „Stand: 2021“)."),
    )
    source = models.CharField(_("Quelle der Angaben"), max_length=300, blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        ordering = ["-kind", "name"]  # the county office first, then A–Z
        verbose_name = _("Jobcenter-Standort")
        verbose_name_plural = _("Jobcenter-Standorte")
        permissions = [("edit_all_offices", _("Darf alle Standorte bearbeiten"))]

    def clean(self):
        from .coordinates import check_in_county

        if errors := check_in_county(self.latitude, self.longitude):
            raise ValidationError(errors)

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("locations:detail", kwargs={"slug": self.slug})

    @property
    def is_county(self) -> bool:
        return self.kind == self.Kind.COUNTY

    @property
    def has_address(self) -> bool:
        return bool(self.street and self.postcode and self.city)

    @property
    def route_query(self) -> str:
        """The address for a route planner, without notes like "(Rathaus)"."""
        street = self.street.split(" (")[0]
        return f"{street}, {self.postcode} {self.city.split(' (')[0]}"

    def status(self, now: datetime) -> opening.Status:
        """Open now? Uses the (prefetched) hours and the effective closures."""
        return opening.status(now, self.hours.all(), self.effective_closures)

    @property
    def effective_closures(self) -> list:
        """Own and county-wide closures; views attach them in bulk (attach_closures)."""
        if "effective_closures" not in self.__dict__:
            from .shared_closures import attach_closures

            attach_closures([self], date.min)
        return self.__dict__["effective_closures"]

    @effective_closures.setter
    def effective_closures(self, closures: list) -> None:
        self.__dict__["effective_closures"] = closures


class OpeningHours(models.Model):
    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Montag")
        TUESDAY = 1, _("Dienstag")
        WEDNESDAY = 2, _("Mittwoch")
        THURSDAY = 3, _("Donnerstag")
        FRIDAY = 4, _("Freitag")
        SATURDAY = 5, _("Samstag")
        SUNDAY = 6, _("Sonntag")

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="hours", verbose_name=_("Standort")
    )
    weekday = models.PositiveSmallIntegerField(_("Wochentag"), choices=Weekday.choices)
    opens = models.TimeField(_("öffnet"))
    closes = models.TimeField(_("schließt"))
    by_appointment_only = models.BooleanField(_("nur mit Termin"), default=False)
    note = models.CharField(_("Hinweis"), max_length=200, blank=True)

    class Meta:
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")), name="hours_close_after_open"
            )
        ]
        verbose_name = _("Öffnungszeit")
        verbose_name_plural = _("Öffnungszeiten")

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError(
                {"closes": _("Die Schließzeit muss nach der Öffnungszeit liegen.")}
            )


class Closure(DateRange):
    """A day or date range on which the office is closed, or has special hours."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="closures", verbose_name=_("Standort")
    )
    special_opens = models.TimeField(_("abweichend geöffnet ab"), null=True, blank=True)
    special_closes = models.TimeField(_("abweichend geöffnet bis"), null=True, blank=True)
    reason = models.CharField(_("Grund"), max_length=200)

    class Meta(DateRange.Meta):
        constraints = [ends_after_start("closure_ends_after_start")]
        verbose_name = _("Schließung oder Sonderöffnung")
        verbose_name_plural = _("Schließungen und Sonderöffnungen")

    @property
    def has_special_hours(self) -> bool:
        return bool(self.special_opens and self.special_closes)

    @property
    def uid(self) -> str:
        return f"schliessung-{self.pk}"

    def clean(self):
        self._refuse_special_hours_inside_a_closure()
        super().clean()
        if bool(self.special_opens) != bool(self.special_closes):
            raise ValidationError(
                _("Für abweichende Öffnungszeiten bitte Beginn und Ende angeben.")
            )
        if self.has_special_hours and self.special_closes <= self.special_opens:
            raise ValidationError(
                {"special_closes": _("Die Schließzeit muss nach der Öffnungszeit liegen.")}
            )

    def _refuse_special_hours_inside_a_closure(self):
        """A special opening on a day the office is closed anyway (county-wide or its own)."""
        if not (self.special_opens and self.office_id and self.starts_on and self.ends_on):
            return

        overlapping = {"starts_on__lte": self.ends_on, "ends_on__gte": self.starts_on}
        shared = SharedClosure.objects.applying_to(self.office_id).filter(**overlapping).first()
        own = (
            Closure.objects.filter(office_id=self.office_id, special_opens=None, **overlapping)
            .exclude(pk=self.pk)
            .first()
        )
        if closure := shared or own:
            raise ValidationError(
                _(
                    "Eine Sonderöffnung ist hier nicht möglich: Der Standort ist vom "
                    "%(start)s bis %(end)s geschlossen (%(reason)s)."
                )
                % {
                    "start": f"{closure.starts_on:%d.%m.%Y}",
                    "end": f"{closure.ends_on:%d.%m.%Y}",
                    "reason": closure.reason,
                }
            )


class ContactPersonQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class ContactPerson(models.Model):
    """A person or a role (a name is optional) whom citizens or journalists can reach."""

    name = models.CharField(_("Name"), max_length=200, blank=True)
    role = models.CharField(_("Funktion"), max_length=200)
    office = models.ForeignKey(
        Office,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("Standort"),
    )
    organisation = models.CharField(
        _("Organisation"),
        max_length=200,
        blank=True,
        help_text=_("z. B. „Kreis Borken, Pressestelle“"),
    )
    phone = models.CharField(_("Telefon"), max_length=30, blank=True, validators=[phone_validator])
    email = models.EmailField(_("E-Mail"), blank=True)
    responsibilities = models.TextField(_("Zuständigkeiten"), blank=True)
    surname_range = models.CharField(
        _("Nachnamen"), max_length=20, blank=True, help_text=_("z. B. „A–K“")
    )
    is_press_contact = models.BooleanField(_("Pressekontakt"), default=False)
    is_active = models.BooleanField(_("aktiv"), default=True)
    order = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    data_as_of = models.DateField(_("Stand der Angaben"), null=True, blank=True)

    objects = ContactPersonQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name", "role"]
        verbose_name = _("Ansprechperson")
        verbose_name_plural = _("Ansprechpersonen")

    def __str__(self):
        return f"{self.name} ({self.role})" if self.name else self.role


class OfficeAssignment(models.Model):
    """Links a member of local office staff to the office whose data they keep."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="office_assignments",
        verbose_name=_("Benutzer"),
    )
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("Standort")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "office"], name="unique_office_assignment")
        ]
        verbose_name = _("Zuordnung zu einem Standort")
        verbose_name_plural = _("Zuordnungen zu Standorten")

    def __str__(self):
        return f"{self.user} → {self.office}"


def next_status_change(now: datetime) -> datetime | None:
    """The earliest instant after `now` at which a public office page may change.

    That is the next opening or closing of any active office, or the next
    midnight in Berlin (the week table marks "today" and past closures drop
    off), whichever comes first; None when no active office exists. The page
    cache bounds entry lifetimes with it.
    """
    from .shared_closures import attach_closures

    local = now.astimezone(BERLIN)
    offices = attach_closures(
        list(Office.objects.active().prefetch_related("hours", "closures")), local.date()
    )
    changes = [
        opening.next_change(now, office.hours.all(), office.effective_closures)
        for office in offices
    ]
    if not offices:
        return None
    tomorrow = local.date() + timedelta(days=1)
    midnight = datetime.combine(tomorrow, datetime.min.time(), tzinfo=BERLIN)
    return min([c for c in changes if c] + [midnight.astimezone(UTC)])


# Further models of this app, in modules of their own (imported here so Django registers them).
from .services import Service, ServiceChannel  # noqa: E402, F401
from .shared_closures import SharedClosure  # noqa: E402
