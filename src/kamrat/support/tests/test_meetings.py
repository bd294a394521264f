from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import time_machine
from django.core.exceptions import ValidationError
from django.test import override_settings

from kamrat.core.testing import (
    KamratTestCase,
    SmtpServer,
    make_pairing,
    make_supporter,
    make_user,
    make_weekly_time,
    run_worker,
)
from kamrat.support.models import Meeting, Notification, Pairing
from kamrat.support.services import availability
from kamrat.support.services.meetings import (
    meeting_book,
    meeting_cancel,
    meeting_move,
    video_url,
)
from kamrat.support.services.pairings import pairing_pause

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# Monday 23 March 2026, 08:00 in Stockholm; clocks go forward on Sunday 29 March.
NOW = datetime(2026, 3, 23, 8, 0, tzinfo=STOCKHOLM)


def local(y, m, d, hh, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=STOCKHOLM)


@time_machine.travel(NOW, tick=False)
class MeetingTestCase(KamratTestCase):
    def setUp(self) -> None:
        self.sam_profile = make_supporter(program=self.program, name="Sigge Support")
        for weekday in range(7):
            make_weekly_time(
                program=self.program,
                supporter=self.sam_profile,
                weekday=weekday,
                starts=time(9),
                ends=time(16),
            )
        self.pairing = make_pairing(
            participant=self.pia, supporter=self.sam_profile, program=self.program
        )

    def book(self, when: datetime, **overrides) -> Meeting:
        fields = {"minutes": 60, "mode": "video", "place": ""}
        fields.update(overrides)
        with self.captureOnCommitCallbacks(execute=True):
            return meeting_book(
                pairing=self.pairing, by=self.pia, starts_at=when, **fields
            )

    def test_video_meeting_gets_an_unguessable_room_on_the_programme_server(self):
        first = self.book(local(2026, 3, 24, 10))
        second = self.book(local(2026, 3, 24, 13))
        self.assertTrue(
            video_url(first).startswith("https://video.kamrat.test/kamrat-")
        )
        self.assertNotEqual(first.video_room, second.video_room)
        self.assertGreaterEqual(len(first.video_room), 20)
        self.program.video_base_url = "https://meet.region.example/"
        self.program.save()
        first.refresh_from_db()
        self.assertTrue(
            video_url(first).startswith("https://meet.region.example/kamrat-")
        )

    def test_bad_times_are_refused_and_change_nothing(self) -> None:
        self.book(local(2026, 3, 24, 10))
        cases = {
            "past": local(2026, 3, 22, 10),
            "outside weekly time": local(2026, 3, 24, 18),
            "overlap": local(2026, 3, 24, 10, 30),
        }
        for label, when in cases.items():
            with self.subTest(label), self.assertRaises(ValidationError):
                self.book(when)
        with self.assertRaises(ValidationError):
            self.book(local(2026, 3, 25, 10), mode="walk", place=" ")
        with self.assertRaises(ValidationError):
            self.book(local(2026, 3, 25, 10), mode="teleport")
        self.assertEqual(Meeting.objects.count(), 1)

    def test_paused_contact_cannot_book_and_its_meetings_are_cancelled(self) -> None:
        meeting = self.book(local(2026, 3, 24, 10))
        with self.captureOnCommitCallbacks(execute=True):
            pairing_pause(pairing=self.pairing, by=self.pia)
        meeting.refresh_from_db()
        self.assertEqual(meeting.status, Meeting.Status.CANCELLED)
        self.pairing.refresh_from_db()
        with self.assertRaises(ValidationError):
            self.book(local(2026, 3, 25, 10))

    def test_moving_replans_time_room_sequence_and_reminders_together(self) -> None:
        meeting = self.book(local(2026, 3, 25, 10))
        old_room = meeting.video_room
        old_reminders = set(
            Notification.objects.filter(meeting=meeting, kind="reminder").values_list(
                "send_after", flat=True
            )
        )
        with self.captureOnCommitCallbacks(execute=True):
            meeting_move(meeting=meeting, by=self.pia, starts_at=local(2026, 3, 26, 14))
        meeting.refresh_from_db()
        self.assertEqual(meeting.starts_at, local(2026, 3, 26, 14))
        self.assertEqual(meeting.sequence, 1)
        self.assertNotEqual(meeting.video_room, old_room)
        reminders = Notification.objects.filter(meeting=meeting, kind="reminder")
        self.assertEqual(
            sorted(r.send_after for r in reminders),
            sorted(
                [local(2026, 3, 25, 14), local(2026, 3, 26, 12)] * 2,
            ),
        )
        self.assertFalse(old_reminders & {r.send_after for r in reminders})

    def test_failed_move_keeps_the_old_meeting(self) -> None:
        meeting = self.book(local(2026, 3, 25, 10))
        with self.assertRaises(ValidationError):
            meeting_move(meeting=meeting, by=self.pia, starts_at=local(2026, 3, 25, 20))
        meeting.refresh_from_db()
        self.assertEqual(
            (meeting.starts_at, meeting.sequence), (local(2026, 3, 25, 10), 0)
        )

    def test_a_stranger_cannot_be_paired_with_meetings(self) -> None:
        other = make_user(name="Otto Other")
        pairing = make_pairing(
            participant=other,
            supporter=self.sam_profile,
            program=self.program,
            status=Pairing.Status.PROPOSED,
        )
        with self.assertRaises(ValidationError):
            meeting_book(
                pairing=pairing,
                by=other,
                starts_at=local(2026, 3, 25, 10),
                minutes=60,
                mode="video",
            )


