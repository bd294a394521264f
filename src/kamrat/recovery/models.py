from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kamrat.accounts.models import User
from kamrat.programs.models import Program


class Part(models.TextChoices):
    """The parts of a plan, after CHIME; every item is the person's own words."""

    STRENGTH = "strength", _("My strengths")
    GOAL = "goal", _("My goals")
    STEP = "step", _("Small steps")
    SLEEP = "sleep", _("Sleep")
    FOOD = "food", _("Food")
    MOVEMENT = "movement", _("Movement")
    ROUTINE = "routine", _("Other routines")
    EARLY_SIGN = "early_sign", _("Signs that things are getting hard")
    HELPS = "helps", _("What helps me")
    OTHERS_CAN_DO = "others", _("What others can do")
    SUPPORT = "support", _("People and places that support me")


class Plan(models.Model):
    """A participant's recovery plan in one programme, with its own data key.

    One data key per plan: every item in it belongs to the same person and lives
    as long as the plan, so a key per item would add keys without adding
    protection. Deleting the plan deletes the key, and with it any copy of the
    content left in a backup becomes unreadable once the backup's master key goes.
    """

    participant = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="recovery_plans"
    )
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    # The data key, wrapped with the newest master key in FIELD_ENCRYPTION_KEYS.
    wrapped_key = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "program"], name="recovery_plan_one_per_program"
            )
        ]

    def __str__(self) -> str:
        return f"plan #{self.pk}"

    @property
    def context(self) -> bytes:
        """Binds sealed items to this plan, so a value moved elsewhere will not open."""
        return f"recovery.plan:{self.pk}".encode()


class Item(models.Model):
    """One thing the person wrote; the text is sealed with the plan's data key."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    part = models.CharField(max_length=12, choices=Part.choices)
    # Small steps belong to a goal; every other item has none.
    goal = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="steps"
    )
    position = models.PositiveIntegerField(default=0)
    sealed_text = models.TextField()
    shared = models.BooleanField(default=False)
    done = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(part="step", goal__isnull=False)
                | (~Q(part="step") & Q(goal__isnull=True)),
                name="recovery_item_steps_have_a_goal",
            )
        ]

    def __str__(self) -> str:
        return f"{self.part} #{self.pk}"
