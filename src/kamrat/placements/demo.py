"""Demo data for the placements app."""

from kamrat.accounts.models import User
from kamrat.programs.models import Program


def placements_load(*, program: Program, people: dict[str, list[User]]) -> None:
    """Filled in per programme; see the issue's demo list."""
