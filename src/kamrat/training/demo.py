"""Demo data for the training app."""

from kamrat.accounts.models import User
from kamrat.programs.models import Program


def training_load(*, program: Program, people: dict[str, list[User]]) -> None:
    """Filled in per programme; see the issue's demo list."""
