"""The basic training of a cohort, and the certificates and courses that follow.

A cohort's training is laid out in weeks that are either on site or home study.
Attendance is recorded per session; the completion rule is a share of the
sessions held. Completing the training issues a certificate with a code that
anyone can check on a public page.
"""

import secrets
import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from kamrat.accounts.models import User
from kamrat.programs.models import Program

DEFAULT_COMPLETION_PERCENT = 80
# Crockford's base32 without I, L, O and U: no letters that read as digits.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12


def feed_token() -> str:
    return secrets.token_urlsafe(32)


def certificate_code() -> str:
    """60 random bits in three groups of four, easy to read out on the phone."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


class Cohort(models.Model):
    """People who take the basic training together."""

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="cohorts"
    )
    name = models.CharField(_("name"), max_length=120)
    call = models.ForeignKey(
        "recruitment.Call",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cohorts",
        verbose_name=_("recruited through the call"),
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    place = models.CharField(_("where the on-site weeks are"), max_length=200)
    completion_percent = models.PositiveSmallIntegerField(
        _("attendance needed to complete (%)"),
        default=DEFAULT_COMPLETION_PERCENT,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="training_cohort_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(completion_percent__gte=1)
                & models.Q(completion_percent__lte=100),
                name="training_cohort_percent_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class Week(models.Model):
    """One week of the training: on site together, or study at home."""

    class Kind(models.TextChoices):
        ON_SITE = "on_site", _("On site")
        HOME_STUDY = "home_study", _("Home study")

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="weeks")
    number = models.PositiveSmallIntegerField(
        _("week"), validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    kind = models.CharField(_("kind of week"), max_length=12, choices=Kind.choices)
    theme = models.CharField(_("theme"), max_length=160, blank=True)
    # Home-study material: what to read, watch or try, in each language.
    material_sv = models.TextField(_("material in Swedish"), blank=True)
    material_da = models.TextField(_("material in Danish"), blank=True)
    material_en = models.TextField(_("material in English"), blank=True)

    class Meta:
        ordering = ["cohort", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "number"], name="training_week_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cohort} week {self.number}"

    @property
    def material(self) -> str:
        """The reader's language, then English, then the programme's own."""
        for code in (
            translation.get_language() or "",
            "en",
            self.cohort.program.default_language,
        ):
            value = getattr(self, f"material_{code[:2]}", "")
            if value:
                return value
        return ""


class Session(models.Model):
    """A training session at a place, on a topic, led by someone."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="sessions"
    )
    week = models.ForeignKey(
        Week, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    topic = models.CharField(_("topic"), max_length=200)
    leader = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("led by"),
    )
    leader_name = models.CharField(
        _("led by (someone outside Kamrat)"), max_length=120, blank=True
    )
    led_by_peer_supporter = models.BooleanField(
        _("led by a peer supporter"), default=False
    )
    is_cancelled = models.BooleanField(default=False)
    # Calendar identity: the same UID across changes, a higher SEQUENCE each time.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="training_session_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.topic} {self.starts_at:%Y-%m-%d}"

    @property
    def leader_label(self) -> str:
        return self.leader.name if self.leader_id else self.leader_name


class Enrolment(models.Model):
    """A person in a cohort, from their first day to completion."""

    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("In training")
        COMPLETED = "completed", _("Completed")
        NOT_COMPLETED = "not_completed", _("Did not complete")
        WITHDRAWN = "withdrawn", _("Left the training")

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="enrolments"
    )
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="enrolments")
    application = models.ForeignKey(
        "recruitment.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.ENROLLED
    )
    feed_token = models.CharField(max_length=64, unique=True, default=feed_token)
    enrolled_at = models.DateTimeField(default=timezone.now)
    status_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["user__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "user"], name="training_enrolled_once"
            )
        ]

    def __str__(self) -> str:
        return f"enrolment {self.pk}"


class Attendance(models.Model):
    """Whether one person came to one session."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="attendance"
    )
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="attendance"
    )
    attended = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrolment"], name="training_attendance_once"
            )
        ]

    def __str__(self) -> str:
        return f"attendance {self.pk}"


class Certificate(models.Model):
    """Proof of completed basic training, checkable by its code alone."""

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="certificates"
    )
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="certificates"
    )
    cohort = models.ForeignKey(
        Cohort, on_delete=models.SET_NULL, null=True, related_name="certificates"
    )
    # Kept as issued: the certificate says what was true on the day.
    holder_name = models.CharField(max_length=120)
    training_started_on = models.DateField()
    training_ended_on = models.DateField()
    issued_on = models.DateField(default=timezone.localdate)
    code = models.CharField(max_length=14, unique=True, default=certificate_code)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "cohort"], name="training_one_certificate_per_cohort"
            )
        ]

    def __str__(self) -> str:
        return f"certificate {self.code}"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None


class ContinuedEducation(models.Model):
    """A course, day or conference a peer supporter took after certification."""

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="continued_education"
    )
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="continued_education"
    )
    title = models.CharField(_("what"), max_length=200)
    organiser = models.CharField(_("organised by"), max_length=160, blank=True)
    held_on = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(999)],
    )
    recorded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("continued education")
        verbose_name_plural = _("continued education")

    def __str__(self) -> str:
        return self.title
