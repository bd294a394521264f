"""Which requests each supporter may take, and what each pair costs, in bulk.

Checking every request against every supporter one pair at a time is too slow
for a region's whole queue (10 000 requests x 2 000 supporters is 20 million
pairs). Instead each programme gets bit sets over its requests, one per
language, weekly slot and meeting form (per area for in-person forms), and a
supporter's feasible requests are a handful of AND/OR operations on them. The
costs of a supporter's list are then computed by C-level passes over it.
The results equal `rules.is_feasible` and `rules.pair_cost` pair by pair.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import add, and_, itemgetter

from .rules import supporter_traits
from .types import REMOTE_MODES, Request, Supporter, Weights

# bin() digits, least significant first, turned into 0/1 bytes for compress().
_BINARY_DIGITS = bytes.maketrans(b"01", b"\x00\x01")


@dataclass(slots=True)
class _Programme:
    """Bit sets over one programme's requests; bit i is request `members[i]`."""

    members: list[int] = field(default_factory=list)  # index into the requests
    languages: dict[str, int] = field(default_factory=dict)
    slots: dict[int, int] = field(default_factory=dict)
    modes: dict[str, int] = field(default_factory=dict)  # any area will do
    local_modes: dict[tuple[str, int], int] = field(default_factory=dict)
    excluding: dict[int, int] = field(default_factory=dict)  # supporter id -> bits
    availability: list[int] = field(default_factory=list)  # per bit: slot mask
    # What a request loses when the supporter lacks a trait (0: no wish), and
    # what it would lose if the supporter lacked every wished trait.
    wishes: dict[str, list[int]] = field(default_factory=dict)
    most: list[int] = field(default_factory=list)
    # The same numbers side by side in one integer per trait, a fixed-width
    # field per request, so that one subtraction handles a whole column.
    packed_wishes: dict[str, int] = field(default_factory=dict)
    packed_most: int = 0
    field_code: str = "B"

    def pack(self) -> None:
        """Pack the wish columns; the largest total decides the field width."""
        top = max(self.most, default=0)
        for code in "BHIQ":
            if top < 1 << (8 * array(code).itemsize):
                self.field_code = code
                break
        else:
            raise ValueError("preference weights are too large to add up")
        self.packed_most = _pack(self.most, self.field_code)
        self.packed_wishes = {
            trait: _pack(column, self.field_code)
            for trait, column in self.wishes.items()
        }

    def lacking(self, traits: frozenset[str]) -> array[int]:
        """Per request, the weight of its wishes that these traits leave unmet.

        Whole columns are subtracted at once as big integers: a field never
        borrows from its neighbour, since a request's wishes add up to its
        field in `packed_most`.
        """
        total = self.packed_most
        for trait in traits:
            column = self.packed_wishes.get(trait)
            if column is not None:
                total -= column
        fields = array(self.field_code)
        fields.frombytes(total.to_bytes(fields.itemsize * len(self.members), "little"))
        if sys.byteorder == "big":
            fields.byteswap()
        return fields


def _pack(values: list[int], code: str) -> int:
    """Values as one integer, each in its own little-endian field, first lowest."""
    fields = array(code, values)
    if sys.byteorder == "big":
        fields.byteswap()
    return int.from_bytes(fields.tobytes(), "little")


def _wanted(request: Request, weights: Weights) -> dict[str, int]:
    """Trait -> what its absence costs; a topic and a preference for it add up."""
    wanted: dict[str, int] = {}
    for preference in request.preferences:
        if preference.weight:
            wanted[preference.trait] = (
                wanted.get(preference.trait, 0) + preference.weight
            )
    if weights.topic:
        for topic in request.topics:
            trait = f"topic:{topic}"
            wanted[trait] = wanted.get(trait, 0) + weights.topic
    return wanted


