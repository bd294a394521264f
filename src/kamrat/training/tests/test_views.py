from datetime import timedelta
from decimal import Decimal

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kamrat.recruitment.models import ApplicantRead, Application, Call
from kamrat.training.models import (
    Attendance,
    Certificate,
    Cohort,
    ContinuedEducation,
    Enrolment,
    Session,
)
from kamrat.training.services import certification
from kamrat.training.services import enrolment as enrolling

from .base import STOCKHOLM, TrainingTestCase


class CohortPagesTestCase(TrainingTestCase):
    def test_a_coordinator_starts_a_cohort(self) -> None:
        self.login(self.ada)
        starts = timezone.localdate() + timedelta(days=7)
        response = self.client.post(
            reverse("training:cohort_new", args=["harbour"]),
            {
                "name": "Autumn cohort",
                "starts_on": starts.isoformat(),
                "weeks": "5",
                "place": "Folkets hus",
                "completion_percent": "80",
                "call": "",
            },
        )
        cohort = Cohort.objects.get()
        self.assertRedirects(response, reverse("training:cohort", args=[cohort.pk]))
        self.assertEqual(cohort.created_by, self.ada)
        self.assertEqual(cohort.weeks.count(), 5)
        listed = self.client.get(reverse("training:cohorts", args=["harbour"]))
        self.assertContains(listed, "Autumn cohort")

    def test_bad_input_shows_why_and_saves_nothing(self) -> None:
        self.login(self.ada)
        foreign = Call.objects.create(
            program=self.other,
            title_en="Elsewhere",
            opens_on=timezone.localdate(),
            closes_on=timezone.localdate(),
            places=2,
        )
        base = {
            "name": "Autumn",
            "starts_on": timezone.localdate().isoformat(),
            "weeks": "5",
            "place": "Hall",
            "completion_percent": "80",
        }
        cases = {
            "no name": ({"name": ""}, "Give the cohort a name."),
            "odd day": ({"starts_on": "2024-02-30"}, "Write the day as YYYY-MM-DD."),
            "far day": ({"starts_on": "9999-12-31"}, "Choose a day within"),
            "share": ({"completion_percent": "0"}, "between 1 and 100 percent"),
            "weeks": ({"weeks": "99999999999999999999"}, "between 1 and 20 weeks"),
            "foreign call": ({"call": str(foreign.pk)}, "Choose a call from the list."),
            "huge id": ({"call": "99999999999999999999"}, "Choose a call from"),
        }
        for label, (overrides, message) in cases.items():
            with self.subTest(label):
                response = self.client.post(
                    reverse("training:cohort_new", args=["harbour"]),
                    {**base, **overrides},
                )
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, message)
        self.assertFalse(Cohort.objects.exists())

    def test_the_cohort_page_shows_shares_and_the_rule(self) -> None:
        cohort = self.make_cohort()
        sessions = [self.add_session(cohort, d) for d in (0, 1)]
        tess_in, tom_in = self.enrol(cohort, self.tess, self.tom)
        for session in sessions:
            self.attend(session, {tess_in: True, tom_in: session == sessions[0]})
        self.login(self.ada)
        response = self.client.get(reverse("training:cohort", args=[cohort.pk]))
        self.assertContains(response, "Tess Trainee")
        self.assertContains(response, "2 of 2 (100%)")
        self.assertContains(response, "1 of 2 (50%)")
        self.assertContains(response, "Not now")
        self.assertContains(response, "Week 2: Home study")

    def test_another_programme_and_everyone_else_get_404(self) -> None:
        cohort = self.make_cohort()
        session = self.add_session(cohort, 1)
        (enrolment,) = self.enrol(cohort, self.tess)
        urls = [
            reverse("training:cohorts", args=["harbour"]),
            reverse("training:cohort_new", args=["harbour"]),
            reverse("training:education", args=["harbour"]),
            reverse("training:cohort", args=[cohort.pk]),
            reverse("training:week", args=[cohort.pk, 1]),
            reverse("training:session_new", args=[cohort.pk]),
            reverse("training:session", args=[session.pk]),
            reverse("training:attendance", args=[session.pk]),
            reverse("training:enrol", args=[cohort.pk]),
            reverse("training:complete", args=[cohort.pk]),
        ]
        for person in (self.olga, self.sam, self.pia, self.wanda, self.olle, self.tess):
            self.login(person)
            for url in urls:
                with self.subTest(person=person.name, url=url):
                    self.assertEqual(self.client.get(url).status_code, 404)
                    # 405 where the page takes no POST at all.
                    self.assertIn(self.client.post(url, {}).status_code, (404, 405))
            withdraw = reverse("training:withdraw", args=[enrolment.pk])
            self.assertEqual(self.client.post(withdraw).status_code, 404)
        enrolment.refresh_from_db()
        self.assertEqual(enrolment.status, Enrolment.Status.ENROLLED)

    def test_a_week_past_the_last_is_404(self) -> None:
        cohort = self.make_cohort()
        self.login(self.ada)
        for number in (0, 6, 99999):
            url = reverse("training:week", args=[cohort.pk, number])
            self.assertEqual(self.client.get(url).status_code, 404)


