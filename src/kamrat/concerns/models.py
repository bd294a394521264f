"""On-call rota, escalation order and urgent concerns.

A concern holds who it is about, how to reach them and how urgent it is. There
is deliberately no field for describing anyone's health.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kamrat.accounts.models import User
from kamrat.privacy.fields import EncryptedTextField
from kamrat.programs.models import Program
from kamrat.support.models import Pairing


class Shift(models.Model):
    """One coordinator on call from `starts_at` until `ends_at`."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="shift_ends_after_start",
            )
        ]
        indexes = [models.Index(fields=["program", "starts_at", "ends_at"])]

    def __str__(self) -> str:
        return f"shift {self.pk} of user {self.person_id}"


class EscalationStep(models.Model):
    """Who is asked, in this order, when the one on call does not answer."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "person"], name="escalation_person_once"
            ),
            models.UniqueConstraint(
                fields=["program", "position"], name="escalation_position_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}: user {self.person_id}"


class Concern(models.Model):
    """A peer supporter's call for a coordinator, now; never a health record."""

    class Reach(models.TextChoices):
        PHONE = "phone", _("By phone")
        PLACE = "place", _("Where they are now")
        SUPPORTER = "supporter", _("Through me")

    class Urgency(models.TextChoices):
        NOW = "now", _("Right now")
        HOURS = "hours", _("Within a few hours")
        TODAY = "today", _("Today")

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for an answer")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        CLOSED = "closed", _("Closed")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    raised_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    raised_at = models.DateTimeField(default=timezone.now)
    # About one of the supporter's participants, or about someone not in Kamrat.
    pairing = models.ForeignKey(
        Pairing, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    participant = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    first_name = EncryptedTextField(blank=True)
    reach = models.CharField(max_length=10, choices=Reach.choices)
    contact_detail = EncryptedTextField(blank=True)
    urgency = models.CharField(max_length=10, choices=Urgency.choices)
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.OPEN
    )
    # Who is asked, in order: the one on call when it was raised, then the
    # escalation order. `step` counts how many of them have been asked; one
    # past the end means everyone who runs the programme has been told.
    ladder = models.JSONField(default=list)
    step = models.PositiveSmallIntegerField(default=0)
    escalate_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at"]
        indexes = [models.Index(fields=["program", "status"])]

    def __str__(self) -> str:
        return f"concern {self.pk} ({self.status})"

    @property
    def is_waiting(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def everyone_told(self) -> bool:
        return self.step > len(self.ladder)


class ConcernAlert(models.Model):
    """An email about a concern waiting to go out; sent once by the worker."""

    concern = models.ForeignKey(
        Concern, on_delete=models.CASCADE, related_name="alerts"
    )
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    step = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["concern", "recipient", "step"], name="concern_alert_once"
            )
        ]

    def __str__(self) -> str:
        return f"alert {self.pk} for concern {self.concern_id}"
