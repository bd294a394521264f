"""Calls for new peer supporters and the people who answer them.

Applicants have no account: what they send is kept until the retention period
after the call closes, except for those who accept a place and start training.
"""

from datetime import date

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kamrat.privacy.fields import EncryptedTextField
from kamrat.programs.models import Program

LANGUAGES = [("sv", "Svenska"), ("da", "Dansk"), ("en", "English")]


class Call(models.Model):
    """An open call for peer supporters, with a text per language."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="calls")
    title_sv = models.CharField(_("title in Swedish"), max_length=160, blank=True)
    title_da = models.CharField(_("title in Danish"), max_length=160, blank=True)
    title_en = models.CharField(_("title in English"), max_length=160, blank=True)
    text_sv = models.TextField(_("text in Swedish"), blank=True)
    text_da = models.TextField(_("text in Danish"), blank=True)
    text_en = models.TextField(_("text in English"), blank=True)
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))
    places = models.PositiveSmallIntegerField(
        _("number of places"), validators=[MinValueValidator(1)]
    )
    training_place = models.CharField(
        _("where the training is"), max_length=200, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="recruitment_call_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def _in_language(self, field: str) -> str:
        """The reader's language, then English, then the programme's own."""
        for code in (
            translation.get_language() or "",
            "en",
            self.program.default_language,
        ):
            value = getattr(self, f"{field}_{code[:2]}", "")
            if value:
                return value
        return ""

    @property
    def title(self) -> str:
        return self._in_language("title")

    @property
    def text(self) -> str:
        return self._in_language("text")

    def is_open(self, today: date) -> bool:
        return self.opens_on <= today <= self.closes_on


class Availability(models.TextChoices):
    WEEKDAYS = "weekdays", _("Weekdays, daytime")
    EVENINGS = "evenings", _("Evenings")
    WEEKENDS = "weekends", _("Weekends")


class Application(models.Model):
    class Step(models.TextChoices):
        RECEIVED = "received", _("Received")
        CONVERSATION = "conversation", _("Conversation booked")
        OFFERED = "offered", _("Offered a place")
        ACCEPTED = "accepted", _("Accepted")
        RESERVE = "reserve", _("Reserve")
        DECLINED = "declined", _("Declined")

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="applications"
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    motivation = EncryptedTextField(_("why you want to be a peer supporter"))
    lived_experience = EncryptedTextField(_("your own experience"), blank=True)
    availability = models.JSONField(_("when you can"), default=list)
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGES)
    step = models.CharField(max_length=16, choices=Step.choices, default=Step.RECEIVED)
    received_at = models.DateTimeField(auto_now_add=True)
    step_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["received_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "email"], name="recruitment_one_application_per_email"
            )
        ]

    def __str__(self) -> str:
        return f"application {self.pk}"


class ApplicationMail(models.Model):
    """Outbox: written with the change it tells about, sent by the worker."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="mails"
    )
    step = models.CharField(max_length=16, choices=Application.Step.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    def __str__(self) -> str:
        return f"mail {self.pk} ({self.step})"


class ApplicantRead(models.Model):
    """Who read which application, and how. Append-only.

    Applicants have no account, so the participant access log cannot hold
    these; only ids are kept here, no applicant data.
    """

    class What(models.TextChoices):
        LIST = "list", _("List of applicants")
        APPLICATION = "application", _("One application")

    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    call_id_read = models.PositiveIntegerField()
    application_id_read = models.PositiveIntegerField()
    what = models.CharField(max_length=16, choices=What.choices)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"read {self.pk} ({self.what})"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("applicant reads are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("applicant reads are never deleted")
