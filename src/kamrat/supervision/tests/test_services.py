from datetime import timedelta

from django.core.exceptions import ValidationError

from kamrat.supervision import services
from kamrat.supervision.models import Invitation, Kind, Notice, SupervisionSession

from .base import SupervisionTestCase, days_ahead


class SessionCreateTestCase(SupervisionTestCase):
    def test_it_plans_a_session_and_invites(self) -> None:
        session = self.plan(video=True, place="")
        self.assertEqual(session.kind, Kind.GROUP)
        self.assertTrue(session.video_room.startswith("kamrat-"))
        self.assertEqual(
            sorted(session.invitations.values_list("supporter__name", flat=True)),
            ["Sam Supporter", "Siri Supporter"],
        )
        self.assertEqual(Notice.objects.filter(session=session).count(), 2)

    def test_a_member_can_supervise(self) -> None:
        session = self.plan(supervisor=self.ada, supervisor_name="")
        self.assertEqual(session.supervisor_label, "Ada Coordinator")

    def test_broken_rules_save_nothing(self) -> None:
        start = days_ahead(3)
        cases = {
            "end before start": {"ends_at": start - timedelta(minutes=30)},
            "end at start": {"ends_at": start},
            "too long": {"ends_at": start + timedelta(hours=9)},
            "other programme's supporter": {"supporters": [self.sam, self.otto]},
            "nobody invited": {"supporters": []},
            "no supervisor": {"supervisor_name": "  "},
            "two supervisors": {"supervisor": self.ada},
            "supervisor from elsewhere": {
                "supervisor": self.olga,
                "supervisor_name": "",
            },
            "individual for two": {"kind": Kind.INDIVIDUAL},
            "no place": {"place": " "},
            "odd kind": {"kind": "party"},
            "years ahead": {
                "starts_at": days_ahead(900),
                "ends_at": days_ahead(900) + timedelta(hours=1),
            },
        }
        for label, overrides in cases.items():
            with self.subTest(label):
                with self.assertRaises(ValidationError):
                    self.plan(**overrides)
        self.assertEqual(SupervisionSession.objects.count(), 0)
        self.assertEqual(Invitation.objects.count(), 0)
        self.assertEqual(Notice.objects.count(), 0)


class SessionChangeTestCase(SupervisionTestCase):
    def test_moving_bumps_the_sequence_and_tells_everyone(self) -> None:
        session = self.plan()
        start = days_ahead(5, hour=13)
        services.session_move(
            session=session,
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            video=True,
        )
        session.refresh_from_db()
        self.assertEqual(session.starts_at, start)
        self.assertEqual(session.sequence, 1)
        self.assertEqual(session.place, "")
        self.assertTrue(session.video_room)
        moved = Notice.objects.filter(kind=Notice.Kind.MOVED, sequence=1)
        self.assertEqual(moved.count(), 2)

    def test_cancelling_twice_is_refused(self) -> None:
        session = self.plan()
        services.session_cancel(session=session)
        session.refresh_from_db()
        self.assertTrue(session.is_cancelled)
        with self.assertRaises(ValidationError):
            services.session_cancel(session=session)
        with self.assertRaises(ValidationError):
            services.session_move(
                session=session,
                starts_at=days_ahead(4),
                ends_at=days_ahead(4, hour=11),
                place="Room 1",
            )


class AttendanceTestCase(SupervisionTestCase):
    def test_it_records_who_came(self) -> None:
        session = self.plan(starts_at=days_ahead(-2))
        services.attendance_record(
            session=session,
            attendance={self.sam.pk: "attended", self.siri.pk: "absent"},
        )
        self.assertEqual(
            dict(session.invitations.values_list("supporter_id", "attendance")),
            {self.sam.pk: "attended", self.siri.pk: "absent"},
        )

    def test_not_before_it_starts_and_not_for_strangers(self) -> None:
        ahead = self.plan()
        past = self.plan(starts_at=days_ahead(-2))
        cases = [
            (ahead, {self.sam.pk: "attended"}),
            (past, {self.otto.pk: "attended"}),
            (past, {self.sam.pk: "maybe"}),
        ]
        for session, attendance in cases:
            with self.subTest(attendance=attendance):
                with self.assertRaises(ValidationError):
                    services.attendance_record(session=session, attendance=attendance)
        self.assertFalse(Invitation.objects.exclude(attendance="").exists())


class TargetsTestCase(SupervisionTestCase):
    def test_it_saves_and_refuses_out_of_range(self) -> None:
        services.targets_set(program=self.program, group_weeks=2, individual_weeks=6)
        targets = self.program.supervision_targets
        self.assertEqual((targets.group_weeks, targets.individual_weeks), (2, 6))
        for weeks in (0, 53):
            with self.assertRaises(ValidationError):
                services.targets_set(
                    program=self.program, group_weeks=weeks, individual_weeks=6
                )
        targets.refresh_from_db()
        self.assertEqual(targets.group_weeks, 2)
