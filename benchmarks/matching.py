"""Speed, memory and optimality of the matching engine on a region-sized queue.

Why: a coordinator runs `assign` for a whole region's open requests at once,
so it must stay fast in pure Python, and it must be exactly optimal: as many
requests assigned as possible, then the least total cost, fairness included.
The targets are that every engine cost equals an independent reference and
that 10 000 requests against 2 000 peer supporters take under 10 seconds.

How to run:
    .venv/bin/python benchmarks/matching.py [--seed N] [--only 1000x200]

The instances are generated from a seeded random source and look like a
region: six programmes (four Swedish, two Danish) of different sizes, three
languages with Swedish or Danish far ahead of English, ten areas of which each
programme covers three to five, seven meeting forms, fourteen weekly half-day
slots (weekends rare), capacities of 2 to 8 with current loads, a few
supporters not accepting anyone new, exclusions, wishes and topics.

For each size the script times `assign` (median wall-clock and CPU time over
several runs, fewer for the biggest), measures its peak memory once under
tracemalloc, and solves the same instance with SciPy as a reference built
without any engine code: feasibility and costs come from NumPy arrays, each
supporter becomes one column per free place (the j-th carrying the fairness
cost of their j-th new participant), and each request gets its own
"unassigned" column at the engine's penalty. Where the dense matrix fits in
about 250 MB the reference is `scipy.optimize.linear_sum_assignment`; above
that it is `scipy.sparse.csgraph.min_weight_full_bipartite_matching` on the
sparse matrix (a dense 10 000 x 14 000 float matrix would take over 1 GB).
NumPy and SciPy are needed only here, never by the engine.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from kamrat.matching.engine import (
    REMOTE_MODES,
    AssignmentResult,
    Preference,
    Request,
    Supporter,
    Weights,
    assign,
)

SIZES = [
    (100, 200),
    (100, 2000),
    (1000, 200),
    (1000, 2000),
    (10000, 200),
    (10000, 2000),
]
TIME_LIMIT = 10.0  # seconds for the largest size
LARGEST = (10000, 2000)
DENSE_LIMIT = 32_000_000  # matrix cells for linear_sum_assignment (~250 MB)

PROGRAMMES = [  # (programme id, main language, share of the people)
    (1, "sv", 30),
    (2, "sv", 20),
    (3, "sv", 15),
    (4, "sv", 15),
    (5, "da", 10),
    (6, "da", 10),
]
AREAS = range(10)
MODES = ["ward", "clinic", "video", "walk", "fika", "activity", "accompany"]
MODE_WEIGHTS = [10, 15, 30, 25, 20, 10, 8]
SLOTS = range(14)  # Monday morning, Monday afternoon, ..., Sunday afternoon
TOPICS = ["strengths", "recovery", "routines", "groups", "care", "work", "talking"]
WISHES = [
    ("gender:woman", 3),
    ("gender:man", 3),
    ("age:18-29", 2),
    ("age:30-49", 2),
    ("age:50+", 2),
    ("mode:walk", 2),
    ("topic:work", 3),
    ("language:en", 1),
]


# Instances


def _some(
    rng: random.Random, items: Sequence, weights: Sequence[float], low: int, high: int
) -> frozenset:
    wanted = rng.randint(low, high)
    chosen: set = set()
    while len(chosen) < wanted:
        chosen.add(rng.choices(items, weights)[0])
    return frozenset(chosen)


def _slots(rng: random.Random, low: int, high: int, weekend: float) -> frozenset[int]:
    return _some(rng, SLOTS, [1.0] * 10 + [weekend] * 4, low, high)


def generate(
    n_requests: int, n_supporters: int, seed: int
) -> tuple[list[Request], list[Supporter]]:
    """A region's open requests and its peer supporters, the same for each seed."""
    rng = random.Random(f"{seed}:{n_requests}:{n_supporters}")
    ids = [p for p, _, _ in PROGRAMMES]
    shares = [share for _, _, share in PROGRAMMES]
    main_language = {p: language for p, language, _ in PROGRAMMES}
    areas = {p: rng.sample(AREAS, rng.randint(3, 5)) for p in ids}
    supporters = []
    for i in range(n_supporters):
        program = rng.choices(ids, shares)[0]
        languages = {main_language[program]}
        if rng.random() < 0.6:
            languages.add("en")
        if rng.random() < 0.05:
            languages = {"en"}
        capacity = rng.randint(2, 8)
        attributes = {
            rng.choice(["gender:woman", "gender:man", "gender:nonbinary"]),
            rng.choice(["age:18-29", "age:30-49", "age:50+"]),
        }
        attributes |= {f"topic:{t}" for t in rng.sample(TOPICS, rng.randint(2, 4))}
        supporters.append(
            Supporter(
                id=10_000 + i,
                program_id=program,
                languages=frozenset(languages),
                area_ids=frozenset(rng.sample(areas[program], rng.randint(1, 2))),
                modes=_some(rng, MODES, MODE_WEIGHTS, 3, 6),
                availability=_slots(rng, 3, 8, weekend=0.05),
                capacity=capacity,
                load=rng.randint(0, capacity),
                accepting_new=rng.random() < 0.9,
                attributes=frozenset(attributes),
            )
        )
    staff: dict[int, list[int]] = {}
    for supporter in supporters:
        staff.setdefault(supporter.program_id, []).append(supporter.id)
    requests = []
    for i in range(n_requests):
        program = rng.choices(ids, shares)[0]
        main = main_language[program]
        other = "da" if main == "sv" else "sv"
        languages = rng.choices(
            [{main}, {main, "en"}, {"en"}, {main, other}], [70, 18, 8, 4]
        )[0]
        excluded: frozenset[int] = frozenset()
        if rng.random() < 0.05 and staff.get(program):
            excluded = frozenset({rng.choice(staff[program])})
        wishes = rng.sample(WISHES, rng.choice([0, 0, 1, 1, 2]))
        requests.append(
            Request(
                id=1 + i,
                program_id=program,
                languages=frozenset(languages),
                area_id=None if rng.random() < 0.15 else rng.choice(areas[program]),
                modes=_some(rng, MODES, MODE_WEIGHTS, 1, 3),
                availability=_slots(rng, 2, 6, weekend=0.1),
                excluded_supporter_ids=excluded,
                preferences=tuple(
                    Preference(trait, weight + rng.randint(0, 2))
                    for trait, weight in wishes
                ),
                topics=frozenset(rng.sample(TOPICS, rng.randint(1, 2))),
            )
        )
    return requests, supporters


