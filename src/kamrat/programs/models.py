from django.db import models
from django.utils.translation import gettext_lazy as _


class Country(models.TextChoices):
    SWEDEN = "SE", _("Sweden")
    DENMARK = "DK", _("Denmark")


TIME_ZONES = {Country.SWEDEN: "Europe/Stockholm", Country.DENMARK: "Europe/Copenhagen"}


class ProgramQuerySet(models.QuerySet["Program"]):
    def public(self) -> "ProgramQuerySet":
        return self.filter(is_public=True)


class Program(models.Model):
    """A peer support programme: the tenant every other record belongs to."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=120)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    default_language = models.CharField(
        _("default language"),
        max_length=5,
        choices=[("sv", "Svenska"), ("da", "Dansk"), ("en", "English")],
    )
    organisation = models.CharField(_("organisation"), max_length=160, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    is_public = models.BooleanField(_("shown on the public pages"), default=True)
    show_reader_names = models.BooleanField(
        _("show staff names in participants' access logs"),
        default=False,
        help_text=_("Otherwise participants see the role and unit of who read."),
    )
    video_base_url = models.URLField(
        _("video server"),
        blank=True,
        help_text=_("Jitsi Meet server for video meetings; empty uses the default."),
    )

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name

    @property
    def time_zone(self) -> str:
        return TIME_ZONES[self.country]


class Area(models.Model):
    """A region, municipality or district a programme works in."""

    class Kind(models.TextChoices):
        REGION = "region", _("Region")
        MUNICIPALITY = "municipality", _("Municipality")
        DISTRICT = "district", _("District")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="areas")
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "name"], name="area_unique_name_per_program"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Workplace(models.Model):
    """A ward, clinic or service that hosts peer supporters or refers people."""

    class Kind(models.TextChoices):
        WARD = "ward", _("Ward")
        OUTPATIENT_CLINIC = "outpatient_clinic", _("Outpatient clinic")
        SOCIAL_PSYCHIATRY = "social_psychiatry", _("Social psychiatry")
        MUNICIPAL_SERVICE = "municipal_service", _("Municipal service")
        ASSOCIATION = "association", _("Association")

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="workplaces"
    )
    area = models.ForeignKey(
        Area, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=160)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "name"], name="workplace_unique_name_per_program"
            )
        ]

    def __str__(self) -> str:
        return self.name


class CrisisContact(models.Model):
    """A number to call when things are urgent; shown in every page's footer."""

    class Kind(models.TextChoices):
        EMERGENCY = "emergency", _("Emergency")
        HEALTH_ADVICE = "health_advice", _("Health care advice")
        SUICIDE_LINE = "suicide_line", _("Suicide prevention line")

    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=80)
    number = models.CharField(_("number"), max_length=20)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["country", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "number"], name="crisis_contact_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.number}"

    @property
    def tel(self) -> str:
        return "".join(ch for ch in self.number if ch.isdigit() or ch == "+")
