import csv
import io
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, HTTPServer
from unittest import mock

from django.test import SimpleTestCase
from django.utils import translation
from openpyxl import load_workbook
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from kamrat.reports import exports
from kamrat.reports.selectors import Report, Row, Section

NAME = '=HYPERLINK("http://x")'
ODD_LABELS = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\r=1", "Walk-and-talk"]


def a_report(name: str = NAME) -> Report:
    modes = tuple(
        Row(key=f"mode.{i}", label=label, count=10 + i)
        for i, label in enumerate(ODD_LABELS)
    )
    return Report(
        program_name=name,
        program_slug="harbour",
        start=date(2025, 1, 1),
        end=date(2025, 3, 31),
        sections=(
            Section(
                key="modes",
                title="Meetings held, by way of meeting",
                description="Kept meetings.",
                rows=modes
                + (
                    Row(key="mode.small", label="By video", count=None, small=True),
                    Row(key="mode.other", label="Over a fika", count=None),
                ),
                total=Row(key="meetings.kept", label="All meetings held", count=99),
                chart=True,
            ),
            Section(
                key="participants",
                title="Participants supported",
                description="Everyone, once.",
                rows=(Row(key="participants", label="Participants", count=5),),
            ),
        ),
    )


class EnglishTestCase(SimpleTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.enterContext(translation.override("en"))


class CsvTestCase(EnglishTestCase):
    def rows(self) -> list[list[str]]:
        data = exports.report_csv(a_report())
        self.assertTrue(data.startswith("\ufeff".encode()))
        text = data.decode("utf-8-sig")
        return list(csv.reader(io.StringIO(text)))

    def test_it_has_a_header_and_a_line_per_row_and_total(self) -> None:
        rows = self.rows()
        self.assertEqual(rows[0], ["Programme", "Period", "Section", "Item", "Count"])
        self.assertEqual(len(rows), 1 + len(ODD_LABELS) + 2 + 1 + 1)
        by_item = {row[3]: row[4] for row in rows[1:]}
        self.assertEqual(by_item["Walk-and-talk"], "16")
        self.assertEqual(by_item["By video"], "fewer than 5")
        self.assertEqual(by_item["Over a fika"], "not shown")
        self.assertEqual(by_item["All meetings held"], "99")
        self.assertEqual(rows[1][1], "2025-01-01 to 2025-03-31")

    def test_no_cell_starts_a_formula(self) -> None:
        rows = self.rows()
        self.assertEqual(rows[1][0], "'" + NAME)
        items = [row[3] for row in rows[1 : 1 + len(ODD_LABELS)]]
        self.assertEqual(
            items,
            [
                "'" + label if label != "Walk-and-talk" else label
                for label in ODD_LABELS
            ],
        )
        for row in rows[1:]:
            for cell in row:
                self.assertFalse(cell.startswith(exports.FORMULA_STARTS), cell)

    def test_file_names_carry_the_programme_and_period(self) -> None:
        self.assertEqual(
            exports.file_name(a_report(), "csv"),
            "kamrat-report-harbour-2025-01-01-2025-03-31.csv",
        )


class XlsxTestCase(EnglishTestCase):
    def sheet(self):
        book = load_workbook(io.BytesIO(exports.report_xlsx(a_report())))
        self.assertEqual(len(book.worksheets), 1)
        return book.active

    def values(self) -> dict[str, object]:
        return {
            row[0].value: row[1].value
            for row in self.sheet().iter_rows(min_col=1, max_col=2)
            if row[0].value
        }

    def test_it_holds_the_programme_period_and_every_section(self) -> None:
        values = self.values()
        self.assertEqual(values["Programme"], NAME)
        self.assertEqual(values["Period"], "2025-01-01 to 2025-03-31")
        self.assertIn("Meetings held, by way of meeting", values)
        self.assertIn("Participants supported", values)
        self.assertEqual(values["Walk-and-talk"], 16)
        self.assertEqual(values["All meetings held"], 99)
        self.assertEqual(values["By video"], "fewer than 5")
        self.assertEqual(values["Over a fika"], "not shown")

    def test_numbers_are_numbers_and_text_is_never_a_formula(self) -> None:
        sheet = self.sheet()
        formulas = []
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                if cell.data_type == "f":
                    formulas.append(cell.coordinate)
                if isinstance(cell.value, int):
                    self.assertEqual(cell.data_type, "n")
        self.assertEqual(formulas, [])
        labels = [sheet.cell(row=r, column=1).value for r in range(1, 30)]
        self.assertIn("=1+1", labels)
        self.assertEqual(sheet["B1"].value, NAME)
        self.assertEqual(sheet["B1"].data_type, "s")


class CountingServer:
    """A web server on this machine that counts the requests it gets."""

    def __enter__(self) -> "CountingServer":
        self.hits = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                outer.hits += 1
                self.send_response(404)
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


class PdfTestCase(EnglishTestCase):
    def test_it_is_a_pdf(self) -> None:
        data = exports.report_pdf(a_report())
        self.assertTrue(data.startswith(b"%PDF-"))

    def test_the_fetcher_loads_nothing_where_the_default_would(self) -> None:
        with CountingServer() as server:
            page = (
                f'<link rel="stylesheet" href="{server.url}style.css">'
                f'<img src="{server.url}logo.png"><p>Hello</p>'
            )
            HTML(string=page, url_fetcher=URLFetcher(timeout=5)).write_pdf()
            self.assertGreater(server.hits, 0)  # the test would notice a fetch
            server.hits = 0
            data = HTML(string=page, url_fetcher=exports.RefusingFetcher()).write_pdf()
            self.assertTrue(data.startswith(b"%PDF-"))
            self.assertEqual(server.hits, 0)
        with self.assertRaises(ValueError):
            exports.RefusingFetcher().fetch("data:text/plain,hello")

    def test_the_report_is_drawn_without_a_base_url_and_with_the_refusing_fetcher(
        self,
    ) -> None:
        seen = {}

        def spy(**kwargs):
            seen.update(kwargs)
            return HTML(**kwargs)

        with mock.patch.object(exports, "HTML", side_effect=spy):
            exports.report_pdf(a_report())
        self.assertIsInstance(seen["url_fetcher"], exports.RefusingFetcher)
        self.assertIsNone(seen.get("base_url"))
        self.assertIn("<svg", seen["string"])
        self.assertIn('role="img"', seen["string"])
