"""Reads for recruitment."""

from datetime import date

from django.db.models import Count, QuerySet

from kamrat.programs.models import Program

from .models import Application, Call


def calls_public(*, program: Program, today: date) -> QuerySet[Call]:
    """Calls open now or opening later; closed ones drop off the public page."""
    return Call.objects.filter(program=program, closes_on__gte=today).order_by(
        "closes_on", "pk"
    )


def calls_for_program(*, program: Program) -> QuerySet[Call]:
    return Call.objects.filter(program=program).annotate(
        applicants=Count("applications")
    )


def step_counts(*, call: Call) -> list[tuple[str, str, int]]:
    """(step, label, count) for every step, zeros included, in pipeline order."""
    found = dict(
        call.applications.values_list("step").annotate(n=Count("pk")).order_by()
    )
    return [
        (value, label, found.get(value, 0)) for value, label in Application.Step.choices
    ]


def applications_in(*, call: Call, step: str | None) -> QuerySet[Application]:
    applications = call.applications.all()
    if step in Application.Step.values:
        applications = applications.filter(step=step)
    return applications