@time_machine.travel(NOW, tick=False)
class AvailabilityTestCase(KamratTestCase):
    def setUp(self) -> None:
        self.supporter = make_supporter(program=self.program, name="Dora Dst")
        make_weekly_time(
            program=self.program,
            supporter=self.supporter,
            weekday=6,
            starts=time(10),
            ends=time(11),
        )

    def test_weekly_times_follow_the_clock_across_daylight_saving(self) -> None:
        times = availability.open_times(
            program=self.program, supporter=self.supporter, days=8
        )
        self.assertEqual(
            [t.astimezone(UTC) for t in times],
            [
                datetime(2026, 3, 29, 8, 0, tzinfo=UTC),  # 10:00 summer time (UTC+2)
            ],
        )
        before = availability.open_times(
            program=self.program,
            supporter=self.supporter,
            days=1,
            now=local(2026, 3, 22, 8),
        )
        self.assertEqual(before, [datetime(2026, 3, 22, 9, 0, tzinfo=UTC)])

    def test_a_time_skipped_by_the_clock_change_is_refused(self) -> None:
        with self.assertRaises(ValidationError):
            availability.local_datetime(
                day=date(2026, 3, 29), at=time(2, 30), zone="Europe/Stockholm"
            )

    def test_time_off_removes_open_times(self) -> None:
        availability.time_off_add(
            program=self.program,
            supporter=self.supporter,
            first_day=date(2026, 3, 29),
            last_day=date(2026, 3, 29),
            kind="sick",
        )
        self.assertEqual(
            availability.open_times(
                program=self.program, supporter=self.supporter, days=8
            ),
            [],
        )

    def test_overlapping_weekly_time_is_refused(self) -> None:
        with self.assertRaises(ValidationError):
            availability.weekly_time_add(
                program=self.program,
                supporter=self.supporter,
                weekday=6,
                starts=time(10, 30),
                ends=time(12),
            )


