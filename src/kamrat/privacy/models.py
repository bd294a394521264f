import hashlib
import json

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kamrat.accounts.models import User
from kamrat.programs.models import Program


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

    class Purpose(models.TextChoices):
        MATCHING = "matching", _("Finding you a peer supporter")
        SUPPORT = "support", _("Supporting you")
        COORDINATION = "coordination", _("Running the programme")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    participant = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    reader = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+"
    )
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
                self.participant_id,
                self.program_id,
                self.reader_id,
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
