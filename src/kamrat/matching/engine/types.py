"""The values the matching engine takes and gives back.

All of them are frozen, so a caller can cache, compare and share them between
threads, and the engine can never change what the database layer handed it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

# Meeting forms that need no shared place; every other form is in person, so
# it needs the peer supporter to work in the participant's area.
REMOTE_MODES: frozenset[str] = frozenset({"video"})

# The order in which meeting forms are explained, so reasons read the same way
# every time whatever order the sets came in.
MODES: tuple[str, ...] = (
    "ward",
    "clinic",
    "video",
    "walk",
    "fika",
    "activity",
    "accompany",
)


@dataclass(frozen=True, slots=True)
class Preference:
    """A soft wish of the participant: a supporter trait and how much it matters.

    `trait` is matched against the supporter's attributes (for example
    "gender:woman", "age:18-29") and against the traits the engine derives
    from the supporter's other fields: "mode:walk", "language:en", "area:3".
    """

    trait: str
    weight: int

    def __post_init__(self) -> None:
        if self.weight < 0:
            raise ValueError("a preference weight cannot be negative")


@dataclass(frozen=True, slots=True)
class Request:
    """A participant's request for a peer supporter, as the engine needs it.

    `area_id` None means the participant has no place (any area, or video
    only). `topics` are what they want support with, matched against the
    supporter attributes "topic:<name>".
    """

    id: int
    program_id: int
    languages: frozenset[str]
    area_id: int | None
    modes: frozenset[str]
    availability: frozenset[int]
    excluded_supporter_ids: frozenset[int] = frozenset()
    preferences: tuple[Preference, ...] = ()
    topics: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Supporter:
    """A peer supporter as the engine needs them: who, where, when and how many.

    `load` counts the participants they already support; `capacity` is the
    most they agreed to. `attributes` are free-form traits such as
    "gender:woman", "age:30-49" or "topic:work".
    """

    id: int
    program_id: int
    languages: frozenset[str]
    area_ids: frozenset[int]
    modes: frozenset[str]
    availability: frozenset[int]
    capacity: int
    load: int = 0
    accepting_new: bool = True
    attributes: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.capacity < 0 or self.load < 0:
            raise ValueError("capacity and load cannot be negative")

    @property
    def free_places(self) -> int:
        """How many new participants this supporter can still take."""
        if not self.accepting_new:
            return 0
        return max(0, self.capacity - self.load)


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each soft criterion costs; integers so optimal means exactly optimal.

    Costs only rank supporters against each other: a participant never sees
    them. `slot_target` is how many shared weekly slots count as plenty; each
    one short of it costs `slot`. The `fairness` term makes a supporter's
    n-th active participant cost `fairness * (n - 1)`, which grows with
    every participant they already have, so equally good supporters take turns.
    """

    slot: int = 2
    slot_target: int = 3
    topic: int = 3
    fairness: int = 1

    def __post_init__(self) -> None:
        if min(self.slot, self.slot_target, self.topic, self.fairness) < 0:
            raise ValueError("weights cannot be negative")


@dataclass(frozen=True, slots=True)
class Reason:
    """One machine-readable reason why a supporter fits, for a translated sentence.

    Codes: "language" (a language code), "area" (an area id), "mode" (a
    meeting form), "free" (a weekly slot both have free), "topic" (a topic the
    supporter knows), "preference" (a wished trait the supporter has).
    """

    code: str
    value: str | int


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A feasible supporter for one request, with the cost that ranked them."""

    supporter_id: int
    cost: int
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class AssignmentResult:
    """The outcome of matching many requests at once.

    `assignments` maps request id -> supporter id; `unassigned` lists the
    other request ids, in order. `total_cost` sums the pair costs and the
    fairness cost of every new participant. `penalty` is what leaving one
    request unassigned costs: more than any whole assignment costs, so the
    engine assigns as many requests as possible before it looks at cost.
    `objective` is the number the engine minimised.
    """

    assignments: Mapping[int, int] = field(default_factory=lambda: MappingProxyType({}))
    unassigned: tuple[int, ...] = ()
    total_cost: int = 0
    penalty: int = 0

    @property
    def objective(self) -> int:
        """Total cost plus the penalty for every request left unassigned."""
        return self.total_cost + self.penalty * len(self.unassigned)