@time_machine.travel(NOW, tick=False)
class NotificationTestCase(KamratTestCase):
    def setUp(self) -> None:
        self.supporter = make_supporter(program=self.program, name="Siri Support")
        self.supporter.preferred_language = "da"
        self.supporter.save()
        for weekday in range(7):
            make_weekly_time(
                program=self.program, supporter=self.supporter, weekday=weekday
            )
        self.pairing = make_pairing(
            participant=self.pia, supporter=self.supporter, program=self.program
        )

    def book(self, when: datetime) -> Meeting:
        with self.captureOnCommitCallbacks(execute=True):
            return meeting_book(
                pairing=self.pairing,
                by=self.pia,
                starts_at=when,
                minutes=60,
                mode="video",
            )

    def test_both_get_a_confirmation_with_a_calendar_file(self) -> None:
        meeting = self.book(local(2026, 3, 25, 14))
        with SmtpServer() as smtp, override_settings(**smtp.settings()):
            run_worker()
        self.assertEqual(
            sorted(m["To"] for m in smtp.messages),
            sorted([self.pia.email, self.supporter.email]),
        )
        for message in smtp.messages:
            subject = message["Subject"]
            self.assertTrue(subject.startswith("Kamrat: "), subject)
            self.assertIn("14:00", subject)
            for word in ("Harbour", "Ward", "psyk", "video"):
                self.assertNotIn(word.lower(), subject.lower())
            ics = next(
                part
                for part in message.iter_attachments()
                if part.get_content_type() == "text/calendar"
            )
            calendar = icalendar.Calendar.from_ical(ics.get_payload(decode=True))
            self.assertEqual(calendar["METHOD"], "REQUEST")
            event = calendar.walk("VEVENT")[0]
            self.assertEqual(str(event["UID"]), f"{meeting.uid}@kamrat")
            self.assertEqual(int(event["SEQUENCE"]), 0)
            self.assertEqual(event.decoded("DTSTART"), local(2026, 3, 25, 14))
            self.assertIn(meeting.video_room, str(event["LOCATION"]))
            self.assertTrue(calendar.walk("VTIMEZONE"))
        danish = next(m for m in smtp.messages if m["To"] == self.supporter.email)
        english = next(m for m in smtp.messages if m["To"] == self.pia.email)
        self.assertNotEqual(danish["Subject"], english["Subject"])

    def test_cancellation_sends_method_cancel_with_a_higher_sequence(self) -> None:
        meeting = self.book(local(2026, 3, 25, 14))
        with self.captureOnCommitCallbacks(execute=True):
            meeting_cancel(meeting=meeting, by=self.supporter)
        with SmtpServer() as smtp, override_settings(**smtp.settings()):
            run_worker()
        cancels = [
            icalendar.Calendar.from_ical(
                next(m.iter_attachments()).get_payload(decode=True)
            )
            for m in smtp.messages
            if "CANCEL" in str(next(m.iter_attachments()).get_payload(decode=True))
        ]
        self.assertEqual(len(cancels), 2)
        self.assertEqual(int(cancels[0].walk("VEVENT")[0]["SEQUENCE"]), 1)
        self.assertFalse(Notification.objects.filter(kind="reminder").exists())

    def test_reminders_go_out_once_at_their_time(self) -> None:
        self.book(local(2026, 3, 25, 14))
        with SmtpServer() as smtp, override_settings(**smtp.settings()):
            run_worker()
            self.assertEqual(len(smtp.messages), 2)  # confirmations
            with time_machine.travel(local(2026, 3, 24, 14, 1), tick=False):
                run_worker()
                run_worker()
            self.assertEqual(len(smtp.messages), 4)
            with time_machine.travel(local(2026, 3, 25, 12, 1), tick=False):
                run_worker()
            self.assertEqual(len(smtp.messages), 6)
        subjects = [m["Subject"] for m in smtp.messages[2:]]
        self.assertTrue(all("14:00" in s for s in subjects), subjects)

    def test_mail_survives_an_smtp_outage_and_is_sent_once(self) -> None:
        self.book(local(2026, 3, 25, 14))
        with (
            override_settings(
                EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
                EMAIL_HOST="127.0.0.1",
                EMAIL_PORT=9,  # nothing listens here
                EMAIL_TIMEOUT=1,
            ),
            self.captureOnCommitCallbacks(execute=True),
        ):
            run_worker()
        pending = Notification.objects.filter(sent_at__isnull=True, kind="booked")
        self.assertEqual(pending.count(), 2)
        self.assertTrue(all(n.attempts == 1 for n in pending))
        with SmtpServer() as smtp, override_settings(**smtp.settings()):
            with time_machine.travel(NOW + timedelta(minutes=3), tick=False):
                run_worker()
                run_worker()
        self.assertEqual(len(smtp.messages), 2)
        self.assertFalse(
            Notification.objects.filter(sent_at__isnull=True, kind="booked").exists()
        )
