import hashlib
import json

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kamrat.accounts.models import User
from kamrat.programs.models import Program, Workplace


class AccessEntry(models.Model):
    """One read of a participant's data by staff. Append-only and hash-chained.

    Each entry's hash covers its own fields and the previous entry's hash, so a
    changed, removed or inserted row breaks the chain that `kamrat
    access_log_verify` walks.
    """

    class What(models.TextChoices):
        REQUEST = "request", _("Your request for a peer supporter")
        MESSAGE = "message", _("The message in your request")
        CONTACT = "contact", _("Your contact with your peer supporter")
        MEETINGS = "meetings", _("Your meetings")
        QUEUE = "queue", _("Your request in the list of requests")
        RECOVERY_PLAN = "recovery_plan", _("What you share from your recovery plan")
        HAS_SUPPORTER = "has_supporter", _("That you have a peer supporter")
        EVALUATION = "evaluation", _("That you may be contacted for evaluation")
        CONCERN = "concern", _("An urgent concern about you")

    class Purpose(models.TextChoices):
        MATCHING = "matching", _("Finding you a peer supporter")
        SUPPORT = "support", _("Supporting you")
        COORDINATION = "coordination", _("Running the programme")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    # When a person is erased the link goes, but the numbers stay so the chain
    # still verifies; a number that points at no one names no one.
    participant = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    participant_number = models.PositiveBigIntegerField(default=0)
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    reader = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reader_number = models.PositiveBigIntegerField(null=True)
    # Snapshots, so the entry keeps saying who read even if roles change later.
    reader_name = models.CharField(max_length=120)
    reader_role = models.CharField(max_length=20)
    reader_unit = models.CharField(max_length=160, blank=True)
    what = models.CharField(max_length=20, choices=What.choices)
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["participant", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.what}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("access log entries are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("access log entries are removed only by retention")

    def compute_hash(self) -> str:
        payload = json.dumps(
            [
                self.prev_hash,
                self.at.isoformat(),
                self.participant_number,
                self.program_id,
                self.reader_number,
                self.reader_name,
                self.reader_role,
                self.reader_unit,
                self.what,
                self.purpose,
            ],
            separators=(",", ":"),
        )
        return hashlib.sha256(payload.encode()).hexdigest()


class ChainHead(models.Model):
    """The newest hash of the access log; its row lock orders concurrent writers."""

    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return self.hash


class ConsentKind(models.TextChoices):
    """What a participant can agree to; each kind has its own versioned text."""

    RECOVERY_PLAN = "recovery_plan", _("My peer supporter may see my recovery plan")
    WARD_KNOWS = "ward_knows", _("My ward or clinic may know I have a peer supporter")
    EVALUATION = "evaluation", _("I may be contacted for evaluation")


class ConsentText(models.Model):
    """One version of what a participant agrees to, in the programme's languages.

    Texts are never edited: a changed wording is a new version, so every grant
    points at exactly the words the person saw.
    """

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="consent_texts"
    )
    kind = models.CharField(max_length=20, choices=ConsentKind.choices)
    version = models.PositiveIntegerField()
    text_sv = models.TextField()
    text_da = models.TextField()
    text_en = models.TextField()
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["program", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "kind", "version"], name="consent_text_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} v{self.version}"

    def text(self, language: str) -> str:
        return getattr(self, f"text_{language}", "") or self.text_en


class ConsentEvent(models.Model):
    """A grant or a withdrawal; the newest event for a kind is what holds now."""

    participant = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="consent_events"
    )
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=ConsentKind.choices)
    text = models.ForeignKey(ConsentText, on_delete=models.PROTECT, related_name="+")
    granted = models.BooleanField()
    at = models.DateTimeField(default=timezone.now)
    # For WARD_KNOWS: the one unit the participant chose may know. If the unit
    # is removed, the grant names no one and so lists no one.
    workplace = models.ForeignKey(
        Workplace, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["participant", "program", "kind", "-at"])]

    def __str__(self) -> str:
        return f"{self.kind} {'granted' if self.granted else 'withdrawn'}"
