"""Supervision of peer supporters: when, with whom, and who came.

What is said in supervision is never recorded, so no model has a notes field.
"""

import secrets
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kamrat.accounts.models import User
from kamrat.programs.models import Program

DEFAULT_GROUP_WEEKS = 4
DEFAULT_INDIVIDUAL_WEEKS = 8
MAX_WEEKS = 52


def room_name() -> str:
    # 128 random bits: a room cannot be guessed from another room's name.
    return "kamrat-" + secrets.token_urlsafe(16)


class Kind(models.TextChoices):
    GROUP = "group", _("Group supervision")
    INDIVIDUAL = "individual", _("Individual supervision")


class Targets(models.Model):
    """How often each peer supporter should have supervision, per programme."""

    program = models.OneToOneField(
        Program, on_delete=models.CASCADE, related_name="supervision_targets"
    )
    group_weeks = models.PositiveSmallIntegerField(
        _("weeks between group supervisions"), default=DEFAULT_GROUP_WEEKS
    )
    individual_weeks = models.PositiveSmallIntegerField(
        _("weeks between individual supervisions"), default=DEFAULT_INDIVIDUAL_WEEKS
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(group_weeks__gte=1, group_weeks__lte=MAX_WEEKS)
                & models.Q(individual_weeks__gte=1, individual_weeks__lte=MAX_WEEKS),
                name="supervision_targets_in_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.program}: {self.group_weeks}/{self.individual_weeks} weeks"

    def weeks_for(self, kind: str) -> int:
        return self.group_weeks if kind == Kind.GROUP else self.individual_weeks


class SupervisionSession(models.Model):
    """A supervision time. On purpose there is no notes field."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="supervision_sessions"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    supervisor = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("supervisor"),
    )
    supervisor_name = models.CharField(
        _("external supervisor"), max_length=120, blank=True
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_room = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    # Calendar identity: the same UID across changes, a higher SEQUENCE each time.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="supervision_session_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(supervisor__isnull=False)
                | ~models.Q(supervisor_name=""),
                name="supervision_session_has_supervisor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} supervision {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def supervisor_label(self) -> str:
        return self.supervisor.name if self.supervisor_id else self.supervisor_name


class Invitation(models.Model):
    """A peer supporter invited to a session, and afterwards whether they came."""

    class Attendance(models.TextChoices):
        UNKNOWN = "", _("Not recorded")
        ATTENDED = "attended", _("Attended")
        ABSENT = "absent", _("Absent")

    session = models.ForeignKey(
        SupervisionSession, on_delete=models.CASCADE, related_name="invitations"
    )
    supporter = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    attendance = models.CharField(
        max_length=10, choices=Attendance.choices, default="", blank=True
    )

    class Meta:
        ordering = ["supporter__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "supporter"], name="supervision_invited_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.supporter} in {self.session}"


class Notice(models.Model):
    """An email to a peer supporter waiting to go out; survives SMTP trouble."""

    class Kind(models.TextChoices):
        INVITED = "invited", _("Invited")
        MOVED = "moved", _("Moved")
        CANCELLED = "cancelled", _("Cancelled")

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(
        SupervisionSession, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sequence = models.PositiveIntegerField()
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "recipient", "kind", "sequence"],
                name="supervision_notice_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} for supervision {self.session_id}"
