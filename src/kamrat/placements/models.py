"""Where peer supporters work, and the matching event that gets them there.

At a matching event, workplaces say what they offer and newly trained peer
supporters say which offers interest them; workplaces answer whom they want
to meet. Each mutual interest gets one short meeting in a schedule where no
one is in two places at once. Afterwards the coordinator records placements.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kamrat.accounts.models import User
from kamrat.programs.models import Program, Workplace

DEFAULT_SLOT_MINUTES = 10
DEFAULT_GAP_MINUTES = 5


class MatchingEvent(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Taking offers and interest")
        SCHEDULED = "scheduled", _("Schedule ready")
        HELD = "held", _("Held")

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="matching_events"
    )
    cohort = models.ForeignKey(
        "training.Cohort",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="matching_events",
        verbose_name=_("cohort"),
    )
    title = models.CharField(_("title"), max_length=160)
    starts_at = models.DateTimeField(_("starts"))
    place = models.CharField(_("place"), max_length=200)
    slot_minutes = models.PositiveSmallIntegerField(
        _("minutes per meeting"),
        default=DEFAULT_SLOT_MINUTES,
        validators=[MinValueValidator(5), MaxValueValidator(60)],
    )
    gap_minutes = models.PositiveSmallIntegerField(
        _("minutes between meetings"),
        default=DEFAULT_GAP_MINUTES,
        validators=[MaxValueValidator(30)],
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(slot_minutes__gte=5, slot_minutes__lte=60)
                & models.Q(gap_minutes__lte=30),
                name="placements_event_minutes_in_range",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Offer(models.Model):
    """What one workplace offers at the event: the role, hours and places."""

    event = models.ForeignKey(
        MatchingEvent, on_delete=models.CASCADE, related_name="offers"
    )
    workplace = models.ForeignKey(
        Workplace, on_delete=models.CASCADE, related_name="offers"
    )
    description = models.TextField(_("what you offer"), max_length=2000)
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    places = models.PositiveSmallIntegerField(
        _("places"), default=1, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    registered_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    registered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["workplace__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "workplace"], name="placements_one_offer_per_workplace"
            )
        ]

    def __str__(self) -> str:
        return f"{self.workplace} at {self.event}"


class Interest(models.Model):
    """A peer supporter and an offer; a meeting is due when both sides want it."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="interests")
    supporter = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    from_supporter = models.BooleanField(default=False)
    from_workplace = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "supporter"], name="placements_interest_once"
            )
        ]

    def __str__(self) -> str:
        return f"interest {self.pk}"

    @property
    def is_mutual(self) -> bool:
        return self.from_supporter and self.from_workplace


class EventMeeting(models.Model):
    """One short meeting in the event's schedule: a slot number, not a clock time."""

    event = models.ForeignKey(
        MatchingEvent, on_delete=models.CASCADE, related_name="meetings"
    )
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="meetings")
    supporter = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    slot = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["slot", "offer__workplace__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "supporter", "slot"],
                name="placements_supporter_one_place_per_slot",
            ),
            models.UniqueConstraint(
                fields=["offer", "slot"], name="placements_offer_one_meeting_per_slot"
            ),
            models.UniqueConstraint(
                fields=["offer", "supporter"], name="placements_meet_once"
            ),
        ]

    def __str__(self) -> str:
        return f"meeting {self.pk} (slot {self.slot})"


class Placement(models.Model):
    """A peer supporter working with a workplace, from a date."""

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="placements"
    )
    supporter = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="placements"
    )
    workplace = models.ForeignKey(
        Workplace, on_delete=models.CASCADE, related_name="placements"
    )
    event = models.ForeignKey(
        MatchingEvent,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placements",
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    recorded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="placements_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"placement {self.pk}"