class WeekPageTestCase(TrainingTestCase):
    def test_material_is_saved_per_language(self) -> None:
        cohort = self.make_cohort()
        self.login(self.ada)
        url = reverse("training:week", args=[cohort.pk, 2])
        response = self.client.post(
            url,
            {
                "kind": "home_study",
                "theme": "My story",
                "material_sv": "Läs kapitel 2.",
                "material_da": "",
                "material_en": "Read chapter 2.",
            },
        )
        self.assertRedirects(response, reverse("training:cohort", args=[cohort.pk]))
        week = cohort.weeks.get(number=2)
        self.assertEqual(
            (week.theme, week.material_en), ("My story", "Read chapter 2.")
        )

    def test_an_unknown_kind_is_refused(self) -> None:
        cohort = self.make_cohort()
        self.login(self.ada)
        url = reverse("training:week", args=[cohort.pk, 2])
        response = self.client.post(url, {"kind": "holiday", "theme": "x"})
        self.assertContains(response, "Choose on site or home study.")
        self.assertEqual(cohort.weeks.get(number=2).theme, "")


class SessionPagesTestCase(TrainingTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.cohort = self.make_cohort()
        self.login(self.ada)

    def form(self, **overrides) -> dict:
        data = {
            "day": (self.cohort.starts_on + timedelta(days=16)).isoformat(),
            "starts": "09:30",
            "ends": "15:00",
            "topic": "Boundaries and ethics",
            "place": "",
            "leader": str(self.sam.pk),
            "leader_name": "",
        }
        data.update(overrides)
        return data

    def test_a_session_is_added_in_the_programmes_time_zone(self) -> None:
        response = self.client.post(
            reverse("training:session_new", args=[self.cohort.pk]), self.form()
        )
        self.assertRedirects(
            response, reverse("training:cohort", args=[self.cohort.pk])
        )
        session = Session.objects.get()
        self.assertEqual(session.starts_at.astimezone(STOCKHOLM).hour, 9)
        self.assertEqual(session.week.number, 3)
        self.assertTrue(session.led_by_peer_supporter)

    def test_refusals_show_a_message_and_save_nothing(self) -> None:
        cases = {
            "end before start": (self.form(ends="09:00"), "must end after it starts"),
            "outside the weeks": (
                self.form(day=(self.cohort.ends_on + timedelta(days=1)).isoformat()),
                "within the weeks of this training",
            ),
            "no leader": (self.form(leader=""), "Choose who leads the session"),
            "foreign leader": (
                self.form(leader=str(self.otto.pk)),
                "Choose the leader from the list.",
            ),
            "no topic": (self.form(topic=""), "Write what the session is about."),
        }
        for label, (data, message) in cases.items():
            with self.subTest(label):
                response = self.client.post(
                    reverse("training:session_new", args=[self.cohort.pk]), data
                )
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, message)
        self.assertFalse(Session.objects.exists())

    def test_a_change_and_a_cancellation(self) -> None:
        session = self.add_session(self.cohort, 16)
        url = reverse("training:session", args=[session.pk])
        page = self.client.get(url)
        self.assertContains(page, "Cancel the session")
        response = self.client.post(url, {**self.form(topic="Moved"), "action": "save"})
        self.assertRedirects(response, url)
        session.refresh_from_db()
        self.assertEqual((session.topic, session.sequence), ("Moved", 1))
        response = self.client.post(url, {"action": "cancel"})
        self.assertRedirects(response, url)
        session.refresh_from_db()
        self.assertEqual((session.is_cancelled, session.sequence), (True, 2))

    def test_attendance_is_saved_from_the_form(self) -> None:
        session = self.add_session(self.cohort, 1)
        tess_in, tom_in = self.enrol(self.cohort, self.tess, self.tom)
        url = reverse("training:attendance", args=[session.pk])
        self.assertContains(self.client.get(url), "Tess Trainee")
        response = self.client.post(
            url, {f"who_{tess_in.pk}": "attended", f"who_{tom_in.pk}": "absent"}
        )
        self.assertRedirects(
            response, reverse("training:cohort", args=[self.cohort.pk])
        )
        self.assertEqual(
            dict(Attendance.objects.values_list("enrolment_id", "attended")),
            {tess_in.pk: True, tom_in.pk: False},
        )
        response = self.client.post(url, {f"who_{tess_in.pk}": "maybe"})
        self.assertContains(response, "Choose attended or absent.")
        self.assertTrue(Attendance.objects.get(enrolment=tess_in).attended)

    def test_attendance_waits_for_the_session(self) -> None:
        session = self.add_session(self.cohort, 20)
        self.enrol(self.cohort, self.tess)
        url = reverse("training:attendance", args=[session.pk])
        self.assertContains(self.client.get(url), "once the session has started")


