"""The funder report page and its downloads. Aggregates only: no participant
is shown, so nothing here goes to the access log."""

from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from kamrat.programs.models import Program

from . import exports, permissions, selectors
from .charts import section_chart
from .forms import PeriodForm
from .selectors import Report

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
RENDERERS = {
    "csv": exports.report_csv,
    "xlsx": exports.report_xlsx,
    "pdf": exports.report_pdf,
}


def _report_for(request: HttpRequest, slug: str) -> tuple[Program, PeriodForm, Report]:
    """The programme, the period form as sent, and the report for its period."""
    program = permissions.get_program_for_reader(request.user, slug)
    today = timezone.localdate(timezone=ZoneInfo(program.time_zone))
    form = PeriodForm(request.GET or None, today=today)
    start, end = form.period()
    report = selectors.report_build(program=program, start=start, end=end)
    return program, form, report


@login_required
@require_GET
def report(request: HttpRequest, slug: str) -> HttpResponse:
    program, form, built = _report_for(request, slug)
    if not form.is_bound or form.is_valid():
        # The days shown are the period reported, whichever way it was chosen.
        form = PeriodForm(
            initial={"start": built.start, "end": built.end}, today=form.today
        )
    query = urlencode({"start": built.start.isoformat(), "end": built.end.isoformat()})
    context = {
        "program": program,
        "form": form,
        "report": built,
        "sections": [
            (section, section_chart(section) if section.chart else None)
            for section in built.sections
        ],
        "query": query,
    }
    return render(request, "reports/report.html", context)


def _download(request: HttpRequest, slug: str, extension: str) -> HttpResponse:
    _program, _form, built = _report_for(request, slug)
    response = HttpResponse(
        RENDERERS[extension](built), content_type=CONTENT_TYPES[extension]
    )
    name = exports.file_name(built, extension)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def report_csv(request: HttpRequest, slug: str) -> HttpResponse:
    return _download(request, slug, "csv")


@login_required
@require_GET
def report_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    return _download(request, slug, "xlsx")


@login_required
@require_GET
def report_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    return _download(request, slug, "pdf")
