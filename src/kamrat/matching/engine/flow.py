"""Minimum-cost maximum flow from peer supporters to requests.

The network: a source feeds each supporter, one arc per free place, the j-th
costing the fairness cost of their j-th new participant (so the arcs get
dearer); each supporter reaches the requests it may take, at the pair cost;
each request class reaches the sink once per request in it, at no cost. The
maximum flow assigns as many requests as possible, and among those flows the
cheapest is the optimal assignment, fairness included.

The method is the primal-dual one. A Dijkstra search over reduced costs finds
the length of the shortest augmenting path and the node potentials move by
it; then depth-first search takes augmenting paths of reduced cost zero
until there are none, and the next search starts. Costs are small integers,
so there are few distinct path lengths and so few searches.

Three facts about this network keep each search short, which is what lets a
region's whole queue fit in seconds of pure Python:

- A request class that still has room is never entered by the search, so its
  potential stays 0, the sink's. The best such class for a supporter is then
  the cheapest one in its list with room; the lists are sorted by cost once,
  and a pointer that only moves forward finds it.
- The potential of a full class is at most 0, so a supporter only needs to
  look at full classes no dearer than its best one with room; a binary search
  cuts its sorted list there.
- A supporter that can no longer reach any class with room never will again,
  so such supporters are dropped from the sources for good.

Supporters feed the flow, rather than requests, because in a long queue most
unassigned requests would stay sources and be scanned by every search.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import deque
from collections.abc import Callable
from heapq import heapify, heappop, heappush
from itertools import compress, count, islice, repeat
from operator import le, sub

# Above every distance however large the weights; Python compares it with ints.
_INF = float("inf")

# Look for cut-off sources when a round takes fewer paths than 1 per this many
# sources; the search is exact either way, this only trades work.
PRUNE_RATIO = 8


class _Flow:
    """The residual network and its potentials while the flow grows."""

    def __init__(
        self,
        marginals: list[list[int]],
        counts: list[int],
        targets: list[list[int]],
        costs: list[list[int]],
    ) -> None:
        self.marginals = marginals
        self.counts = counts
        self.targets = targets
        self.costs = costs
        self.sources_of: list[list[int]] | None = None  # class -> supporters
        n_supporters = len(marginals)
        n_classes = len(counts)
        self.taken = [0] * n_supporters  # new participants per supporter
        self.places = [len(m) for m in marginals]
        self.filled = [0] * n_classes  # requests of each class assigned
        self.open = bytearray(1 if c > 0 else 0 for c in counts)  # has room
        # class -> supporter -> [units, pair cost], and its mirror
        self.owners: list[dict[int, list[int]]] = [{} for _ in range(n_classes)]
        self.holds: list[set[int]] = [set() for _ in range(n_supporters)]
        # Potentials; the sink's is 0 throughout, like every class with room.
        self.p_source = 0
        self.p_supporter = [0] * n_supporters
        self.p_class = [0] * n_classes
        self.first_open = [0] * n_supporters  # every class before it is full
        self.dist_s: list[float] = [_INF] * n_supporters
        self.dist_r: list[float] = [_INF] * n_classes
        # From the last search: settled supporter -> arcs (class, cost) that
        # were as short as the best way into that class.
        self.children: dict[int, list[tuple[int, int]]] = {}

    def advance(self, s: int) -> int:
        """Move s's pointer past full classes and return it."""
        row = self.targets[s]
        p = self.first_open[s]
        if p < len(row) and not self.open[row[p]]:
            rest = map(self.open.__getitem__, islice(row, p, None))
            p = next(compress(count(p), rest), len(row))
            self.first_open[s] = p
        return p

    def run(self) -> None:
        """Grow the flow until no augmenting path is left."""
        live = [
            s for s in range(len(self.marginals)) if self.places[s] and self.targets[s]
        ]
        while True:
            live = [s for s in live if self.taken[s] < self.places[s]]
            if not live or not self._search(live):
                return
            gained = self._augment_all(live)
            if not gained:
                # A search that reaches the sink always leaves a zero-cost
                # path behind; failing here means the potentials are broken.
                raise RuntimeError("the matching flow made no progress")
            if gained * PRUNE_RATIO < len(live):
                # Few paths for many sources: many of them may be cut off from
                # every class with room, and would be searched from in vain.
                live = self._reachable(live)

    def _search(self, live: list[int]) -> bool:
        """Dijkstra from the source to the sink, then the new potentials.

        Returns False when the sink cannot be reached: the flow is maximum.
        """
        n_supporters = len(self.marginals)
        marginals, taken = self.marginals, self.taken
        targets, costs, owners = self.targets, self.costs, self.owners
        p_supporter, p_class = self.p_supporter, self.p_class
        dist_s, dist_r = self.dist_s, self.dist_r
        advance = self.advance
        heap: list[tuple[int, int]] = []
        best: float = _INF
        for s in live:
            d = marginals[s][taken[s]] - p_supporter[s] + self.p_source
            dist_s[s] = d
            heap.append((d, s))
            # An upper bound from the start keeps the first scans short.
            p = advance(s)
            if p < len(targets[s]):
                best = min(best, d + p_supporter[s] + costs[s][p])
        heapify(heap)
        seen_s = list(live)
        seen_r: list[int] = []
        settled_s: list[int] = []
        settled_r: list[int] = []
        children: dict[int, list[tuple[int, int]]] = {}
        self.children = children
        while heap:
            d, node = heappop(heap)
            if d >= best:
                break
            if node < n_supporters:
                if dist_s[node] != d:
                    continue
                settled_s.append(node)
                base = d + p_supporter[node]
                row = targets[node]
                row_costs = costs[node]
                p = advance(node)
                if p < len(row) and base + row_costs[p] < best:
                    best = base + row_costs[p]
                # Full classes: only those no dearer than the best end count.
                end = bisect_right(row_costs, best - base, 0, p)
                if not end:
                    continue
                classes = row[:end]
                reach = list(
                    map(
                        sub,
                        map(base.__add__, row_costs[:end]),
                        map(p_class.__getitem__, classes),
                    )
                )
                # Arcs as short as the best known way in are kept for the
                # zero-cost paths taken after the search.
                kept: list[tuple[int, int]] = []
                keep = kept.append
                tight = map(le, reach, map(dist_r.__getitem__, classes))
                # row_costs runs on past `end`; zip stops with the others.
                arcs = zip(classes, reach, row_costs, strict=False)
                for r, nd, cost in compress(arcs, tight):
                    if nd <= best:
                        keep((r, cost))
                        if nd < dist_r[r]:
                            if dist_r[r] == _INF:
                                seen_r.append(r)
                            dist_r[r] = nd
                            heappush(heap, (nd, n_supporters + r))
                children[node] = kept
            else:
                r = node - n_supporters
                if dist_r[r] != d:
                    continue
                settled_r.append(r)
                base = d + p_class[r]
                for s, (_, cost) in owners[r].items():
                    nd = base - cost - p_supporter[s]
                    if nd < dist_s[s]:
                        if dist_s[s] == _INF:
                            seen_s.append(s)
                        dist_s[s] = nd
                        heappush(heap, (nd, s))
        if best < _INF:
            # Nodes settled before the sink move by their distance, all others
            # by the sink's; moving everything by `best` changes no reduced
            # cost, so only the settled ones need touching.
            for s in settled_s:
                p_supporter[s] += dist_s[s] - best
            for r in settled_r:
                p_class[r] += dist_r[r] - best
            self.p_source -= best
        for s in seen_s:
            dist_s[s] = _INF
        for r in seen_r:
            dist_r[r] = _INF
        return best < _INF

    def _reachable(self, live: list[int]) -> list[int]:
        """The sources that can still reach a class with room.

        A search backwards from the classes with room over the residual arcs.
        The set of nodes a cut-off source reaches has no residual arc out of
        it, so no augmenting path ever enters it: dropping the source is exact.
        """
        sources_of = self.sources_of
        if sources_of is None:
            sources_of = self.sources_of = [[] for _ in self.counts]
            for s, row in enumerate(self.targets):
                deque(map(list.append, map(sources_of.__getitem__, row), repeat(s)), 0)
        holds, is_open = self.holds, self.open
        remaining = set(live)
        found_s: set[int] = set()
        found_r = bytearray(is_open)
        frontier = [r for r in range(len(is_open)) if is_open[r]]
        while frontier:
            reached: set[int] = set()
            for r in frontier:
                row = sources_of[r]
                reached.update(row)
                remaining.difference_update(row)
                if not remaining:
                    return live
            reached -= found_s
            found_s |= reached
            frontier = []
            for s in reached:
                for r in holds[s]:
                    if not found_r[r]:
                        found_r[r] = 1
                        frontier.append(r)
        return [s for s in live if s not in remaining]

    def _augment_all(self, live: list[int]) -> int:
        """Take augmenting paths of reduced cost zero; return how many.

        Rounds of depth-first search repeat until one finds nothing. A path
        that a round misses is found by the next search, at the same length.
        """
        gained = 0
        while True:
            found = self._augment_round(live)
            gained += found
            if not found:
                return gained

    def _zero_arcs(self, s: int) -> list[int]:
        """The full classes s reaches along arcs of reduced cost zero, last first."""
        level = self.p_supporter[s]
        p_class = self.p_class
        kept = self.children.get(s)
        if kept is not None:
            found = [r for r, cost in kept if cost + level == p_class[r]]
        else:
            # Not settled by the search: only its plain list can tell.
            p = self.advance(s)
            row_costs = self.costs[s]
            end = bisect_right(row_costs, -level, 0, p)
            classes = self.targets[s][:end]
            gaps = map(sub, map(p_class.__getitem__, classes), row_costs[:end])
            found = list(compress(classes, map(level.__eq__, gaps)))
        found.reverse()
        return found

    def _augment_round(self, live: list[int]) -> int:
        """One round of depth-first search for zero-cost augmenting paths.

        A path starts at a supporter whose next free place costs exactly its
        potential, may hand full requests on from one supporter to another
        along zero-cost arcs, and ends at a class with room.
        """
        marginals, taken, places = self.marginals, self.taken, self.places
        targets, costs, owners = self.targets, self.costs, self.owners
        p_supporter, p_class = self.p_supporter, self.p_class
        advance: Callable[[int], int] = self.advance
        dead: set[int] = set()
        exhausted: set[int] = set()  # full classes that lead nowhere this round
        options: dict[int, list[int]] = {}
        gained = 0
        for start in live:
            while (
                taken[start] < places[start]
                and start not in dead
                and marginals[start][taken[start]] - p_supporter[start] + self.p_source
                == 0
            ):
                stack = [start]
                on_stack = {start}
                handed: list[int] = []  # stack[i] takes handed[i] from stack[i + 1]
                end_class = -1
                end_cost = 0
                while stack:
                    s = stack[-1]
                    p = advance(s)
                    row = targets[s]
                    if p < len(row) and costs[s][p] + p_supporter[s] == 0:
                        end_class = row[p]
                        end_cost = costs[s][p]
                        break
                    arcs = options.get(s)
                    if arcs is None:
                        arcs = options[s] = self._zero_arcs(s)
                    step = -1
                    while arcs:
                        r = arcs[-1]
                        if r not in exhausted:
                            level = p_class[r]
                            blocked = False
                            for owner, (_, cost) in owners[r].items():
                                if level - cost - p_supporter[owner]:
                                    continue
                                if owner in on_stack:
                                    blocked = True
                                elif owner not in dead:
                                    step = owner
                                    break
                            if step >= 0:
                                break
                            if not blocked:
                                exhausted.add(r)
                        arcs.pop()
                    if step < 0:
                        dead.add(s)
                        on_stack.discard(s)
                        stack.pop()
                        if handed:
                            handed.pop()
                    else:
                        handed.append(arcs[-1])
                        stack.append(step)
                        on_stack.add(step)
                if end_class < 0:
                    break
                taken[start] += 1
                for i, r in enumerate(handed):
                    taker, giver = stack[i], stack[i + 1]
                    self._move(r, giver, taker, p_class[r] - p_supporter[taker])
                self._move(end_class, -1, stack[-1], end_cost)
                gained += 1
        return gained

    def _move(self, r: int, giver: int, taker: int, cost: int) -> None:
        """Hand one request of class r from `giver` (-1: a new one) to `taker`."""
        owned = self.owners[r]
        if giver >= 0:
            entry = owned[giver]
            entry[0] -= 1
            if not entry[0]:
                del owned[giver]
                self.holds[giver].discard(r)
        else:
            self.filled[r] += 1
            if self.filled[r] >= self.counts[r]:
                self.open[r] = 0
        entry = owned.get(taker)
        if entry is None:
            owned[taker] = [1, cost]
            self.holds[taker].add(r)
        else:
            entry[0] += 1


def max_flow_min_cost(
    marginals: list[list[int]],
    counts: list[int],
    targets: list[list[int]],
    costs: list[list[int]],
) -> list[dict[int, list[int]]]:
    """Assign as many requests as possible, then as cheaply as possible.

    `marginals[s]` lists what supporter s's successive new participants cost
    (non-decreasing; its length is their free places). `counts[r]` is how many
    identical requests class r stands for. `targets[s]` are the classes s may
    take, sorted by `costs[s]`, the pair costs. Returns for each class a map
    supporter -> [units, pair cost].
    """
    flow = _Flow(marginals, counts, targets, costs)
    flow.run()
    return flow.owners
