"""The matching engine: which peer supporter fits which participant.

Plain Python with no Django: frozen dataclasses in, frozen dataclasses out,
so it can be tested, timed and reasoned about on its own.
`kamrat.matching.services` feeds it from the database.
"""

from .assign import assign, penalty_for
from .rules import fairness_cost, is_feasible, pair_cost, reasons, suggest, usable_modes
from .types import (
    MODES,
    REMOTE_MODES,
    AssignmentResult,
    Preference,
    Reason,
    Request,
    Suggestion,
    Supporter,
    Weights,
)

__all__ = [
    "MODES",
    "REMOTE_MODES",
    "AssignmentResult",
    "Preference",
    "Reason",
    "Request",
    "Suggestion",
    "Supporter",
    "Weights",
    "assign",
    "fairness_cost",
    "is_feasible",
    "pair_cost",
    "penalty_for",
    "reasons",
    "suggest",
    "usable_modes",
]
