"""The report as CSV, XLSX and PDF, made from the suppressed report only.

Spreadsheet programs run a cell that starts with = + - @ (or a tab or carriage
return before one) as a formula, so a programme name or a label could carry one
into a funder's computer. Such text gets an apostrophe in front in CSV and is
stored as plain text in XLSX. Numbers stay numbers; "fewer than 5" is text.

The PDF is drawn by WeasyPrint from HTML made here, with no base URL and a
fetcher that refuses every URL: nothing outside the document is ever loaded.
"""

import csv
import io
from datetime import date

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from .charts import section_chart
from .selectors import Report, Row

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutral(text: str) -> str:
    """Text a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def file_name(report: Report, extension: str) -> str:
    return (
        f"kamrat-report-{report.program_slug}-"
        f"{report.start.isoformat()}-{report.end.isoformat()}.{extension}"
    )


def _period_text(start: date, end: date) -> str:
    return _("%(start)s to %(end)s") % {
        "start": start.isoformat(),
        "end": end.isoformat(),
    }


def _lines(report: Report) -> list[tuple[str, str, int | str]]:
    """(section, row label, count or "fewer than 5") for every row and total."""
    lines = []
    for section in report.sections:
        rows: list[Row] = list(section.rows)
        if section.total is not None:
            rows.append(section.total)
        for row in rows:
            lines.append((str(section.title), str(row.label), row.shown))
    return lines


def report_csv(report: Report) -> bytes:
    """UTF-8 with a byte order mark, so Excel reads å, ä, ø and æ right."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Programme"), _("Period"), _("Section"), _("Item"), _("Count")])
    period = _period_text(report.start, report.end)
    for section, label, shown in _lines(report):
        writer.writerow(
            [
                neutral(report.program_name),
                neutral(period),
                neutral(section),
                neutral(label),
                shown if isinstance(shown, int) else neutral(shown),
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _text_cell(sheet, row: int, column: int, text: str, *, bold: bool = False):
    cell = sheet.cell(row=row, column=column)
    # Assigned as a string and typed as one: openpyxl would otherwise make
    # anything starting with "=" a formula.
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", text)
    cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    return cell


def report_xlsx(report: Report) -> bytes:
    """One sheet: the programme and period, then each section with its rows."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Report")[:31]
    sheet.column_dimensions["A"].width = 48
    sheet.column_dimensions["B"].width = 16
    _text_cell(sheet, 1, 1, _("Programme"), bold=True)
    _text_cell(sheet, 1, 2, report.program_name)
    _text_cell(sheet, 2, 1, _("Period"), bold=True)
    _text_cell(sheet, 2, 2, _period_text(report.start, report.end))
    line = 4
    for section in report.sections:
        _text_cell(sheet, line, 1, str(section.title), bold=True)
        line += 1
        _text_cell(sheet, line, 1, str(section.description))
        line += 1
        rows = list(section.rows)
        if section.total is not None:
            rows.append(section.total)
        for row in rows:
            is_total = row is section.total
            _text_cell(sheet, line, 1, str(row.label), bold=is_total)
            if row.count is None:
                _text_cell(sheet, line, 2, str(row.shown), bold=is_total)
            else:
                cell = sheet.cell(row=line, column=2, value=row.count)
                cell.font = Font(bold=is_total)
            line += 1
        line += 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class RefusingFetcher(URLFetcher):
    """Loads nothing: the PDF has everything it needs inline."""

    def fetch(self, url, headers=None):
        raise ValueError("reports load no URLs")


def report_pdf(report: Report) -> bytes:
    """A4 pages with every table and chart."""
    charts = {
        section.key: section_chart(section, prefix="pdf-chart")
        for section in report.sections
        if section.chart
    }
    html = render_to_string(
        "reports/pdf.html",
        {
            "report": report,
            "sections": [(s, charts.get(s.key)) for s in report.sections],
            "period": _period_text(report.start, report.end),
        },
    )
    return HTML(string=html, url_fetcher=RefusingFetcher()).write_pdf()
