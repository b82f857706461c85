"""E-mail subscriptions (double opt-in, proof of consent) and their send log.

A subscription is a request until its owner confirms it from the mail we
sent; every step is logged with its time in `SubscriptionEvent`, which is
the proof of consent (Art. 7(1) GDPR) the admin exports. `Delivery` is the
durable send log: one row per (subscription, release) and per
(release, address), so a release reaches an address at most once however
many workers run (see delivery.py).

The tables keep the names they had when this app was part of pressroom
(migration 0001 moved the models without touching a row), and the signing
salts keep theirs, so every link already in someone's inbox still works.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.tokens import make_token, read_token

CONFIRM_MAX_AGE = timedelta(days=7)  # an unconfirmed request expires after this
CONFIRM_SALT = "pressroom.subscription.confirm"
MANAGE_SALT = "pressroom.subscription.manage"


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self) -> "SubscriptionQuerySet":
        return self.filter(state=Subscription.State.CONFIRMED)

    def expired_requests(self, now) -> "SubscriptionQuerySet":
        """Requests nobody confirmed in time (no consent: nothing to keep)."""
        return self.filter(state=Subscription.State.PENDING, requested_at__lt=now - CONFIRM_MAX_AGE)

    def matching(self, release) -> "SubscriptionQuerySet":
        """Subscriptions whose scope covers the release (all, its series, a topic, a town)."""
        scope = models.Q(scope=Subscription.Scope.ALL)
        if release.series_id:
            scope |= models.Q(scope=Subscription.Scope.SERIES, series_id=release.series_id)
        scope |= models.Q(scope=Subscription.Scope.TOPIC, topic__releases=release)
        scope |= models.Q(scope=Subscription.Scope.TOWN, municipality__press_releases=release)
        return self.filter(scope)


class Subscription(models.Model):
    class Scope(models.TextChoices):
        ALL = "all", _("alle Pressemitteilungen")
        SERIES = "series", _("eine Serie")
        TOPIC = "topic", _("ein Thema")
        TOWN = "town", _("eine Stadt oder Gemeinde")

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("sofort, jede Meldung einzeln")
        DAILY = "daily", _("einmal am Tag (um 7 Uhr), alle neuen Meldungen in einer E-Mail")
        WEEKLY = "weekly", _("einmal in der Woche (montags um 7 Uhr), in einer E-Mail")

    class State(models.TextChoices):
        PENDING = "pending", _("angefragt, noch nicht bestätigt")
        CONFIRMED = "confirmed", _("bestätigt")
        UNSUBSCRIBED = "unsubscribed", _("abgemeldet")

    email = models.EmailField(_("E-Mail-Adresse"))
    scope = models.CharField(_("Umfang"), max_length=10, choices=Scope.choices)
    series = models.ForeignKey(
        "pressroom.Series",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("Serie"),
    )
    topic = models.ForeignKey(
        "pressroom.Topic",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("Thema"),
    )
    municipality = models.ForeignKey(
        "locations.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("Stadt oder Gemeinde"),
    )
    # "all", "series:3", "topic:5", "town:7": one unique key per address and scope
    # (NULL foreign keys would make a plain unique constraint useless).
    scope_key = models.CharField(max_length=30, editable=False)
    language = models.CharField(_("Sprache"), max_length=10, choices=settings.LANGUAGES)
    frequency = models.CharField(
        _("Häufigkeit"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    state = models.CharField(
        _("Status"), max_length=12, choices=State.choices, default=State.PENDING
    )
    requested_at = models.DateTimeField(_("angefragt am"))
    confirmed_at = models.DateTimeField(_("bestätigt am"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("abgemeldet am"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        db_table = "pressroom_subscription"
        ordering = ["-requested_at"]
        verbose_name = _("E-Mail-Abonnement")
        verbose_name_plural = _("E-Mail-Abonnements")
        constraints = [
            models.UniqueConstraint(fields=["email", "scope_key"], name="unique_subscription")
        ]

    def __str__(self):
        return f"{self.email} – {self.scope_label()}"

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        self.scope_key = self.make_scope_key(
            self.scope, self.series_id, self.topic_id, self.municipality_id
        )
        super().save(*args, **kwargs)

    @staticmethod
    def make_scope_key(scope: str, series_id=None, topic_id=None, municipality_id=None) -> str:
        if scope == Subscription.Scope.TOWN:
            return f"town:{municipality_id}"
        if scope == Subscription.Scope.SERIES:
            return f"series:{series_id}"
        if scope == Subscription.Scope.TOPIC:
            return f"topic:{topic_id}"
        return "all"

    def scope_label(self) -> str:
        target = self.series or self.topic or self.municipality
        return f"{self.get_scope_display()}: {target}" if target else self.get_scope_display()

    def log(self, kind: str, now, detail: str = "") -> None:
        self.events.create(kind=kind, at=now, detail=detail)

    # Signed links: no account needed; the salt keeps the two kinds apart.
    def confirm_token(self) -> str:
        return make_token({"id": self.pk, "r": self.requested_at.timestamp()}, CONFIRM_SALT)

    def manage_token(self) -> str:
        return make_token(self.pk, MANAGE_SALT)

    @classmethod
    def from_manage_token(cls, token: str) -> "Subscription | None":
        if (pk := read_token(token, MANAGE_SALT)) is None:
            return None
        return cls.objects.filter(pk=pk).select_related("series", "topic", "municipality").first()

    @classmethod
    def from_confirm_token(cls, token: str) -> "tuple[Subscription | None, bool]":
        """(subscription, expired); (None, False) for a forged or unknown token."""
        try:
            data = read_token(token, CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
        except signing.SignatureExpired:
            return None, True
        found = cls.objects.filter(pk=data.get("id")).first() if isinstance(data, dict) else None
        if found is not None and not _same_instant(data.get("r"), found.requested_at):
            # The link of an earlier request: a later one replaced it (and the
            # consent it records is for that later request), so it has expired.
            return None, True
        return found, False


def _same_instant(timestamp, when) -> bool:
    return isinstance(timestamp, int | float) and abs(timestamp - when.timestamp()) < 0.001


class SubscriptionEvent(models.Model):
    """Proof of consent: what happened to a subscription, and when."""

    class Kind(models.TextChoices):
        REQUESTED = "requested", _("angefragt (Bestätigungsmail gesendet)")
        REMINDED = "reminded", _("erneut angefragt")
        CONFIRMED = "confirmed", _("bestätigt (Double-Opt-in)")
        UNSUBSCRIBED = "unsubscribed", _("abgemeldet")

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("Ereignis"), max_length=12, choices=Kind.choices)
    at = models.DateTimeField(_("Zeitpunkt"))
    detail = models.CharField(_("Einzelheiten"), max_length=200, blank=True)

    class Meta:
        db_table = "pressroom_subscriptionevent"
        ordering = ["at", "pk"]
        verbose_name = _("Nachweis-Eintrag")
        verbose_name_plural = _("Nachweis-Einträge")

    def __str__(self):
        return f"{self.get_kind_display()} {self.at:%d.%m.%Y %H:%M}"


class Delivery(models.Model):
    """One release to one subscriber: the durable send log."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wartet")
        SENDING = "sending", _("wird gesendet")
        SENT = "sent", _("gesendet")
        FAILED = "failed", _("endgültig fehlgeschlagen")
        CANCELLED = "cancelled", _("entfallen")

    subscription = models.ForeignKey(
        Subscription,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("Abonnement"),
    )
    release = models.ForeignKey(
        "pressroom.PressRelease",
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("Pressemitteilung"),
    )
    email = models.EmailField(_("E-Mail-Adresse"))
    # 0: the release itself; n: its n-th public update that a publisher chose to mail.
    edition = models.PositiveSmallIntegerField(
        _("Fassung"),
        default=0,
        help_text=_("0 = Erstveröffentlichung, 1 = erste gemeldete Aktualisierung …"),
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    next_attempt_at = models.DateTimeField(_("nächster Versuch"), default=timezone.now)
    lease_until = models.DateTimeField(_("reserviert bis"), null=True, blank=True)
    sent_at = models.DateTimeField(_("gesendet am"), null=True, blank=True)
    last_error = models.TextField(_("letzter Fehler"), blank=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        db_table = "pressroom_delivery"
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Versand")
        verbose_name_plural = _("Versandprotokoll")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "release", "edition"], name="unique_delivery_subscription"
            ),
            # An address with both "all" and a topic still gets a release (or update) once.
            models.UniqueConstraint(
                fields=["release", "email", "edition"], name="unique_delivery_email"
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due_idx")]

    def __str__(self):
        # No address: the press office reads the log without them (admin.py).
        return f"{self.release} → #{self.pk}"

    def message_id(self) -> str:
        """Stable per delivery: a resend after a crash is recognisably the same mail."""
        domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
        return f"<pressemitteilung-{self.release_id}.versand-{self.pk}@{domain}>"
