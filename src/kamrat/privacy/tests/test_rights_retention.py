from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import time_machine
from django.core.management import call_command
from django.test import override_settings
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kamrat.accounts.models import Role, User
from kamrat.core.testing import (
    KamratTestCase,
    make_membership,
    make_pairing,
    run_worker,
)
from kamrat.privacy.models import AccessEntry
from kamrat.privacy.rights import retention_run
from kamrat.privacy.services import access_log, access_log_verify
from kamrat.privacy.tasks import retention_daily, retention_schedule
from kamrat.support.models import (
    CalendarFeed,
    Meeting,
    Notification,
    Pairing,
    SupportRequest,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 6, 1, 3, 0, tzinfo=STOCKHOLM)


def days_ago(days: int) -> datetime:
    return NOW - timedelta(days=days)


@time_machine.travel(NOW, tick=False)
class RetentionTestCase(KamratTestCase):
    """Contacts that ended long ago and lately, an active one, and two guests."""

    def setUp(self) -> None:
        self.old = self.contact(ended_days_ago=400)
        self.recent = self.contact(ended_days_ago=100)
        self.active = make_pairing(
            participant=self.pia, supporter=self.sam, program=self.program
        )
        self.meeting(self.active, days=2)
        self.old_request = self.request(self.olle, closed_days_ago=400)
        self.recent_request = self.request(self.wanda, closed_days_ago=10)
        for days in (400, 10):
            Notification.objects.create(
                recipient=self.sam,
                meeting=self.active.meetings.get(),
                kind=Notification.Kind.BOOKED,
                sequence=days,
                send_after=days_ago(days),
                sent_at=days_ago(days),
            )
        CalendarFeed.objects.create(
            user=self.sam, token="old", revoked_at=days_ago(400)
        )
        CalendarFeed.objects.create(user=self.sam, token="in-use")
        for days in (800, 100):
            with time_machine.travel(days_ago(days), tick=False):
                access_log(
                    reader=self.ada,
                    participants=[self.pia],
                    program=self.program,
                    what="request",
                    purpose="matching",
                )
        self.gone_guest = self.guest("Gone Guest", last_seen_days_ago=400)
        self.new_guest = self.guest("New Guest", last_seen_days_ago=20)
        self.busy_guest = self.guest("Busy Guest", last_seen_days_ago=400)
        make_pairing(
            participant=self.busy_guest, supporter=self.sam, program=self.program
        )

    def contact(self, *, ended_days_ago: int) -> Pairing:
        person = User.objects.create_user(
            email=f"ended{ended_days_ago}@people.test", name=f"Ended {ended_days_ago}"
        )
        pairing = make_pairing(
            participant=person,
            supporter=self.sam,
            program=self.program,
            status=Pairing.Status.ENDED,
            started_at=days_ago(ended_days_ago + 60),
            ended_at=days_ago(ended_days_ago),
        )
        self.meeting(pairing, days=-(ended_days_ago + 30), booked_by=person)
        return pairing

    def meeting(self, pairing: Pairing, *, days: int, **fields) -> Meeting:
        return Meeting.objects.create(
            pairing=pairing,
            starts_at=NOW + timedelta(days=days),
            ends_at=NOW + timedelta(days=days, hours=1),
            mode="walk",
            place="By the harbour café",
            video_room="kamrat-room",
            status=Meeting.Status.KEPT if days < 0 else Meeting.Status.SCHEDULED,
            **fields,
        )

    def request(self, person: User, *, closed_days_ago: int) -> SupportRequest:
        return SupportRequest.objects.create(
            program=self.program,
            participant=person,
            status=SupportRequest.Status.WITHDRAWN,
            created_at=days_ago(closed_days_ago + 5),
            closed_at=days_ago(closed_days_ago),
        )

    def guest(self, name: str, *, last_seen_days_ago: int) -> User:
        user = User.objects.create_user(
            email=None,
            name=name,
            date_joined=days_ago(last_seen_days_ago + 1),
            last_login=days_ago(last_seen_days_ago),
        )
        make_membership(user=user, program=self.program, role=Role.PARTICIPANT)
        return user

    def assert_only_what_is_past_was_removed(self) -> None:
        self.old.refresh_from_db()
        self.recent.refresh_from_db()
        self.assertIsNone(self.old.participant_id)
        self.assertIsNotNone(self.recent.participant_id)
        old_meeting = self.old.meetings.get()
        self.assertEqual(
            (old_meeting.place, old_meeting.video_room, old_meeting.booked_by_id),
            ("", "", None),
        )
        # The meeting still counts: when, how, and whether it happened.
        self.assertEqual((old_meeting.mode, old_meeting.status), ("walk", "kept"))
        self.assertEqual(self.recent.meetings.get().place, "By the harbour café")
        self.assertEqual(self.active.meetings.get().place, "By the harbour café")
        self.assertEqual(self.active.participant_id, self.pia.pk)
        self.assertFalse(SupportRequest.objects.filter(pk=self.old_request.pk).exists())
        self.assertTrue(
            SupportRequest.objects.filter(pk=self.recent_request.pk).exists()
        )
        self.assertEqual(
            sorted(Notification.objects.values_list("sequence", flat=True)), [10]
        )
        self.assertEqual(
            list(CalendarFeed.objects.values_list("token", flat=True)), ["in-use"]
        )
        self.assertEqual(
            list(AccessEntry.objects.values_list("at", flat=True)), [days_ago(100)]
        )
        self.assertEqual(access_log_verify()[1], [])
        remaining = set(User.objects.values_list("name", flat=True))
        self.assertNotIn("Gone Guest", remaining)
        self.assertLessEqual({"New Guest", "Busy Guest"}, remaining)

    def test_the_worker_removes_only_what_is_past_the_period(self) -> None:
        self.assertTrue(retention_schedule())
        run_worker()
        self.assert_only_what_is_past_was_removed()
        result = DBTaskResult.objects.filter(
            task_path=retention_daily.module_path, status=TaskResultStatus.SUCCESSFUL
        ).get()
        self.assertEqual(result.return_value["guests"], 1)
        self.assertEqual(result.return_value["privacy"], 1)

    def test_it_plans_itself_for_the_next_day_without_duplicates(self) -> None:
        retention_schedule()
        run_worker()
        waiting = DBTaskResult.objects.filter(
            task_path=retention_daily.module_path, status=TaskResultStatus.READY
        )
        self.assertEqual([r.run_after for r in waiting], [NOW + timedelta(days=1)])
        # A worker restart does not add a second run.
        self.assertFalse(retention_schedule())
        self.assertEqual(waiting.count(), 1)
        run_worker()  # not due yet
        self.assertEqual(waiting.count(), 1)
        with time_machine.travel(NOW + timedelta(days=1, minutes=1), tick=False):
            run_worker()
        self.assertEqual(
            DBTaskResult.objects.filter(
                task_path=retention_daily.module_path,
                status=TaskResultStatus.SUCCESSFUL,
            ).count(),
            2,
        )
        self.assertEqual(waiting.count(), 1)
        self.assert_only_what_is_past_was_removed()

    def test_running_twice_changes_nothing_more(self) -> None:
        retention_run(now=NOW)
        second = retention_run(now=NOW)
        self.assertEqual(sum(second.values()), 0, second)
        self.assert_only_what_is_past_was_removed()

    def test_the_period_comes_from_the_setting(self) -> None:
        with override_settings(RETENTION_DAYS=30):
            retention_run(now=NOW)
        self.recent.refresh_from_db()
        self.assertIsNone(self.recent.participant_id)
        self.assertTrue(User.objects.filter(name="New Guest").exists())
        self.assertTrue(Notification.objects.filter(sequence=10).exists())

    def test_dry_run_counts_and_changes_nothing(self) -> None:
        out = StringIO()
        call_command("retention", "--dry-run", stdout=out)
        self.assertIn("guests: 1", out.getvalue())
        self.assertIn("Would remove", out.getvalue())
        self.old.refresh_from_db()
        self.assertIsNotNone(self.old.participant_id)
        self.assertEqual(AccessEntry.objects.count(), 2)
        self.assertTrue(User.objects.filter(name="Gone Guest").exists())
        out = StringIO()
        call_command("retention", stdout=out)
        self.assertIn("Removed", out.getvalue())
        self.assert_only_what_is_past_was_removed()
