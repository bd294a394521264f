import csv
import io
import re
from datetime import date, timedelta

import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from kamrat.accounts.models import Role
from kamrat.core.testing import make_membership, make_program
from kamrat.privacy.models import AccessEntry
from kamrat.reports import permissions

from .base import FIRST, LAST, ReportTestCase, local

PERIOD = {"start": FIRST.isoformat(), "end": LAST.isoformat()}
NAMES = ("report", "csv", "xlsx", "pdf")


class PermissionsTestCase(ReportTestCase):
    def test_only_who_runs_the_programme_may_read_its_report(self) -> None:
        people = {
            "ada": (self.ada, True),
            "admin": (self.admin, True),
            "sam": (self.sam, False),
            "pia": (self.pia, False),
            "wanda": (self.wanda, False),
            "olle": (self.olle, False),
            "olga": (self.olga, False),
        }
        for name, (person, allowed) in people.items():
            with self.subTest(name):
                self.assertEqual(
                    permissions.can_view_report(person, self.program), allowed
                )
        self.assertTrue(permissions.can_view_report(self.olga, self.other))


class AccessTestCase(ReportTestCase):
    def test_others_get_404_for_the_page_and_every_download(self) -> None:
        for person in (self.sam, self.pia, self.wanda, self.olle, self.olga):
            self.login(person)
            for name in NAMES:
                with self.subTest(person=person.name, name=name):
                    url = reverse(f"reports:{name}", args=["harbour"])
                    self.assertEqual(self.client.get(url).status_code, 404)

    def test_an_unknown_programme_is_404_even_for_a_coordinator(self) -> None:
        self.login(self.ada)
        for name in NAMES:
            url = reverse(f"reports:{name}", args=["no-such-programme"])
            self.assertEqual(self.client.get(url).status_code, 404)

    def test_signed_out_visitors_are_sent_to_sign_in(self) -> None:
        response = self.client.get(reverse("reports:report", args=["harbour"]))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("account_login"), response["Location"])

    def test_the_page_takes_no_post(self) -> None:
        self.login(self.ada)
        for name in NAMES:
            url = reverse(f"reports:{name}", args=["harbour"])
            self.assertEqual(self.client.post(url).status_code, 405)

    def test_reading_reports_writes_no_access_log(self) -> None:
        pairing = self.pairing(local(FIRST), participant=self.pia)
        self.meetings(pairing, local(FIRST, 9), n=6)
        before = AccessEntry.objects.count()
        self.login(self.admin)
        for name in NAMES:
            response = self.client.get(
                reverse(f"reports:{name}", args=["harbour"]), PERIOD
            )
            self.assertEqual(response.status_code, 200)
            self.assertNotIn(b"Pia", response.content)
        self.assertEqual(AccessEntry.objects.count(), before)


class ReportPageTestCase(ReportTestCase):
    def get(self, **params):
        self.login(self.ada)
        return self.client.get(reverse("reports:report", args=["harbour"]), params)

    def test_it_shows_numbers_charts_and_tables_for_the_period(self) -> None:
        for _n in range(6):
            self.application(local(FIRST, 10))
        pairing = self.pairing(local(FIRST))
        self.meetings(pairing, local(FIRST, 8), mode="video", n=7)
        self.meetings(pairing, local(LAST, 8), mode="walk", n=6)
        self.meetings(pairing, local(LAST, 8), status="cancelled", n=5)
        response = self.get(**PERIOD)
        self.assertEqual(response.status_code, 200)
        body = response.content.decode()
        self.assertIn("From 1 January 2025 to 31 March 2025", body)
        self.assertRegex(body, r"Applications received</th><td[^>]*>6</td>")
        self.assertRegex(body, r"By video</th><td[^>]*>7</td>")
        # Nobody met on the ward: zero is about no one, so it is shown.
        self.assertRegex(body, r"On the ward</th><td[^>]*>0</td>")
        self.assertRegex(body, r"Walk-and-talk</th><td[^>]*>6</td>")
        self.assertRegex(body, r"All meetings held</th><td[^>]*>13</td>")
        self.assertEqual(body.count('role="img"'), 3)
        self.assertEqual(body.count('<table class="report-table">'), 6)
        self.assertIn(f"report.csv?start={FIRST}&amp;end={LAST}", body)

    def test_the_page_keeps_to_the_content_security_policy(self) -> None:
        response = self.get(**PERIOD)
        body = response.content.decode()
        main = body[body.index("<main") : body.index("</main>")]
        self.assertNotIn("<script", main)
        self.assertNotIn("<style", main)
        self.assertIsNone(re.search(r"\sstyle=", main))
        self.assertIsNone(re.search(r"\son\w+=", main))
        self.assertIn("script-src 'self'", response["Content-Security-Policy"])

    def test_without_a_period_it_shows_the_last_12_months(self) -> None:
        with time_machine.travel(local(date(2025, 5, 20)), tick=False):
            response = self.get()
        self.assertContains(response, "From 21 May 2024 to 20 May 2025")
        self.assertContains(response, 'value="2024-05-21"')

    def test_the_days_are_the_programmes_days(self) -> None:
        # 23:30 on 31 December in Stockholm is still the old year there.
        with time_machine.travel(local(date(2025, 12, 31), 23, 30), tick=False):
            response = self.get(preset="this_year")
        self.assertContains(response, "From 1 January 2025 to 31 December 2025")

    def test_ready_made_periods(self) -> None:
        cases = {
            "last_year": "From 1 January 2024 to 31 December 2024",
            "this_year": "From 1 January 2025 to 31 December 2025",
            "last_12_months": "From 21 May 2024 to 20 May 2025",
            "2025-q2": "From 1 April 2025 to 30 June 2025",
            "2024-q2": "From 1 April 2024 to 30 June 2024",
        }
        with time_machine.travel(local(date(2025, 5, 20)), tick=False):
            for preset, expected in cases.items():
                with self.subTest(preset):
                    self.assertContains(self.get(preset=preset), expected)

    def test_odd_input_gets_a_message_and_the_last_12_months(self) -> None:
        cases = {
            "a day that does not exist": (
                {"start": "2025-02-30", "end": "2025-03-31"},
                "Write the first day as YYYY-MM-DD.",
            ),
            "words": (
                {"start": "yesterday", "end": "x" * 5000},
                "Write the last day as YYYY-MM-DD.",
            ),
            "only one day": ({"start": "2025-01-01"}, "Choose both the first"),
            "backwards": (
                {"start": "2025-03-31", "end": "2025-01-01"},
                "The last day must not be before the first day.",
            ),
            "eleven years": (
                {"start": "2010-01-01", "end": "2020-12-31"},
                "Choose a period of at most 10 years.",
            ),
            "year one": (
                {"start": "0001-01-01", "end": "0001-12-31"},
                "Choose days between the years 2000 and 2100.",
            ),
            "the end of time": (
                {"start": "9999-12-30", "end": "9999-12-31"},
                "Choose days between the years 2000 and 2100.",
            ),
            "an unknown period": (
                {"preset": "forever"},
                "Choose one of the periods in the list.",
            ),
            "NUL": ({"start": "2025-01-01\x00", "end": "2025-01-02"}, "first day"),
        }
        with time_machine.travel(local(date(2025, 5, 20)), tick=False):
            for label, (params, message) in cases.items():
                with self.subTest(label):
                    response = self.get(**params)
                    self.assertEqual(response.status_code, 200)
                    self.assertContains(response, message)
                    self.assertContains(response, "the report shows the last 12 months")
                    self.assertContains(response, "From 21 May 2024 to 20 May 2025")

    def test_ten_years_exactly_are_allowed(self) -> None:
        response = self.get(start="2015-01-01", end="2024-12-31")
        self.assertContains(response, "From 1 January 2015 to 31 December 2024")
        self.assertNotContains(response, "form-errors")