class EnrolPageTestCase(TrainingTestCase):
    def setUp(self) -> None:
        super().setUp()
        today = timezone.localdate()
        self.call = Call.objects.create(
            program=self.program,
            title_en="Become a peer supporter",
            opens_on=today - timedelta(days=60),
            closes_on=today - timedelta(days=30),
            places=3,
        )
        self.cohort = self.make_cohort(call=self.call)
        Application.objects.create(
            call=self.call,
            name="Alva Applicant",
            email="alva@applicants.test",
            motivation="I want to give back.",
            language="sv",
            step="accepted",
        )
        self.login(self.ada)
        self.url = reverse("training:enrol", args=[self.cohort.pk])

    def test_accepted_applicants_are_listed_and_the_read_kept(self) -> None:
        response = self.client.get(self.url)
        self.assertContains(response, "Alva Applicant")
        self.assertNotContains(response, "Pia Participant")
        self.assertEqual(ApplicantRead.objects.filter(reader=self.ada).count(), 1)

    def test_enrolling_from_the_call(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.url, {"action": "call"})
        self.assertRedirects(
            response, reverse("training:cohort", args=[self.cohort.pk])
        )
        enrolment = Enrolment.objects.get()
        self.assertEqual(enrolment.user.email, "alva@applicants.test")
        queued = DBTaskResult.objects.filter(task_path__endswith="invitation_send")
        self.assertEqual(queued.get().args_kwargs["args"], [enrolment.pk, 0])

    def test_enrolling_a_member_and_refusing_others(self) -> None:
        response = self.client.post(
            self.url, {"action": "member", "person": self.sam.pk}
        )
        self.assertRedirects(response, self.url)
        self.assertTrue(Enrolment.objects.filter(user=self.sam).exists())
        for value in (self.pia.pk, self.otto.pk, "x", "99999999999999999999"):
            with self.subTest(value):
                response = self.client.post(
                    self.url, {"action": "member", "person": value}
                )
                self.assertContains(response, "Choose a person from the list.")
        self.assertEqual(Enrolment.objects.count(), 1)


