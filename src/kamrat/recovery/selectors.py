"""Reading a recovery plan back as text, for its owner or for a peer supporter."""

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kamrat.accounts.models import User
from kamrat.privacy.envelope import data_key_unwrap, unseal
from kamrat.programs.models import Program

from .models import Item, Part, Plan

# How the page groups the parts; routines and hard times hold several parts each.
SECTIONS: tuple[tuple[str, Promise, tuple[str, ...]], ...] = (
    ("strengths", _("My strengths"), (Part.STRENGTH,)),
    ("goals", _("My goals"), (Part.GOAL,)),
    (
        "routines",
        _("Everyday routines"),
        (Part.SLEEP, Part.FOOD, Part.MOVEMENT, Part.ROUTINE),
    ),
    (
        "hard-times",
        _("When things get hard"),
        (Part.EARLY_SIGN, Part.HELPS, Part.OTHERS_CAN_DO),
    ),
    ("support", _("People and places that support me"), (Part.SUPPORT,)),
)

# What a peer supporter sees instead, where the person's page says "my".
READER_TITLES: dict[str, Promise] = {
    "strengths": _("Strengths"),
    "goals": _("Goals"),
    "support": _("People and places that support them"),
    Part.HELPS: _("What helps"),
}

# A short label for adding, and an example as a hint; nothing is required.
PART_HINTS: dict[str, tuple[Promise, Promise]] = {
    Part.STRENGTH: (
        _("Add a strength"),
        _("For example: I listen well. I keep going."),
    ),
    Part.GOAL: (
        _("Add a goal"),
        _("For example: Get back to studying. Swim once a week."),
    ),
    Part.STEP: (
        _("Add a small step"),
        _("For example: Find out when the pool opens."),
    ),
    Part.SLEEP: (_("Add something about sleep"), _("For example: Phone off at 11 pm.")),
    Part.FOOD: (
        _("Add something about food"),
        _("For example: Breakfast, even a small one."),
    ),
    Part.MOVEMENT: (
        _("Add something about movement"),
        _("For example: A short walk after lunch."),
    ),
    Part.ROUTINE: (
        _("Add another routine"),
        _("For example: Call my sister on Sundays."),
    ),
    Part.EARLY_SIGN: (
        _("Add a sign"),
        _("In your own words. For example: I stop answering the phone."),
    ),
    Part.HELPS: (
        _("Add what helps"),
        _("For example: Music, a shower, talking to someone."),
    ),
    Part.OTHERS_CAN_DO: (
        _("Add what others can do"),
        _("For example: Ask me out for a walk. Listen before giving advice."),
    ),
    Part.SUPPORT: (
        _("Add a person or a place"),
        _("For example: My neighbour Lena. The library."),
    ),
}


@dataclass
class ItemView:
    id: int
    part: str
    text: str
    shared: bool
    done: bool
    first: bool = False
    last: bool = False
    steps: list["ItemView"] = field(default_factory=list)


@dataclass
class PartView:
    part: str
    label: Promise
    add_label: Promise
    hint: Promise
    items: list[ItemView]


@dataclass
class SectionView:
    slug: str
    title: Promise
    parts: list[PartView]

    @property
    def is_empty(self) -> bool:
        return not any(part.items for part in self.parts)


def plan_for_participant(*, participant: User, program: Program) -> Plan | None:
    return Plan.objects.filter(participant=participant, program=program).first()


def _mark_ends(items: list[ItemView]) -> list[ItemView]:
    for index, item in enumerate(items):
        item.first = index == 0
        item.last = index == len(items) - 1
    return items


def plan_items(*, plan: Plan | None, shared_only: bool = False) -> list[ItemView]:
    """Every item opened with the plan's data key; steps nested under their goals.

    With `shared_only`, only what the person chose to share; a step is shown only
    when both it and its goal are shared.
    """
    if plan is None:
        return []
    rows = Item.objects.filter(plan=plan).order_by("position", "id")
    if shared_only:
        rows = rows.filter(shared=True)
    data_key = data_key_unwrap(plan.wrapped_key)
    views = {
        row.pk: (
            row.goal_id,
            ItemView(
                id=row.pk,
                part=row.part,
                text=unseal(data_key, row.sealed_text, context=plan.context),
                shared=row.shared,
                done=row.done,
            ),
        )
        for row in rows
    }
    top = []
    for goal_id, view in views.values():
        if goal_id is None:
            top.append(view)
        elif goal_id in views:
            views[goal_id][1].steps.append(view)
    for view in top:
        _mark_ends(view.steps)
    return top


def plan_sections(
    *, items: list[ItemView], for_reader: bool = False
) -> list[SectionView]:
    """The plan's items in the order of the page, one list per part.

    `for_reader` words the headings for the peer supporter rather than the owner.
    """
    titles = READER_TITLES if for_reader else {}
    by_part: dict[str, list[ItemView]] = {}
    for item in items:
        by_part.setdefault(item.part, []).append(item)
    labels = dict(Part.choices)
    return [
        SectionView(
            slug=slug,
            title=titles.get(slug, title),
            parts=[
                PartView(
                    part=part,
                    label=titles.get(part, labels[part]),
                    add_label=PART_HINTS[part][0],
                    hint=PART_HINTS[part][1],
                    items=_mark_ends(by_part.get(part, [])),
                )
                for part in parts
            ],
        )
        for slug, title, parts in SECTIONS
    ]


def step_hint() -> tuple[Promise, Promise]:
    return PART_HINTS[Part.STEP]
