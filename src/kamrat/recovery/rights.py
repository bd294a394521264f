"""The person's rights over their plans: a copy of everything, and erasure."""

from kamrat.accounts.models import User
from kamrat.privacy.consents import consent_given
from kamrat.privacy.models import ConsentKind

from .models import Part, Plan
from .selectors import ItemView, plan_items
from .services import plan_erase


def _item(view: ItemView, labels: dict[str, str]) -> dict:
    row = {
        "part": view.part,
        "part_label": labels[view.part],
        "text": view.text,
        "shared_with_peer_supporter": view.shared,
    }
    if view.part == Part.STEP:
        row["done"] = view.done
    if view.part == Part.GOAL:
        row["steps"] = [_item(step, labels) for step in view.steps]
    return row


def export(user: User) -> dict:
    """Every plan of the person, opened and ready to be written as JSON."""
    labels = {value: str(label) for value, label in Part.choices}
    plans = []
    for plan in (
        Plan.objects.filter(participant=user).select_related("program").order_by("pk")
    ):
        plans.append(
            {
                "programme": plan.program.name,
                "created_at": plan.created_at.isoformat(),
                "updated_at": plan.updated_at.isoformat(),
                "shared_with_peer_supporter": consent_given(
                    user, plan.program, ConsentKind.RECOVERY_PLAN
                ),
                "items": [_item(view, labels) for view in plan_items(plan=plan)],
            }
        )
    return {"recovery_plans": plans}


def erase(user: User) -> None:
    """Delete the person's plans; their data keys go with them, so no copy opens."""
    plan_erase(participant=user)