class WithdrawPageTestCase(TrainingTestCase):
    def test_it_asks_first_then_marks_them_as_left(self) -> None:
        cohort = self.make_cohort()
        (enrolment,) = self.enrol(cohort, self.tess)
        self.login(self.ada)
        url = reverse("training:withdraw", args=[enrolment.pk])
        self.assertContains(self.client.get(url), "Has Tess Trainee left the training?")
        enrolment.refresh_from_db()
        self.assertEqual(enrolment.status, Enrolment.Status.ENROLLED)
        response = self.client.post(url)
        self.assertRedirects(response, reverse("training:cohort", args=[cohort.pk]))
        enrolment.refresh_from_db()
        self.assertEqual(enrolment.status, Enrolment.Status.WITHDRAWN)
        self.login(self.tess)
        self.assertContains(
            self.client.get(reverse("training:mine")), "not in a training right now"
        )


class CompletePageTestCase(TrainingTestCase):
    def test_it_shows_who_completes_then_certifies(self) -> None:
        cohort = self.make_cohort(days_ago=40)
        session = self.add_session(cohort, 1)
        tess_in, tom_in = self.enrol(cohort, self.tess, self.tom)
        self.attend(session, {tess_in: True, tom_in: False})
        self.login(self.ada)
        url = reverse("training:complete", args=[cohort.pk])
        page = self.client.get(url).content.decode()
        self.assertLess(page.index("Will complete"), page.index("Tess Trainee"))
        self.assertLess(page.index("Will not complete"), page.index("Tom Trainee"))
        self.assertFalse(Certificate.objects.exists())  # looking changes nothing
        response = self.client.post(url)
        self.assertRedirects(response, reverse("training:cohort", args=[cohort.pk]))
        self.assertEqual(Certificate.objects.get().user, self.tess)
        self.client.post(url)
        self.assertEqual(Certificate.objects.count(), 1)

    def test_too_early_says_when(self) -> None:
        cohort = self.make_cohort()
        self.add_session(cohort, 1)
        self.login(self.ada)
        url = reverse("training:complete", args=[cohort.pk])
        self.assertContains(self.client.get(url), "can be completed from its last day")
        response = self.client.post(url, follow=True)
        self.assertContains(response, "can be completed from its last day")
        cohort.refresh_from_db()
        self.assertFalse(cohort.is_completed)