class DownloadTestCase(ReportTestCase):
    def download(self, name: str, **params):
        self.login(self.ada)
        return self.client.get(reverse(f"reports:{name}", args=["harbour"]), params)

    def test_each_file_is_an_attachment_named_after_programme_and_period(
        self,
    ) -> None:
        types = {
            "csv": "text/csv; charset=utf-8",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "pdf": "application/pdf",
        }
        for extension, content_type in types.items():
            with self.subTest(extension):
                response = self.download(extension, **PERIOD)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response["Content-Type"], content_type)
                self.assertEqual(
                    response["Content-Disposition"],
                    "attachment; "
                    f'filename="kamrat-report-harbour-2025-01-01-2025-03-31.{extension}"',
                )
        self.assertTrue(self.download("pdf", **PERIOD).content.startswith(b"%PDF-"))

    def test_downloads_count_the_same_period_as_the_page(self) -> None:
        pairing = self.pairing(local(FIRST - timedelta(days=3)))
        self.meetings(pairing, local(FIRST, 8), mode="walk", n=7)
        self.meetings(pairing, local(LAST, 8), mode="video", n=6)
        self.meetings(pairing, local(LAST + timedelta(days=1), 8), mode="walk", n=6)
        rows = list(
            csv.reader(
                io.StringIO(self.download("csv", **PERIOD).content.decode("utf-8-sig"))
            )
        )
        walk = [row for row in rows if row[3] == "Walk-and-talk"]
        self.assertEqual(walk[0][4], "7")
        with time_machine.travel(local(date(2025, 5, 20)), tick=False):
            xlsx = self.download("xlsx", preset="2025-q1").content
        book = load_workbook(io.BytesIO(xlsx))
        values = {
            row[0].value: row[1].value
            for row in book.active.iter_rows(min_col=1, max_col=2)
        }
        self.assertEqual(values["Walk-and-talk"], 7)
        self.assertEqual(values["Period"], "2025-01-01 to 2025-03-31")

    def test_bad_input_falls_back_to_the_last_12_months(self) -> None:
        with time_machine.travel(local(date(2025, 5, 20)), tick=False):
            response = self.download("csv", start="2025-02-30", end="nonsense")
        self.assertEqual(response.status_code, 200)
        self.assertIn("2024-05-21-2025-05-20.csv", response["Content-Disposition"])

    def test_a_programme_name_cannot_become_a_formula(self) -> None:
        odd = make_program(slug="odd", name='=HYPERLINK("http://x")')
        make_membership(user=self.ada, program=odd, role=Role.COORDINATOR)
        self.login(self.ada)
        response = self.client.get(reverse("reports:csv", args=["odd"]), PERIOD)
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        self.assertEqual(rows[1][0], '\'=HYPERLINK("http://x")')
        response = self.client.get(reverse("reports:xlsx", args=["odd"]), PERIOD)
        sheet = load_workbook(io.BytesIO(response.content)).active
        self.assertEqual(sheet["B1"].value, '=HYPERLINK("http://x")')
        self.assertEqual(sheet["B1"].data_type, "s")


class HomeLinkTestCase(ReportTestCase):
    def test_coordinators_and_admins_find_the_report_on_their_home_page(
        self,
    ) -> None:
        url = reverse("reports:report", args=["harbour"])
        for person, shown in (
            (self.ada, True),
            (self.admin, True),
            (self.sam, False),
            (self.pia, False),
            (self.wanda, False),
        ):
            with self.subTest(person.name):
                self.login(person)
                response = self.client.get(reverse("accounts:home"))
                self.assertEqual(url in response.content.decode(), shown)
                if shown:
                    self.assertContains(response, "Report for funders")
