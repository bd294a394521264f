import secrets
import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kamrat.accounts.models import User
from kamrat.privacy.fields import EncryptedTextField
from kamrat.programs.models import Area, Program

from .choices import AgeGroup, Gender, Mode, OverrideReason, Weekday


class SupporterProfile(models.Model):
    """What a peer supporter offers: languages, ways to meet, areas, caseload."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    supporter = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="supporter_profiles"
    )
    languages = models.JSONField(_("languages"), default=list)
    modes = models.JSONField(_("ways to meet"), default=list)
    areas = models.ManyToManyField(Area, blank=True, verbose_name=_("areas"))
    capacity = models.PositiveSmallIntegerField(_("caseload cap"), default=5)
    accepting_new = models.BooleanField(_("taking new participants"), default=True)
    gender = models.CharField(
        _("gender"), max_length=10, choices=Gender.choices, blank=True
    )
    age_group = models.CharField(
        _("age group"), max_length=6, choices=AgeGroup.choices, blank=True
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["program", "supporter"], name="supporter_profile_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.supporter} ({self.program})"


class WeeklyTime(models.Model):
    """A recurring weekly time a peer supporter can meet, in the programme's zone."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    supporter = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"))

    class Meta:
        ordering = ["weekday", "starts"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__gt=models.F("starts")), name="weekly_time_ends_after"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts:%H:%M}–{self.ends:%H:%M}"


class TimeOff(models.Model):
    """Days a peer supporter cannot meet: holiday, sick days, other."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Holiday")
        SICK = "sick", _("Sick")
        OTHER = "other", _("Other")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    supporter = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)

    class Meta:
        ordering = ["first_day"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=models.F("first_day")),
                name="time_off_last_after_first",
            )
        ]

    def __str__(self) -> str:
        return f"{self.first_day}–{self.last_day}"


class SupportRequest(models.Model):
    """A person asking for a peer supporter. Holds no health information."""

    class Status(models.TextChoices):
        AWAITING_CONFIRMATION = "awaiting", _("Waiting for the participant to confirm")
        OPEN = "open", _("Open")
        PROPOSED = "proposed", _("Waiting for the peer supporter")
        MATCHED = "matched", _("Matched")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        CLOSED = "closed", _("Closed")

    class Chooser(models.TextChoices):
        PARTICIPANT = "participant", _("I want to choose among suggestions")
        COORDINATOR = "coordinator", _("The coordinator may choose for me")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    participant = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="support_requests"
    )
    referred_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    topics = models.JSONField(_("support with"), default=list)
    modes = models.JSONField(_("ways to meet"), default=list)
    languages = models.JSONField(_("languages"), default=list)
    area = models.ForeignKey(
        Area, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("area")
    )
    times = models.JSONField(_("times that suit"), default=list)
    preferred_gender = models.CharField(
        max_length=10, choices=Gender.choices, blank=True
    )
    preferred_age_group = models.CharField(
        max_length=6, choices=AgeGroup.choices, blank=True
    )
    chooser = models.CharField(
        max_length=12, choices=Chooser.choices, default=Chooser.PARTICIPANT
    )
    excluded = models.ManyToManyField(User, blank=True, related_name="+")
    # The participant's own words for the coordinator; deleted when the request closes.
    message = EncryptedTextField(_("message"), blank=True)
    handled_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"#{self.pk} ({self.get_status_display()})"

    @property
    def is_waiting(self) -> bool:
        return self.status in {self.Status.OPEN, self.Status.PROPOSED}


OPEN_PAIRING_STATES = ("proposed", "active", "paused")


class Pairing(models.Model):
    """A participant and their peer supporter, from proposal to the end."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        DECLINED = "declined", _("Declined")
        ENDED = "ended", _("Ended")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    # Cleared when the participant is erased or the contact is past retention: the
    # pairing and its meetings stay only as anonymous counts for the programme.
    participant = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    supporter = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    request = models.ForeignKey(
        SupportRequest, on_delete=models.SET_NULL, null=True, related_name="pairings"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    chosen_by = models.CharField(max_length=12, choices=SupportRequest.Chooser.choices)
    override_reason = models.CharField(
        max_length=20, choices=OverrideReason.choices, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "participant"],
                condition=Q(status__in=OPEN_PAIRING_STATES),
                name="pairing_one_open_per_participant",
            ),
            models.CheckConstraint(
                condition=~Q(participant=models.F("supporter")),
                name="pairing_not_with_oneself",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_PAIRING_STATES


def _room_name() -> str:
    # 128 random bits: a room cannot be guessed from another room's name.
    return "kamrat-" + secrets.token_urlsafe(16)


class Meeting(models.Model):
    """Only what is needed to meet and to count. There is no notes field, on purpose."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        KEPT = "kept", _("Kept")
        CANCELLED = "cancelled", _("Cancelled")
        NO_SHOW = "no_show", _("Did not happen")

    pairing = models.ForeignKey(
        Pairing, on_delete=models.CASCADE, related_name="meetings"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    mode = models.CharField(_("way to meet"), max_length=10, choices=Mode.choices)
    place = models.CharField(_("place or meeting point"), max_length=160, blank=True)
    video_room = models.CharField(max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    booked_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after",
            )
        ]
        indexes = [models.Index(fields=["starts_at"])]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} ({self.get_mode_display()})"

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def is_scheduled(self) -> bool:
        return self.status == self.Status.SCHEDULED


class CalendarFeed(models.Model):
    """A secret, revocable address from which a person's calendar app reads meetings."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"feed for user {self.user_id}"


class Notification(models.Model):
    """An email waiting to go out. The row outlives SMTP trouble, so none is lost."""

    class Kind(models.TextChoices):
        BOOKED = "booked", _("Meeting booked")
        MOVED = "moved", _("Meeting moved")
        CANCELLED = "cancelled", _("Meeting cancelled")
        REMINDER = "reminder", _("Reminder")

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sequence = models.PositiveIntegerField()
    hours_before = models.PositiveSmallIntegerField(default=0)
    send_after = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "recipient", "kind", "sequence", "hours_before"],
                name="notification_once",
            )
        ]
        indexes = [models.Index(fields=["sent_at", "send_after"])]

    def __str__(self) -> str:
        return f"{self.kind} for meeting {self.meeting_id}"


class AccessCode(models.Model):
    """A one-time code on a paper slip: ask for support without an account first.

    Only a hash is stored; the code itself is shown once, to print.
    """

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    workplace = models.ForeignKey(
        "programs.Workplace", on_delete=models.SET_NULL, null=True, blank=True
    )
    code_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"code #{self.pk}"
