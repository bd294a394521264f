"""Writing a recovery plan: every text is sealed with the plan's own data key."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from kamrat.accounts.models import User
from kamrat.privacy.consents import consent_given, consent_set
from kamrat.privacy.envelope import (
    data_key_is_current,
    data_key_new,
    data_key_rewrap,
    data_key_unwrap,
    data_key_wrap,
    seal,
    unseal,
)
from kamrat.privacy.models import ConsentEvent, ConsentKind
from kamrat.programs.models import Program

from .models import Item, Part, Plan

MAX_TEXT = 1000


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(gettext("Write a few words first. Nothing was saved."))
    if len(text) > MAX_TEXT:
        raise ValidationError(
            gettext("Please keep it under %(count)s characters. Nothing was saved.")
            % {"count": MAX_TEXT}
        )
    return text


def _plan_locked(*, participant: User, program: Program) -> Plan:
    """The plan, locked for this transaction; made with a fresh data key if new.

    The lock keeps a key rotation from replacing the data key between reading it
    and sealing a text with it.
    """
    plan = (
        Plan.objects.select_for_update()
        .filter(participant=participant, program=program)
        .first()
    )
    if plan is None:
        plan = Plan.objects.create(
            participant=participant,
            program=program,
            wrapped_key=data_key_wrap(data_key_new()),
        )
    return plan


def _touch(plan: Plan) -> None:
    plan.updated_at = timezone.now()
    plan.save(update_fields=["updated_at"])


def _siblings(item: Item):
    return Item.objects.filter(plan_id=item.plan_id, part=item.part, goal=item.goal_id)


@transaction.atomic
def item_add(
    *,
    participant: User,
    program: Program,
    part: str,
    text: str,
    shared: bool = False,
    goal: Item | None = None,
) -> Item:
    """Add one item at the end of its part; a step needs the goal it belongs to."""
    text = _clean_text(text)
    if part not in Part.values or (part == Part.STEP) != (goal is not None):
        raise ValidationError(gettext("That part of the plan does not exist."))
    plan = _plan_locked(participant=participant, program=program)
    if goal is not None and (goal.plan_id != plan.pk or goal.part != Part.GOAL):
        raise ValidationError(gettext("That part of the plan does not exist."))
    last = Item.objects.filter(plan=plan, part=part, goal=goal).aggregate(
        last=Max("position")
    )["last"]
    item = Item.objects.create(
        plan=plan,
        part=part,
        goal=goal,
        position=0 if last is None else last + 1,
        sealed_text=seal(data_key_unwrap(plan.wrapped_key), text, context=plan.context),
        shared=shared,
    )
    _touch(plan)
    return item


@transaction.atomic
def item_change(*, item: Item, text: str, shared: bool) -> Item:
    """Replace an item's words and whether it is shared."""
    text = _clean_text(text)
    plan = Plan.objects.select_for_update().get(pk=item.plan_id)
    item.sealed_text = seal(
        data_key_unwrap(plan.wrapped_key), text, context=plan.context
    )
    item.shared = shared
    item.save(update_fields=["sealed_text", "shared"])
    _touch(plan)
    return item


@transaction.atomic
def item_share(*, item: Item, shared: bool) -> Item:
    item.shared = shared
    item.save(update_fields=["shared"])
    return item


@transaction.atomic
def step_mark(*, item: Item, done: bool) -> Item:
    """Mark a small step done, or not done after all."""
    if item.part != Part.STEP:
        raise ValidationError(gettext("Only small steps can be marked done."))
    item.done = done
    item.save(update_fields=["done"])
    return item


@transaction.atomic
def item_move(*, item: Item, up: bool) -> Item:
    """Swap an item with its neighbour in the same part; at either end, nothing."""
    siblings = list(_siblings(item).select_for_update().order_by("position", "id"))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for position, sibling in enumerate(siblings):
            sibling.position = position
        Item.objects.bulk_update(siblings, ["position"])
        item.refresh_from_db(fields=["position"])
    return item


@transaction.atomic
def item_remove(*, item: Item) -> None:
    """Remove an item; a goal takes its small steps with it."""
    item.delete()


@transaction.atomic
def plan_sharing_set(
    *, participant: User, program: Program, shared: bool
) -> ConsentEvent | None:
    """Turn sharing with the peer supporter on or off, as a consent event.

    Nothing is recorded when the choice is already what holds.
    """
    kind = ConsentKind.RECOVERY_PLAN
    if consent_given(participant, program, kind) == shared:
        return None
    try:
        return consent_set(
            participant=participant, program=program, kind=kind, granted=shared
        )
    except ValueError:
        raise ValidationError(
            gettext("Sharing is not possible in this programme yet.")
        ) from None


def plan_erase(*, participant: User) -> int:
    """Delete every plan of the person; their data keys go with the rows."""
    deleted, _per_model = Plan.objects.filter(participant=participant).delete()
    return deleted


def plan_keys_rotate(*, batch_size: int = 200, replace: bool = False) -> dict[str, int]:
    """Re-wrap every plan's data key with the newest master key, in batches.

    With `replace`, each plan gets a new data key and its items are sealed again
    with it, for when a data key may have been exposed.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    counts = {"rewrapped": 0, "current": 0, "replaced": 0, "items": 0}
    last = 0
    while True:
        with transaction.atomic():
            batch = list(
                Plan.objects.select_for_update()
                .filter(pk__gt=last)
                .order_by("pk")[:batch_size]
            )
            if not batch:
                return counts
            changed = []
            for plan in batch:
                if replace:
                    counts["items"] += _data_key_replace(plan)
                    counts["replaced"] += 1
                elif data_key_is_current(plan.wrapped_key):
                    counts["current"] += 1
                    continue
                else:
                    plan.wrapped_key = data_key_rewrap(plan.wrapped_key)
                    counts["rewrapped"] += 1
                changed.append(plan)
            Plan.objects.bulk_update(changed, ["wrapped_key"])
            last = batch[-1].pk


def _data_key_replace(plan: Plan) -> int:
    old = data_key_unwrap(plan.wrapped_key)
    new = data_key_new()
    items = list(plan.items.all())
    for item in items:
        text = unseal(old, item.sealed_text, context=plan.context)
        item.sealed_text = seal(new, text, context=plan.context)
    Item.objects.bulk_update(items, ["sealed_text"])
    plan.wrapped_key = data_key_wrap(new)
    return len(items)
