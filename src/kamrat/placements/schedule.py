"""The matching event's timetable: one short meeting per mutual interest.

Plain Python, no Django. A peer supporter and an offer that both want to meet
form a pair; each pair gets a slot number (0, 1, 2 ...) so that nobody is in
two meetings in the same slot. Seen as a bipartite graph (supporters on one
side, offers on the other, pairs as edges) this is edge colouring, and by
König's theorem the fewest slots possible is the largest number of pairs that
any one supporter or offer has. The method here reaches that bound: each pair
takes a slot free for both sides, after swapping two slots along an
alternating path when no slot is free for both. The result depends only on
the set of pairs, never on their order.
"""

from collections import Counter
from collections.abc import Iterable

Pair = tuple[int, int]


def slots_needed(pairs: Iterable[Pair]) -> int:
    """The fewest slots any schedule of these pairs can have."""
    degree: Counter = Counter()
    for supporter, offer in set(pairs):
        degree["s", supporter] += 1
        degree["o", offer] += 1
    return max(degree.values(), default=0)


def schedule(pairs: Iterable[Pair]) -> dict[Pair, int]:
    """A slot number for each distinct (supporter id, offer id) pair.

    Each pair gets exactly one slot; no supporter and no offer has two pairs
    in one slot; the slots used are 0 to slots_needed(pairs) - 1.
    """
    unique = sorted(set(pairs))
    width = slots_needed(unique)
    # busy[node][slot] is the node met in that slot; nodes are tagged by side
    # so a supporter and an offer with the same id stay apart.
    busy: dict[tuple[str, int], dict[int, tuple[str, int]]] = {}
    for supporter, offer in unique:
        s, o = ("s", supporter), ("o", offer)
        at_s = busy.setdefault(s, {})
        at_o = busy.setdefault(o, {})
        a = _first_free(at_s, width)
        b = _first_free(at_o, width)
        if a not in at_o:
            _meet(busy, s, o, a)
            continue
        # a is free for the supporter but taken at the offer, and b the other
        # way round. Swap a and b along the path from the offer that alternates
        # a, b, a ...; in a bipartite graph it never reaches the supporter, so
        # afterwards a is free at both ends.
        _swap_along_path(busy, o, a, b)
        _meet(busy, s, o, a)
    return {
        (supporter, offer): slot
        for (side, supporter), meetings in busy.items()
        if side == "s"
        for slot, (_side, offer) in meetings.items()
    }


def _first_free(meetings: dict[int, object], width: int) -> int:
    for slot in range(width):
        if slot not in meetings:
            return slot
    raise AssertionError("a node has more pairs than the widest node")


def _meet(busy: dict, s: tuple, o: tuple, slot: int) -> None:
    busy[s][slot] = o
    busy[o][slot] = s


def _swap_along_path(busy: dict, start: tuple, a: int, b: int) -> None:
    path = []
    node, slot = start, a
    while slot in busy[node]:
        other = busy[node][slot]
        path.append((node, other, slot))
        node, slot = other, (b if slot == a else a)
    for left, right, slot in path:
        del busy[left][slot]
        del busy[right][slot]
    for left, right, slot in path:
        _meet(busy, left, right, b if slot == a else a)