class MinePageTestCase(TrainingTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.cohort = self.make_cohort()
        week = self.cohort.weeks.get(number=2)
        week.material_en = "Read chapter 2 at https://books.example/ch2"
        week.material_sv = "Läs kapitel 2."
        week.save()
        self.held = self.add_session(self.cohort, 1, leader=self.sam)
        self.ahead = self.add_session(
            self.cohort, 16, leader=None, leader_name="Dr Vera Extern"
        )
        self.tess_in, self.tom_in = self.enrol(self.cohort, self.tess, self.tom)
        self.attend(self.held, {self.tess_in: True, self.tom_in: False})

    def test_the_trainee_sees_schedule_material_and_own_attendance(self) -> None:
        self.login(self.tess)
        response = self.client.get(reverse("training:mine"))
        body = response.content.decode()
        self.assertContains(response, "Week 1: On site")
        self.assertContains(response, "Week 2: Home study")
        self.assertContains(response, "Topic on day 1")
        self.assertContains(response, "Led by Sam Supporter")
        self.assertContains(response, "led by a peer supporter")
        self.assertContains(response, "Led by Dr Vera Extern")
        self.assertContains(response, "Read chapter 2")
        self.assertContains(response, 'href="https://books.example/ch2"')
        self.assertContains(response, "You attended.")
        self.assertContains(response, "You have attended 1 of the 1 sessions")
        self.assertIn(self.tess_in.feed_token, body)
        self.assertNotIn("Tom Trainee", body)
        self.assertNotIn(self.tom_in.feed_token, body)

    def test_material_follows_the_readers_language(self) -> None:
        self.login(self.tess)
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "sv"
        self.assertContains(self.client.get(reverse("training:mine")), "Läs kapitel 2.")

    def test_someone_who_left_or_never_came_sees_no_schedule(self) -> None:
        enrolling.enrolment_withdraw(enrolment=self.tom_in)
        for person in (self.tom, self.pia):
            self.login(person)
            response = self.client.get(reverse("training:mine"))
            self.assertContains(response, "You are not in a training right now.")
            self.assertNotContains(response, "Topic on day 1")

    def test_renewing_the_address_stops_the_old_one(self) -> None:
        old = self.tess_in.feed_token
        self.login(self.tess)
        response = self.client.post(
            reverse("training:feed_renew", args=[self.tess_in.pk])
        )
        self.assertRedirects(response, reverse("training:mine"))
        self.tess_in.refresh_from_db()
        self.assertNotEqual(self.tess_in.feed_token, old)
        self.assertEqual(
            self.client.get(reverse("training:feed", args=[old])).status_code, 404
        )
        self.login(self.tom)
        response = self.client.post(
            reverse("training:feed_renew", args=[self.tess_in.pk])
        )
        self.assertEqual(response.status_code, 404)


class HomeLinksTestCase(TrainingTestCase):
    def home(self, person) -> str:
        cache.clear()
        self.login(person)
        return self.client.get(reverse("accounts:home")).content.decode()

    def test_each_role_gets_its_links(self) -> None:
        cohort = self.make_cohort()
        self.enrol(cohort, self.pia)
        coordinator = self.home(self.ada)
        self.assertIn(reverse("training:cohorts", args=["harbour"]), coordinator)
        self.assertIn(reverse("training:education", args=["harbour"]), coordinator)
        self.assertNotIn(reverse("training:mine"), coordinator)
        supporter = self.home(self.sam)
        self.assertIn(reverse("training:my_certificates"), supporter)
        self.assertNotIn(reverse("training:cohorts", args=["harbour"]), supporter)
        self.assertIn(reverse("training:mine"), self.home(self.pia))
        self.assertNotIn(reverse("training:mine"), self.home(self.wanda))


class EducationPageTestCase(TrainingTestCase):
    def test_one_event_for_two_and_a_refusal(self) -> None:
        self.login(self.ada)
        url = reverse("training:education", args=["harbour"])
        data = {
            "title": "Theme day",
            "organiser": "NSPH",
            "held_on": (timezone.localdate() - timedelta(days=2)).isoformat(),
            "hours": "6.5",
            "people": [self.sam.pk, self.siri.pk],
        }
        response = self.client.post(url, data)
        self.assertRedirects(response, url)
        self.assertEqual(
            set(ContinuedEducation.objects.values_list("user", "hours")),
            {(self.sam.pk, Decimal("6.5")), (self.siri.pk, Decimal("6.5"))},
        )
        response = self.client.post(url, {**data, "people": [self.otto.pk]})
        self.assertContains(response, "Choose only peer supporters of this programme.")
        response = self.client.post(url, {**data, "hours": "1e309"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "errorlist")
        self.assertEqual(ContinuedEducation.objects.count(), 2)
        self.assertContains(self.client.get(url), "Siri Supporter")


class MyCertificatesPageTestCase(TrainingTestCase):
    def test_own_certificates_and_courses_with_the_total(self) -> None:
        certification.continued_education_record(
            program=self.program,
            people=[self.sam, self.siri],
            title="Theme day",
            held_on=timezone.localdate(),
            hours=Decimal("6"),
            by=self.ada,
        )
        certification.continued_education_record(
            program=self.program,
            people=[self.sam],
            title="Conference",
            held_on=timezone.localdate(),
            hours=Decimal("1.5"),
            by=self.ada,
        )
        Certificate.objects.create(
            program=self.program,
            user=self.siri,
            holder_name="Siri Supporter",
            training_started_on=timezone.localdate(),
            training_ended_on=timezone.localdate(),
        )
        self.login(self.sam)
        response = self.client.get(reverse("training:my_certificates"))
        self.assertContains(response, "Conference")
        self.assertContains(response, "In total: 7.5 hours.")
        self.assertContains(response, "No certificate yet.")
