"""The words a participant chooses from. None of them is about diagnosis or health."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    STRENGTHS = "strengths", _("My strengths and how I see myself")
    GOALS = "goals", _("Recovery goals that matter to me")
    ROUTINES = "routines", _("Everyday routines, like sleep and food")
    GROUPS = "groups", _("Finding groups and activities")
    CARE_CONTACTS = "care_contacts", _("Contact with care and authorities")
    WORK = "work", _("The way back to work or studies")
    TALK = "talk", _("Just talking")


class Mode(models.TextChoices):
    WARD = "ward", _("On the ward")
    CLINIC = "clinic", _("At the clinic")
    VIDEO = "video", _("By video")
    WALK = "walk", _("Walk-and-talk")
    FIKA = "fika", _("Over a fika")
    ACTIVITY = "activity", _("An activity or a game")
    ACCOMPANY = "accompany", _("Company to an appointment")


IN_PERSON_MODES = frozenset(m.value for m in Mode) - {Mode.VIDEO.value}


class DayPart(models.IntegerChoices):
    MORNING = 0, _("Morning")
    AFTERNOON = 1, _("Afternoon")
    EVENING = 2, _("Evening")


# Day parts as hours in local time: [start, end).
DAY_PART_HOURS = {0: (8, 12), 1: (12, 17), 2: (17, 21)}


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


def slot(weekday: int, part: int) -> int:
    """A weekly slot: weekday and part of day packed in one small number (0-20)."""
    return weekday * 3 + part


def slot_label(value: int) -> str:
    """'Tuesday morning', with the word order left to each language."""
    day, part = divmod(value, 3)
    return _("%(day)s %(part)s") % {
        "day": Weekday(day).label,
        "part": str(DayPart(part).label).lower(),
    }


def slot_choices() -> list[tuple[int, str]]:
    return [(value, slot_label(value)) for value in range(21)]


class Gender(models.TextChoices):
    WOMAN = "woman", _("A woman")
    MAN = "man", _("A man")
    NONBINARY = "nonbinary", _("Non-binary")


class AgeGroup(models.TextChoices):
    YOUNG = "18-29", _("18–29 years")
    MIDDLE = "30-49", _("30–49 years")
    OLDER = "50+", _("50 years or older")


class OverrideReason(models.TextChoices):
    """Why a coordinator chose someone not suggested: a fixed list, no free text."""

    PARTICIPANT_ASKED = "participant_asked", _("The participant asked for this person")
    CONTINUITY = "continuity", _("They have met before and it went well")
    ACCESS_NEED = "access_need", _("Language or accessibility need")
    WORKLOAD = "workload", _("Spreading the workload in the team")
    PRACTICAL = "practical", _("Practical reasons: place or time")
