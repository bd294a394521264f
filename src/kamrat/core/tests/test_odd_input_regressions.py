"""Inputs the fuzzing found breaking pages; each now gets a calm answer."""

from django.urls import reverse

from kamrat.core.testing import KamratTestCase, make_supporter, make_weekly_time
from kamrat.support.models import Pairing, SupportRequest, WeeklyTime
from kamrat.support.services.requests import support_request_create

HUGE = "99999999999999999999999999"


class OddInputTestCase(KamratTestCase):
    def setUp(self) -> None:
        self.supporter = make_supporter(program=self.program, name="Sven Supporter")
        self.weekly = make_weekly_time(
            program=self.program, supporter=self.supporter, weekday=1
        )
        self.request = support_request_create(
            program=self.program,
            participant=self.pia,
            topics=["talk"],
            modes=["video"],
            languages=["sv"],
            times=[3],
        )

    def test_queue_ignores_an_area_id_no_database_can_hold(self) -> None:
        self.login(self.ada)
        url = reverse("support:queue", args=["harbour"])
        for area in (HUGE, "\u00b2", "-1", "0"):
            response = self.client.get(url, {"area": area})
            self.assertEqual(response.status_code, 200, area)
            self.assertIsNone(response.context["filters"]["area_id"])

    def test_assigning_a_huge_supporter_id_changes_nothing(self) -> None:
        self.login(self.ada)
        url = reverse("support:request_assign", args=[self.request.pk])
        response = self.client.post(url, {"supporter": HUGE}, follow=True)
        self.assertEqual([m.level_tag for m in response.context["messages"]], ["error"])
        self.assertFalse(Pairing.objects.exists())
        self.request.refresh_from_db()
        self.assertEqual(self.request.status, SupportRequest.Status.OPEN)

    def test_week_far_in_the_past_or_future_shows_this_week(self) -> None:
        self.login(self.supporter)
        this_week = self.client.get(reverse("support:week")).context["monday"]
        for week in ("0001-01-01", "9999-12-31"):
            response = self.client.get(reverse("support:week"), {"week": week})
            self.assertEqual(response.status_code, 200, week)
            self.assertEqual(response.context["monday"], this_week)

    def test_removing_a_time_with_an_odd_id_changes_nothing(self) -> None:
        self.login(self.supporter)
        url = reverse("support:times", args=["harbour"])
        for item in (f"weekly:{HUGE}", "weekly:\u00b2", "weekly:-1"):
            response = self.client.post(url, {"form": "remove", "item": item})
            self.assertEqual(response.status_code, 302, item)
        self.assertTrue(WeeklyTime.objects.filter(pk=self.weekly.pk).exists())
