"""Small-number suppression: the one place that decides which counts are hidden.

Funders see aggregates only. Every count from 1 to THRESHOLD - 1 is shown as
"fewer than 5", so a report never tells that one or a few people did
something (primary suppression). Zero is shown: it is about no one, and
hiding it would hide real numbers beside it for nothing.

A hidden count must not be recoverable by subtraction either. Wherever the
report shows a total as the sum of its parts (a `Sum`), one more count is
hidden ("not shown") until:

- with the total shown, at least two parts are hidden and the hidden parts
  add up to THRESHOLD or more, so subtracting tells neither one of them nor a
  small group of them;
- with the total hidden, at least one part is hidden too, so adding up the
  parts does not give the total back.

The count hidden next is the smallest part still shown, or, when every part
is hidden, the total. Sums may share counts (the meetings held by way of
meeting add up to the "kept" row of the meetings by outcome), so the rules are
applied until no sum changes. This protects against subtraction, the way a
report is read; it is not a full audit against every combination of bounds.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

THRESHOLD = 5
FEWER_THAN = _("fewer than 5")
NOT_SHOWN = _("not shown")


@dataclass(frozen=True)
class Sum:
    """`total` equals the sum of `parts`, and the report shows all of them."""

    total: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class Hidden:
    small: frozenset[str]  # under THRESHOLD
    protecting: frozenset[str]  # hidden so a small one cannot be worked out

    def __contains__(self, key: object) -> bool:
        return key in self.small or key in self.protecting


def is_small(count: int) -> bool:
    return 0 < count < THRESHOLD


def _is_exposed(rule: Sum, counts: Mapping[str, int], hidden: set[str]) -> bool:
    hidden_parts = [key for key in rule.parts if key in hidden]
    if rule.total in hidden:
        return not hidden_parts
    if not hidden_parts:
        return False
    return len(hidden_parts) < 2 or is_small(sum(counts[k] for k in hidden_parts))


def hidden_keys(counts: Mapping[str, int], sums: Iterable[Sum]) -> Hidden:
    """Which counts to hide: the small ones, and those that protect them."""
    sums = list(sums)
    small = {key for key, count in counts.items() if is_small(count)}
    hidden = set(small)
    changed = True
    while changed:
        changed = False
        for rule in sums:
            if not _is_exposed(rule, counts, hidden):
                continue
            shown_parts = [key for key in rule.parts if key not in hidden]
            # Hiding a zero adds too little; take a part with people in it first.
            shown_parts = [k for k in shown_parts if counts[k]] or shown_parts
            if shown_parts:
                # The smallest, and of equal ones the first, so the result is stable.
                hidden.add(min(shown_parts, key=lambda key: counts[key]))
            elif rule.total not in hidden:
                hidden.add(rule.total)
            else:
                continue
            changed = True
    return Hidden(small=frozenset(small), protecting=frozenset(hidden - small))
