from datetime import timedelta

from django.urls import reverse

from kamrat.supervision import services
from kamrat.supervision.models import Invitation, Notice, SupervisionSession, Targets

from .base import STOCKHOLM, SupervisionTestCase, days_ahead


class OverviewViewTestCase(SupervisionTestCase):
    def test_coordinator_sees_overdue_first_and_the_promise(self) -> None:
        past = self.plan(starts_at=days_ahead(-3))
        services.attendance_record(
            session=past, attendance={self.sam.pk: "attended", self.siri.pk: "absent"}
        )
        alone = self.plan(
            starts_at=days_ahead(-2), kind="individual", supporters=[self.sam]
        )
        services.attendance_record(session=alone, attendance={self.sam.pk: "attended"})
        self.login(self.ada)
        response = self.client.get(reverse("supervision:overview", args=["harbour"]))
        self.assertEqual(response.status_code, 200)
        body = response.content.decode()
        self.assertIn("never recorded", body)
        self.assertLess(body.index("Siri Supporter"), body.index("Sam Supporter"))

    def test_others_get_404(self) -> None:
        for person in (self.sam, self.pia, self.wanda, self.olle, self.olga):
            with self.subTest(person.name):
                self.login(person)
                for name in ("overview", "targets", "new"):
                    url = reverse(f"supervision:{name}", args=["harbour"])
                    self.assertEqual(self.client.get(url).status_code, 404)


class NewSessionViewTestCase(SupervisionTestCase):
    def form(self, **overrides) -> dict:
        day = days_ahead(3)
        data = {
            "kind": "group",
            "supervisor": "",
            "supervisor_name": "Dr Vera Extern",
            "supporters": [self.sam.pk, self.siri.pk],
            "day": day.date().isoformat(),
            "starts": "10:00",
            "ends": "12:00",
            "place": "Room 3",
        }
        data.update(overrides)
        return data

    def post(self, data: dict):
        self.login(self.ada)
        return self.client.post(reverse("supervision:new", args=["harbour"]), data)

    def test_it_plans_in_the_programmes_time_zone(self) -> None:
        response = self.post(self.form())
        session = SupervisionSession.objects.get()
        self.assertRedirects(
            response, reverse("supervision:session", args=[session.pk])
        )
        self.assertEqual(session.starts_at.astimezone(STOCKHOLM).hour, 10)
        self.assertEqual(Invitation.objects.filter(session=session).count(), 2)

    def test_refusals_show_a_message_and_save_nothing(self) -> None:
        cases = {
            "end before start": (self.form(ends="09:00"), "must end after it starts"),
            "other programme's supporter": (
                self.form(supporters=[self.sam.pk, self.otto.pk]),
                "Invite only peer supporters of this programme",
            ),
            "no supervisor": (self.form(supervisor_name=""), "Choose a supervisor"),
            "no place": (self.form(place=""), "Write where you will meet"),
        }
        for label, (data, message) in cases.items():
            with self.subTest(label):
                response = self.post(data)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, message)
        self.assertEqual(SupervisionSession.objects.count(), 0)
        self.assertEqual(Notice.objects.count(), 0)

    def test_huge_ids_are_refused_not_a_crash(self) -> None:
        huge = "99999999999999999999999999"
        for data in (self.form(supporters=[huge]), self.form(supervisor=huge)):
            with self.subTest(data=data):
                response = self.post(data)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "errorlist")
        self.assertEqual(SupervisionSession.objects.count(), 0)


class SessionViewTestCase(SupervisionTestCase):
    def test_attendance_move_and_cancel(self) -> None:
        past = self.plan(starts_at=days_ahead(-1))
        self.login(self.ada)
        url = reverse("supervision:attendance", args=[past.pk])
        response = self.client.post(
            url, {f"who_{self.sam.pk}": "attended", f"who_{self.siri.pk}": "absent"}
        )
        self.assertRedirects(response, reverse("supervision:session", args=[past.pk]))
        self.assertEqual(
            dict(past.invitations.values_list("supporter_id", "attendance")),
            {self.sam.pk: "attended", self.siri.pk: "absent"},
        )

        ahead = self.plan()
        day = days_ahead(8)
        response = self.client.post(
            reverse("supervision:move", args=[ahead.pk]),
            {
                "day": day.date().isoformat(),
                "starts": "14:00",
                "ends": "15:00",
                "video": "on",
            },
        )
        ahead.refresh_from_db()
        self.assertEqual(ahead.starts_at.astimezone(STOCKHOLM).hour, 14)
        self.assertTrue(ahead.video_room)

        response = self.client.post(
            reverse("supervision:move", args=[ahead.pk]),
            {
                "day": day.date().isoformat(),
                "starts": "14:00",
                "ends": "13:00",
                "video": "on",
            },
        )
        self.assertContains(response, "must end after it starts")
        ahead.refresh_from_db()
        self.assertEqual(ahead.ends_at - ahead.starts_at, timedelta(hours=1))

        self.client.post(reverse("supervision:cancel", args=[ahead.pk]))
        ahead.refresh_from_db()
        self.assertTrue(ahead.is_cancelled)

    def test_another_programmes_coordinator_gets_404(self) -> None:
        session = self.plan()
        self.login(self.olga)
        for name in ("session", "move", "cancel", "attendance"):
            url = reverse(f"supervision:{name}", args=[session.pk])
            method = self.client.get if name == "session" else self.client.post
            self.assertEqual(method(url).status_code, 404)
        session.refresh_from_db()
        self.assertFalse(session.is_cancelled)


class TargetsViewTestCase(SupervisionTestCase):
    def test_it_saves_and_refuses_nonsense(self) -> None:
        self.login(self.ada)
        url = reverse("supervision:targets", args=["harbour"])
        response = self.client.get(url)
        self.assertContains(response, 'value="4"')
        response = self.client.post(url, {"group_weeks": "0", "individual_weeks": "8"})
        self.assertContains(response, "between 1 and 52 weeks")
        self.assertFalse(Targets.objects.exists())
        self.client.post(url, {"group_weeks": "3", "individual_weeks": "6"})
        self.assertEqual(Targets.objects.get(program=self.program).group_weeks, 3)


class MineViewTestCase(SupervisionTestCase):
    def test_a_supporter_sees_their_own_sessions_and_record(self) -> None:
        past = self.plan(starts_at=days_ahead(-10))
        services.attendance_record(
            session=past, attendance={self.sam.pk: "attended", self.siri.pk: "absent"}
        )
        self.plan(supporters=[self.siri], kind="individual")
        self.plan(place="Lighthouse")
        self.login(self.sam)
        response = self.client.get(reverse("supervision:mine", args=["harbour"]))
        self.assertContains(response, "Lighthouse")
        self.assertContains(response, "Room 3", count=0)
        self.assertContains(response, "Individual supervision", count=0)
        self.assertContains(response, past.starts_at.astimezone(STOCKHOLM).year)
        self.login(self.siri)
        response = self.client.get(reverse("supervision:mine", args=["harbour"]))
        self.assertContains(response, "Nothing recorded yet")

    def test_participants_and_coordinators_get_404(self) -> None:
        for person in (self.pia, self.ada, self.otto, self.olle):
            with self.subTest(person.name):
                self.login(person)
                url = reverse("supervision:mine", args=["harbour"])
                self.assertEqual(self.client.get(url).status_code, 404)