# Reference


def _bits(values: frozenset, numbering: dict) -> int:
    mask = 0
    for value in values:
        mask |= 1 << numbering.setdefault(value, len(numbering))
    return mask


def _traits(supporter: Supporter) -> set[str]:
    return (
        set(supporter.attributes)
        | {f"mode:{m}" for m in supporter.modes}
        | {f"language:{code}" for code in supporter.languages}
        | {f"area:{a}" for a in supporter.area_ids}
    )


def reference_pairs(
    requests: list[Request], supporters: list[Supporter], weights: Weights
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every feasible (request, supporter) pair and its cost, with NumPy.

    The rules are restated here on arrays, so that the reference shares no
    code with the engine: same programme, a shared language, a shared free
    slot, a shared meeting form that can happen (in person only in the
    request's area), a free place, accepting, not excluded.
    """
    languages: dict = {}
    slots: dict = {}
    modes: dict = {m: i for i, m in enumerate(MODES)}
    areas: dict = {}
    remote = _bits(frozenset(REMOTE_MODES), modes)
    r_program = np.array([r.program_id for r in requests], dtype=np.int64)
    r_language = np.array([_bits(r.languages, languages) for r in requests])
    r_slots = np.array([_bits(r.availability, slots) for r in requests])
    r_modes = np.array([_bits(r.modes, modes) for r in requests])
    r_area = np.array(
        [
            0 if r.area_id is None else _bits(frozenset({r.area_id}), areas)
            for r in requests
        ]
    )
    s_program = np.array([s.program_id for s in supporters], dtype=np.int64)
    s_language = np.array([_bits(s.languages, languages) for s in supporters])
    s_slots = np.array([_bits(s.availability, slots) for s in supporters])
    s_modes = np.array([_bits(s.modes, modes) for s in supporters])
    s_areas = np.array([_bits(s.area_ids, areas) for s in supporters])
    s_open = np.array([s.accepting_new and s.load < s.capacity for s in supporters])
    # Wishes: request x trait weights against supporter x trait presence.
    trait_index: dict[str, int] = {}
    wishes: list[dict[int, int]] = []
    for r in requests:
        wanted: dict[int, int] = {}
        for p in r.preferences:
            t = trait_index.setdefault(p.trait, len(trait_index))
            wanted[t] = wanted.get(t, 0) + p.weight
        for topic in r.topics:
            t = trait_index.setdefault(f"topic:{topic}", len(trait_index))
            wanted[t] = wanted.get(t, 0) + weights.topic
        wishes.append(wanted)
    wish = np.zeros((len(requests), max(1, len(trait_index))), dtype=np.int64)
    for i, wanted in enumerate(wishes):
        for t, w in wanted.items():
            wish[i, t] = w
    has = np.zeros((len(supporters), wish.shape[1]), dtype=np.int64)
    for j, s in enumerate(supporters):
        for trait in _traits(s):
            if trait in trait_index:
                has[j, trait_index[trait]] = 1
    column_of = {x.id: j for j, x in enumerate(supporters)}
    excluded = np.array(
        [
            i * len(supporters) + column_of[x]
            for i, r in enumerate(requests)
            for x in r.excluded_supporter_ids
            if x in column_of
        ],
        dtype=np.int64,
    )
    rows, cols, costs = [], [], []
    for start in range(0, len(requests), 1000):
        part = slice(start, start + 1000)
        feasible = r_program[part, None] == s_program[None, :]
        feasible &= (r_language[part, None] & s_language[None, :]) != 0
        shared_slots = r_slots[part, None] & s_slots[None, :]
        feasible &= shared_slots != 0
        shared_modes = r_modes[part, None] & s_modes[None, :]
        in_area = (r_area[part, None] == 0) | ((r_area[part, None] & s_areas) != 0)
        feasible &= (shared_modes != 0) & (in_area | ((shared_modes & remote) != 0))
        feasible &= s_open[None, :]
        i, j = np.nonzero(feasible)
        keep = ~np.isin((i + start) * len(supporters) + j, excluded)
        i, j = i[keep], j[keep]
        overlap = np.bitwise_count(shared_slots[i, j].astype(np.uint64))
        short = np.maximum(0, weights.slot_target - overlap.astype(np.int64))
        unmet = wish[i + start].sum(axis=1) - (wish[i + start] * has[j]).sum(axis=1)
        rows.append(i + start)
        cols.append(j)
        costs.append(weights.slot * short + unmet)
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(costs)


@dataclass
class Reference:
    method: str
    seconds: float
    pairs: int
    assigned: int
    cost: int


def reference_solve(
    requests: list[Request],
    supporters: list[Supporter],
    weights: Weights,
    penalty: int,
) -> Reference:
    """The optimum by SciPy on the capacity-expanded matrix with unassigned columns."""
    started = time.perf_counter()
    r, s, c = reference_pairs(requests, supporters, weights)
    n = len(requests)
    places = np.array(
        [
            min(max(0, x.capacity - x.load), n) if x.accepting_new else 0
            for x in supporters
        ]
    )
    loads = np.array([x.load for x in supporters])
    first_column = np.concatenate([[0], np.cumsum(places)[:-1]])
    n_places = int(places.sum())
    # Expand each pair into one entry per free place of its supporter.
    repeat = places[s]
    r_x = np.repeat(r, repeat)
    s_x = np.repeat(s, repeat)
    offset = np.arange(int(repeat.sum())) - np.repeat(
        np.cumsum(repeat) - repeat, repeat
    )
    columns = first_column[s_x] + offset
    # The j-th new participant (j from 0) of a supporter with load L is their
    # (L + j + 1)-th, which costs fairness * (L + j).
    values = np.repeat(c, repeat) + weights.fairness * (loads[s_x] + offset)
    # One "unassigned" column per request.
    rows = np.concatenate([r_x, np.arange(n)])
    columns = np.concatenate([columns, n_places + np.arange(n)])
    values = np.concatenate([values, np.full(n, penalty)]).astype(np.float64)
    shape = (n, n_places + n)
    if shape[0] * shape[1] <= DENSE_LIMIT:
        method = "linear_sum_assignment"
        matrix = np.full(shape, np.inf)
        matrix[rows, columns] = values
        chosen_rows, chosen_columns = linear_sum_assignment(matrix)
        chosen = matrix[chosen_rows, chosen_columns]
    else:
        method = "min_weight_full_bipartite_matching"
        # +1: the sparse matcher treats zero weights as missing edges.
        sparse = csr_matrix((values + 1, (rows, columns)), shape=shape)
        chosen_rows, chosen_columns = min_weight_full_bipartite_matching(sparse)
        chosen = np.asarray(sparse[chosen_rows, chosen_columns]).ravel() - 1
    seconds = time.perf_counter() - started
    assigned = int((chosen_columns < n_places).sum())
    cost = int(round(float(chosen[chosen_columns < n_places].sum())))
    return Reference(method, seconds, len(r), assigned, cost)


# Measuring


def timed(run: Callable[[], AssignmentResult], repeats: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of `repeats` runs."""
    walls, cpus = [], []
    for _ in range(repeats):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def peak_memory(run: Callable[[], AssignmentResult]) -> float:
    """Peak memory in MB allocated while running, as tracemalloc sees it."""
    gc.collect()
    tracemalloc.start()
    try:
        run()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1e6


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--only", action="append", default=[], help="a size such as 1000x200"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    sizes = SIZES
    if args.only:
        sizes = [tuple(int(x) for x in size.split("x")) for size in args.only]
    weights = Weights()
    header = (
        f"{'requests':>8} {'supp.':>5} {'pairs':>9} {'feas.%':>6} {'runs':>4} "
        f"{'wall s':>7} {'cpu s':>6} {'peak MB':>7} {'assigned':>8} {'cost':>7} "
        f"{'ref s':>6} {'ref asg':>7} {'ref cost':>8} {'equal':>5}  reference"
    )
    print(header)
    print("-" * len(header))
    all_equal = True
    largest_wall = None
    for n_requests, n_supporters in sizes:
        requests, supporters = generate(n_requests, n_supporters, args.seed)
        result = assign(requests, supporters, weights)
        repeats = 3 if n_requests >= 10000 else 5

        def run() -> AssignmentResult:
            return assign(requests, supporters, weights)  # noqa: B023

        wall, cpu = timed(run, repeats)
        peak = peak_memory(run)
        ref = reference_solve(requests, supporters, weights, result.penalty)
        share = 100 * ref.pairs / max(1, n_requests * n_supporters)
        equal = (ref.assigned, ref.cost) == (len(result.assignments), result.total_cost)
        all_equal &= equal
        if (n_requests, n_supporters) == LARGEST:
            largest_wall = wall
        print(
            f"{n_requests:>8} {n_supporters:>5} {ref.pairs:>9} {share:>6.2f} "
            f"{repeats:>4} {wall:>7.2f} {cpu:>6.2f} {peak:>7.1f} "
            f"{len(result.assignments):>8} {result.total_cost:>7} "
            f"{ref.seconds:>6.2f} {ref.assigned:>7} "
            f"{ref.cost:>8} {'yes' if equal else 'NO':>5}  {ref.method}",
            flush=True,
        )
    print(
        "pairs: feasible request-supporter pairs; wall s, cpu s: median of the "
        "runs; peak MB: tracemalloc;\nref s: the reference, building its matrix "
        "included; equal: same number assigned and same total cost."
    )
    fast = largest_wall is not None and largest_wall < TIME_LIMIT
    name = f"{LARGEST[0]} x {LARGEST[1]}"
    speed = (
        f"{name} in {largest_wall:.2f} s (limit {TIME_LIMIT:.0f} s)"
        if largest_wall is not None
        else f"{name} not run"
    )
    print(
        f"targets {'met' if all_equal and fast else 'NOT met'}: "
        f"cost equal to the reference on {'every' if all_equal else 'NOT every'} "
        f"instance; {speed}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