def _index(
    requests: Sequence[Request], weights: Weights, slot_bit: dict[int, int]
) -> dict[int, _Programme]:
    """Bit sets per programme; `slot_bit` numbers every slot a request offers."""
    programmes: dict[int, _Programme] = {}
    for index, request in enumerate(requests):
        programme = programmes.get(request.program_id)
        if programme is None:
            programme = programmes[request.program_id] = _Programme()
        position = len(programme.members)
        bit = 1 << position
        programme.members.append(index)
        for language in request.languages:
            programme.languages[language] = programme.languages.get(language, 0) | bit
        mask = 0
        for slot in request.availability:
            programme.slots[slot] = programme.slots.get(slot, 0) | bit
            mask |= 1 << slot_bit.setdefault(slot, len(slot_bit))
        programme.availability.append(mask)
        for mode in request.modes:
            if request.area_id is None or mode in REMOTE_MODES:
                programme.modes[mode] = programme.modes.get(mode, 0) | bit
            else:
                key = (mode, request.area_id)
                programme.local_modes[key] = programme.local_modes.get(key, 0) | bit
        for supporter_id in request.excluded_supporter_ids:
            programme.excluding[supporter_id] = (
                programme.excluding.get(supporter_id, 0) | bit
            )
        wanted = _wanted(request, weights)
        programme.most.append(sum(wanted.values()))
        for trait, weight in wanted.items():
            column = programme.wishes.get(trait)
            if column is None:
                column = programme.wishes[trait] = [0] * position
            column.append(weight)
        for column in programme.wishes.values():
            if len(column) == position:
                column.append(0)
    for programme in programmes.values():
        programme.pack()
    return programmes


def _picker(positions: list[int]) -> Callable[[Sequence[int]], tuple[int, ...]]:
    """itemgetter for these positions that returns a tuple even for one."""
    if len(positions) == 1:
        only = positions[0]
        return lambda values: (values[only],)
    return itemgetter(*positions)


def supporter_lists(
    requests: Sequence[Request],
    supporters: Sequence[Supporter],
    weights: Weights,
) -> tuple[list[list[int]], list[list[int]]]:
    """For each supporter: the requests they may take, and the pair costs.

    Request indices point into `requests`. Each list is sorted by cost, then
    by request index. A supporter without free places gets empty lists.
    """
    slot_bit: dict[int, int] = {}
    programmes = _index(requests, weights, slot_bit)
    slot_cost = [
        weights.slot * max(0, weights.slot_target - n) for n in range(len(slot_bit) + 1)
    ]
    longest = max((len(p.members) for p in programmes.values()), default=0)
    numbers = list(range(longest))
    targets: list[list[int]] = []
    costs: list[list[int]] = []
    for supporter in supporters:
        programme = programmes.get(supporter.program_id)
        if programme is None or supporter.free_places <= 0:
            targets.append([])
            costs.append([])
            continue
        can = 0
        for language in supporter.languages:
            can |= programme.languages.get(language, 0)
        when = 0
        mask = 0
        for slot in supporter.availability:
            when |= programme.slots.get(slot, 0)
            bit = slot_bit.get(slot)
            if bit is not None:
                mask |= 1 << bit
        can &= when
        if can:
            how = 0
            for mode in supporter.modes:
                how |= programme.modes.get(mode, 0)
                if mode not in REMOTE_MODES:
                    for area_id in supporter.area_ids:
                        how |= programme.local_modes.get((mode, area_id), 0)
            can &= how
        can &= ~programme.excluding.get(supporter.id, 0)
        if not can:
            targets.append([])
            costs.append([])
            continue
        digits = bin(can)[:1:-1].encode("ascii").translate(_BINARY_DIGITS)
        positions = list(compress(numbers, digits))
        pick = _picker(positions)
        # How far the shared slots fall short of the target ...
        shared = map(and_, pick(programme.availability), repeat(mask))
        short = map(slot_cost.__getitem__, map(int.bit_count, shared))
        # ... plus every wished trait the supporter lacks.
        lacking = pick(programme.lacking(supporter_traits(supporter)))
        row = list(map(add, short, lacking))
        order = sorted(range(len(row)), key=row.__getitem__)
        if len(order) > 1:
            ordered = itemgetter(*order)
            targets.append(list(ordered(pick(programme.members))))
            costs.append(list(ordered(row)))
        else:
            targets.append([programme.members[positions[0]]])
            costs.append(row)
    return targets, costs
