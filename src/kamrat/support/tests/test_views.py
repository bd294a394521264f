from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
import time_machine
from django.urls import reverse

from kamrat.accounts.models import Role
from kamrat.core.testing import (
    KamratTestCase,
    make_area,
    make_membership,
    make_pairing,
    make_program,
    make_supporter,
    make_user,
    make_weekly_time,
)
from kamrat.support.models import (
    CalendarFeed,
    Meeting,
    Pairing,
    SupportRequest,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 3, 23, 8, 0, tzinfo=STOCKHOLM)  # a Monday

ASK = {
    "topics": ["routines", "talk"],
    "modes": ["walk", "video"],
    "languages": ["sv"],
    "times": ["0", "3", "6"],
    "chooser": "participant",
    "message": "Jag vill helst ses ute.",
}


@time_machine.travel(NOW, tick=False)
class JourneyViewsTestCase(KamratTestCase):
    def setUp(self) -> None:
        self.area = make_area(program=self.program, name="Harbour Town")
        self.supporters = []
        for n, name in enumerate(("Sara One", "Sune Two", "Siv Three", "Stig Four")):
            supporter = make_supporter(
                program=self.program,
                name=name,
                modes=["walk", "video"],
                areas=[self.area],
                languages=["sv"] if n < 3 else ["da"],
            )
            for weekday in range(5):
                make_weekly_time(
                    program=self.program, supporter=supporter, weekday=weekday
                )
            self.supporters.append(supporter)

    def ask(self, **overrides) -> SupportRequest | None:
        self.login(self.pia)
        data = {**ASK, **overrides}
        self.client.post(reverse("support:request_new", args=["harbour"]), data)
        return SupportRequest.objects.filter(participant=self.pia).first()

    def test_participant_asks_and_sees_three_suggestions_with_reasons(self) -> None:
        request = self.ask()
        self.assertEqual(request.status, SupportRequest.Status.OPEN)
        self.assertEqual(request.topics, ["routines", "talk"])
        self.assertEqual(request.message, "Jag vill helst ses ute.")
        response = self.client.get(reverse("support:request", args=[request.pk]))
        suggestions = response.context["suggestions"]
        self.assertEqual(len(suggestions), 3)
        self.assertNotIn("Stig Four", [s.supporter.name for s in suggestions])
        self.assertTrue(all(s.reasons for s in suggestions))

    def test_tampered_choices_are_refused_and_nothing_is_saved(self) -> None:
        request = self.ask(topics=["diagnosis"])
        self.assertIsNone(request)
        request = self.ask(modes=["walk", "teleport"])
        self.assertIsNone(request)

    def test_choosing_someone_not_suggested_changes_nothing(self) -> None:
        request = self.ask()
        response = self.client.post(
            reverse("support:request_choose", args=[request.pk]),
            {"supporter": self.supporters[3].pk},
            follow=True,
            HTTP_ACCEPT_LANGUAGE="en",
        )
        self.assertContains(response, "Choose one of the suggested peer supporters")
        self.assertFalse(Pairing.objects.exists())

    def test_the_whole_journey_through_the_pages(self) -> None:
        request = self.ask()
        chosen = self.supporters[1]
        self.client.post(
            reverse("support:request_choose", args=[request.pk]),
            {"supporter": chosen.pk},
        )
        pairing = Pairing.objects.get(participant=self.pia)
        self.assertEqual((pairing.supporter, pairing.status), (chosen, "proposed"))

        self.login(chosen)
        self.client.post(reverse("support:pairing_action", args=[pairing.pk, "accept"]))
        pairing.refresh_from_db()
        request.refresh_from_db()
        self.assertEqual(pairing.status, "active")
        self.assertEqual((request.status, request.message), ("matched", ""))

        self.login(self.pia)
        book_url = reverse("support:meeting_book", args=[pairing.pk])
        form = self.client.get(book_url).context["form"]
        first_time = form.fields["starts_at"].choices[0][0]
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                book_url, {"starts_at": first_time, "minutes": 60, "mode": "video"}
            )
        meeting = Meeting.objects.get()
        self.assertEqual(meeting.starts_at, datetime.fromisoformat(first_time))

        later = form.fields["starts_at"].choices[5][0]
        self.client.post(
            reverse("support:meeting_move", args=[meeting.pk]),
            {"starts_at": later, "minutes": 45, "mode": "walk", "place": "The pier"},
        )
        meeting.refresh_from_db()
        self.assertEqual(
            (meeting.starts_at, meeting.mode, meeting.sequence),
            (datetime.fromisoformat(later), "walk", 1),
        )
        self.client.post(reverse("support:pairing_action", args=[pairing.pk, "pause"]))
        pairing.refresh_from_db()
        meeting.refresh_from_db()
        self.assertEqual((pairing.status, meeting.status), ("paused", "cancelled"))

    def test_a_time_not_offered_is_refused(self) -> None:
        pairing = make_pairing(
            participant=self.pia, supporter=self.supporters[0], program=self.program
        )
        self.login(self.pia)
        response = self.client.post(
            reverse("support:meeting_book", args=[pairing.pk]),
            {"starts_at": "2026-03-22T10:00:00+01:00", "minutes": 60, "mode": "video"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors)
        self.assertFalse(Meeting.objects.exists())

    def test_rematch_ends_without_reason_and_excludes_the_old_supporter(self) -> None:
        pairing = make_pairing(
            participant=self.pia, supporter=self.supporters[0], program=self.program
        )
        self.login(self.pia)
        self.client.post(
            reverse("support:pairing_action", args=[pairing.pk, "rematch"])
        )
        pairing.refresh_from_db()
        self.assertEqual(pairing.status, "ended")
        new = SupportRequest.objects.get(participant=self.pia, status="open")
        self.assertEqual(list(new.excluded.all()), [self.supporters[0]])

    def test_other_peoples_ids_are_404(self) -> None:
        request = self.ask()
        pairing = make_pairing(
            participant=self.pia, supporter=self.supporters[0], program=self.program
        )
        meeting = Meeting.objects.create(
            pairing=pairing,
            starts_at=datetime(2026, 3, 24, 10, tzinfo=STOCKHOLM),
            ends_at=datetime(2026, 3, 24, 11, tzinfo=STOCKHOLM),
            mode="video",
        )
        foreign_coordinator = make_user(name="Fiona Foreign")
        make_membership(
            user=foreign_coordinator, program=make_program(), role=Role.COORDINATOR
        )
        for user in (self.olle, self.supporters[2], foreign_coordinator):
            self.login(user)
            urls = [
                ("get", reverse("support:pairing", args=[pairing.pk])),
                ("get", reverse("support:meeting_move", args=[meeting.pk])),
                ("post", reverse("support:meeting_cancel", args=[meeting.pk])),
                ("get", reverse("support:request", args=[request.pk])),
                ("post", reverse("support:pairing_action", args=[pairing.pk, "end"])),
                ("get", reverse("support:queue", args=["harbour"])),
            ]
            for method, url in urls:
                response = getattr(self.client, method)(url)
                self.assertEqual(response.status_code, 404, (user.name, url))
        meeting.refresh_from_db()
        pairing.refresh_from_db()
        self.assertEqual((meeting.status, pairing.status), ("scheduled", "active"))

    def test_message_is_only_for_the_coordinator_handling_it(self) -> None:
        request = self.ask()
        other = make_user(name="Otto Coordinator")
        make_membership(user=other, program=self.program, role=Role.COORDINATOR)
        url = reverse("support:request", args=[request.pk])
        self.login(self.ada)
        self.assertNotContains(self.client.get(url), "helst ses ute")
        self.client.post(reverse("support:request_take", args=[request.pk]))
        self.assertContains(self.client.get(url), "helst ses ute")
        self.login(other)
        self.assertNotContains(self.client.get(url), "helst ses ute")

    def test_coordinator_override_needs_a_reason(self) -> None:
        request = self.ask(chooser="coordinator")
        self.login(self.ada)
        assign = reverse("support:request_assign", args=[request.pk])
        self.client.post(assign, {"supporter": self.supporters[3].pk})
        self.assertFalse(Pairing.objects.exists())
        self.client.post(
            assign,
            {
                "supporter": self.supporters[3].pk,
                "override_reason": "participant_asked",
            },
        )
        pairing = Pairing.objects.get()
        self.assertEqual(pairing.override_reason, "participant_asked")

    def test_queue_filters_and_batch_matching(self) -> None:
        self.ask(chooser="coordinator")
        self.login(self.ada)
        url = reverse("support:queue", args=["harbour"])
        self.assertEqual(len(self.client.get(url).context["requests"]), 1)
        self.assertEqual(
            len(self.client.get(url, {"mode": "fika"}).context["requests"]), 0
        )
        self.assertEqual(self.client.get(url, {"mode": "<script>"}).status_code, 200)
        self.client.post(reverse("support:queue_run", args=["harbour"]))
        self.assertEqual(Pairing.objects.get().status, "proposed")

    def test_calendar_feed_is_secret_and_revocable(self) -> None:
        self.pia.preferred_language = "en"
        self.pia.save(update_fields=["preferred_language"])
        pairing = make_pairing(
            participant=self.pia, supporter=self.supporters[0], program=self.program
        )
        Meeting.objects.create(
            pairing=pairing,
            starts_at=datetime(2026, 3, 24, 10, tzinfo=STOCKHOLM),
            ends_at=datetime(2026, 3, 24, 11, tzinfo=STOCKHOLM),
            mode="walk",
            place="The pier",
        )
        self.login(self.pia)
        self.client.post(reverse("support:calendar"), {"action": "new"})
        feed = CalendarFeed.objects.get(user=self.pia, revoked_at__isnull=True)
        self.client.logout()
        response = self.client.get(reverse("calendar_feed", args=[feed.token]))
        calendar = icalendar.Calendar.from_ical(response.content)
        event = calendar.walk("VEVENT")[0]
        self.assertEqual(str(event["SUMMARY"]), "Kamrat: meeting")
        self.assertEqual(str(event["LOCATION"]), "The pier")
        self.login(self.pia)
        self.client.post(reverse("support:calendar"), {"action": "revoke"})
        self.client.logout()
        response = self.client.get(reverse("calendar_feed", args=[feed.token]))
        self.assertEqual(response.status_code, 404)

    def test_week_view_lists_the_weeks_meetings(self) -> None:
        pairing = make_pairing(
            participant=self.pia, supporter=self.supporters[0], program=self.program
        )
        Meeting.objects.create(
            pairing=pairing,
            starts_at=datetime(2026, 3, 25, 13, tzinfo=STOCKHOLM),
            ends_at=datetime(2026, 3, 25, 14, tzinfo=STOCKHOLM),
            mode="fika",
            place="Café",
        )
        self.login(self.supporters[0])
        response = self.client.get(reverse("support:week"), HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(response, "13:00–14:00")
        self.assertContains(response, "Pia")
        response = self.client.get(reverse("support:week"), {"week": "not-a-date"})
        self.assertEqual(response.status_code, 200)

    def test_supporter_sets_times_and_pauses_new_matches(self) -> None:
        supporter = self.supporters[0]
        self.login(supporter)
        url = reverse("support:times", args=["harbour"])
        self.client.post(
            url, {"form": "weekly", "weekday": 5, "starts": "10:00", "ends": "12:00"}
        )
        self.client.post(
            url, {"form": "weekly", "weekday": 5, "starts": "12:00", "ends": "10:00"}
        )
        from kamrat.support.models import SupporterProfile, WeeklyTime

        self.assertEqual(
            WeeklyTime.objects.filter(supporter=supporter, weekday=5).count(), 1
        )
        self.client.post(
            url,
            {
                "form": "profile",
                "capacity": 2,
                "languages": ["sv"],
                "modes": ["walk"],
            },
        )
        profile = SupporterProfile.objects.get(supporter=supporter)
        self.assertEqual((profile.capacity, profile.accepting_new), (2, False))
        self.login(self.pia)
        self.assertEqual(self.client.get(url).status_code, 404)


class MeetingRecordTestCase(KamratTestCase):
    def test_supporter_marks_a_past_meeting_kept_and_nobody_else_can(self) -> None:
        supporter = make_supporter(program=self.program, name="Rita Record")
        pairing = make_pairing(
            participant=self.pia, supporter=supporter, program=self.program
        )
        meeting = Meeting.objects.create(
            pairing=pairing,
            starts_at=datetime(2020, 1, 7, 10, tzinfo=STOCKHOLM),
            ends_at=datetime(2020, 1, 7, 11, tzinfo=STOCKHOLM),
            mode="fika",
            place="Café",
        )
        url = reverse("support:meeting_record", args=[meeting.pk])
        self.login(self.pia)
        self.client.post(url, {"status": "kept"})
        meeting.refresh_from_db()
        self.assertEqual(meeting.status, "scheduled")
        self.login(supporter)
        page = self.client.get(reverse("support:pairing", args=[pairing.pk]))
        self.assertContains(page, url)
        self.client.post(url, {"status": "nonsense"})
        meeting.refresh_from_db()
        self.assertEqual(meeting.status, "scheduled")
        self.client.post(url, {"status": "kept"})
        meeting.refresh_from_db()
        self.assertEqual(meeting.status, "kept")
