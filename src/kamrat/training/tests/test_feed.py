from django.urls import reverse
from icalendar import Calendar

from kamrat.training.services import enrolment as enrolling
from kamrat.training.services import planning

from .base import TrainingTestCase


class FeedTestCase(TrainingTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.cohort = self.make_cohort()
        self.held = self.add_session(self.cohort, 1, leader=self.sam, place="Room 3")
        self.dropped = self.add_session(self.cohort, 16)
        planning.session_cancel(session=self.dropped)
        self.tess_in, self.tom_in = self.enrol(self.cohort, self.tess, self.tom)

    def feed(self, token: str):
        return self.client.get(reverse("training:feed", args=[token]))

    def test_it_parses_with_time_zone_uid_sequence_and_cancellation(self) -> None:
        response = self.feed(self.tess_in.feed_token)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("text/calendar"))
        calendar = Calendar.from_ical(response.content)
        self.assertEqual(
            [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")], ["Europe/Stockholm"]
        )
        events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
        held = events[f"training-{self.held.uid}@kamrat"]
        self.assertEqual(held["SEQUENCE"], 0)
        self.assertEqual(str(held["STATUS"]), "CONFIRMED")
        self.assertEqual(str(held["LOCATION"]), "Room 3")
        self.assertEqual(held.decoded("DTSTART"), self.held.starts_at)
        dropped = events[f"training-{self.dropped.uid}@kamrat"]
        self.assertEqual(str(dropped["STATUS"]), "CANCELLED")
        self.assertEqual(dropped["SEQUENCE"], 1)
        # Weeks 2 and 4 are at home: one all-day entry each.
        homes = [uid for uid in events if uid.startswith("training-week-")]
        self.assertEqual(len(homes), 2)

    def test_it_names_nobody(self) -> None:
        body = self.feed(self.tess_in.feed_token).content.decode()
        for name in ("Tess", "Tom", "Sam Supporter", "Ada Coordinator", "@"):
            self.assertNotIn(name, body.replace("@kamrat", ""))

    def test_unknown_and_left_get_404(self) -> None:
        self.assertEqual(self.feed("no-such-feed").status_code, 404)
        enrolling.enrolment_withdraw(enrolment=self.tom_in)
        self.assertEqual(self.feed(self.tom_in.feed_token).status_code, 404)
        self.assertEqual(self.feed(self.tess_in.feed_token).status_code, 200)
