from datetime import timedelta

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from kamrat.accounts.models import Role
from kamrat.core.testing import (
    SmtpServer,
    make_membership,
    make_program,
    make_user,
    run_worker,
)
from kamrat.recruitment.models import ApplicantRead, Application, Call
from kamrat.recruitment.services import application_mails_sweep, application_step_set

from .base import RecruitmentTestCase

Step = Application.Step


class PipelineTestCase(RecruitmentTestCase):
    def test_it_counts_applicants_at_each_step_and_filters(self) -> None:
        self.applicant(name="Alva", email="a@x.test")
        self.applicant(name="Bo", email="b@x.test", step=Step.CONVERSATION)
        self.applicant(name="Cleo", email="c@x.test", step=Step.CONVERSATION)
        self.applicant(name="Dan", email="d@x.test", step=Step.RESERVE)
        self.login(self.ada)
        url = reverse("recruitment:pipeline", args=[self.call.pk])
        response = self.client.get(url)
        counts = {value: n for value, _label, n in response.context["counts"]}
        self.assertEqual(
            counts,
            {
                "received": 1,
                "conversation": 2,
                "offered": 0,
                "accepted": 0,
                "reserve": 1,
                "declined": 0,
            },
        )
        self.assertContains(response, "Conversation booked (2)")
        self.assertContains(response, "Everyone (4)")
        response = self.client.get(url, {"step": "conversation"})
        self.assertContains(response, "Bo")
        self.assertContains(response, "Cleo")
        self.assertNotContains(response, "Alva")
        # An unknown step shows everyone rather than failing.
        response = self.client.get(url, {"step": "nope"})
        self.assertContains(response, "Alva")

    def test_every_read_of_applicants_is_recorded(self) -> None:
        first = self.applicant(email="a@x.test")
        second = self.applicant(email="b@x.test")
        self.login(self.ada)
        self.client.get(reverse("recruitment:pipeline", args=[self.call.pk]))
        self.client.get(reverse("recruitment:application", args=[first.pk]))
        reads = list(
            ApplicantRead.objects.values_list("reader", "application_id_read", "what")
        )
        self.assertEqual(
            reads,
            [
                (self.ada.pk, first.pk, "list"),
                (self.ada.pk, second.pk, "list"),
                (self.ada.pk, first.pk, "application"),
            ],
        )

    def test_reads_are_append_only(self) -> None:
        read = ApplicantRead.objects.create(
            reader=self.ada, call_id_read=1, application_id_read=1, what="list"
        )
        with self.assertRaises(ValueError):
            read.save()
        with self.assertRaises(ValueError):
            read.delete()

    def test_a_coordinator_opens_a_call(self) -> None:
        self.login(self.ada)
        url = reverse("recruitment:manage", args=["harbour"])
        page = self.client.get(url)
        self.assertContains(page, "Open a new call")
        self.assertNotIn("title_da", page.context["form"].fields)
        today = timezone.localdate()
        data = {
            "title_sv": "Kamratstödjare hösten",
            "title_en": "Peer supporters, autumn",
            "text_sv": "Välkommen",
            "text_en": "Welcome",
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=30)).isoformat(),
            "places": "7",
            "training_place": "Online and in Göteborg",
        }
        response = self.client.post(url, data)
        call = Call.objects.get(title_en="Peer supporters, autumn")
        self.assertRedirects(response, reverse("recruitment:pipeline", args=[call.pk]))
        self.assertEqual(call.created_by, self.ada)

    def test_a_call_needs_both_languages_sensible_dates_and_places(self) -> None:
        self.login(self.ada)
        url = reverse("recruitment:manage", args=["harbour"])
        today = timezone.localdate()
        good = {
            "title_sv": "T",
            "title_en": "T",
            "text_sv": "T",
            "text_en": "T",
            "opens_on": today.isoformat(),
            "closes_on": today.isoformat(),
            "places": "3",
        }
        before = Call.objects.count()
        for bad in (
            {"text_en": ""},
            {"closes_on": (today - timedelta(days=1)).isoformat()},
            {"places": "0"},
            {"places": "many"},
            {"opens_on": "yesterday"},
        ):
            with self.subTest(bad=bad):
                response = self.client.post(url, {**good, **bad})
                self.assertContains(response, "form-errors")
        self.assertEqual(Call.objects.count(), before)

    def test_it_changes_the_step(self) -> None:
        application = self.applicant()
        self.login(self.ada)
        url = reverse("recruitment:application_step", args=[application.pk])
        response = self.client.post(url, {"step": "offered"})
        self.assertRedirects(
            response, reverse("recruitment:application", args=[application.pk])
        )
        application.refresh_from_db()
        self.assertEqual(application.step, Step.OFFERED)
        self.client.post(url, {"step": "hired"})
        application.refresh_from_db()
        self.assertEqual(application.step, Step.OFFERED)

    def test_it_shows_one_application_with_its_own_words(self) -> None:
        application = self.applicant(lived_experience="I have been there.")
        self.login(self.ada)
        response = self.client.get(
            reverse("recruitment:application", args=[application.pk])
        )
        self.assertContains(response, "I want to give back what I was given.")
        self.assertContains(response, "I have been there.")
        self.assertContains(response, "Evenings")


class StepMailTestCase(RecruitmentTestCase):
    def test_a_step_change_mails_the_applicant_in_their_language(self) -> None:
        danish = self.applicant(email="dorte@x.test", name="Dorte", language="da")
        english = self.applicant(email="emma@x.test", name="Emma", language="en")
        with SmtpServer() as smtp, override_settings(**smtp.settings()):
            with self.captureOnCommitCallbacks(execute=True):
                application_step_set(application=danish, step=Step.OFFERED)
            with self.captureOnCommitCallbacks(execute=True):
                application_step_set(application=english, step=Step.RESERVE)
            run_worker()
        self.assertEqual(len(smtp.messages), 2)
        by_to = {m["To"]: m for m in smtp.messages}
        english_body = by_to["emma@x.test"].get_content()
        self.assertIn("Hello Emma", english_body)
        self.assertIn("reserve list", english_body)
        danish_body = by_to["dorte@x.test"].get_content()
        # Written in Danish; the call has no Danish title, so English is used.
        self.assertIn("Hej Dorte", danish_body)
        self.assertIn("Become a peer supporter", danish_body)
        self.assertNotIn("Hello", danish_body)
        self.assertIn("Harbour Peer Support", by_to["dorte@x.test"]["Subject"])

    def test_applying_sends_a_receipt_after_commit(self) -> None:
        with SmtpServer() as smtp, override_settings(**smtp.settings()):
            with self.captureOnCommitCallbacks(execute=True):
                self.client.post(
                    reverse("recruitment:apply", args=[self.call.pk]),
                    self.form(language="en"),
                )
            run_worker()
        self.assertEqual(len(smtp.messages), 1)
        self.assertIn("Thank you for applying", smtp.messages[0].get_content())
        self.assertIsNotNone(Application.objects.get().mails.get().sent_at)

    def test_an_older_step_mail_is_not_sent_after_a_newer_change(self) -> None:
        application = self.applicant()
        with SmtpServer() as smtp, override_settings(**smtp.settings()):
            with self.captureOnCommitCallbacks(execute=True):
                application_step_set(application=application, step=Step.OFFERED)
            with self.captureOnCommitCallbacks(execute=True):
                application_step_set(application=application, step=Step.ACCEPTED)
            run_worker()
        self.assertEqual(len(smtp.messages), 1)
        self.assertIn("Welcome!", smtp.messages[0].get_content())

    def test_the_sweep_sends_mail_left_behind_when_no_worker_ran(self) -> None:
        application = self.applicant(email="left@x.test")
        # The change committed, but its job never ran (no on-commit callbacks here).
        application_step_set(application=application, step=Step.OFFERED)
        self.assertIsNone(application.mails.get().sent_at)
        with SmtpServer() as smtp, override_settings(**smtp.settings()):
            self.assertEqual(application_mails_sweep(), 1)
            self.assertEqual(application_mails_sweep(), 0)
        self.assertEqual([m["To"] for m in smtp.messages], ["left@x.test"])
        self.assertIsNotNone(application.mails.get().sent_at)


class PermissionsTestCase(RecruitmentTestCase):
    def test_only_who_runs_the_programme_sees_the_pipeline(self) -> None:
        application = self.applicant()
        other_program = make_program(slug="other")
        stranger = make_user(name="Stina Othercoordinator")
        make_membership(user=stranger, program=other_program, role=Role.COORDINATOR)
        urls = [
            reverse("recruitment:manage", args=["harbour"]),
            reverse("recruitment:pipeline", args=[self.call.pk]),
            reverse("recruitment:application", args=[application.pk]),
        ]
        for person in (self.sam, self.pia, self.wanda, self.olle, stranger):
            self.login(person)
            for url in urls:
                with self.subTest(person=person.name, url=url):
                    self.assertEqual(self.client.get(url).status_code, 404)
            response = self.client.post(
                reverse("recruitment:application_step", args=[application.pk]),
                {"step": "accepted"},
            )
            self.assertEqual(response.status_code, 404)
        application.refresh_from_db()
        self.assertEqual(application.step, Step.RECEIVED)
        self.assertFalse(ApplicantRead.objects.exists())

    def test_a_programme_admin_may_manage(self) -> None:
        admin = make_user(name="Agnes Admin")
        make_membership(user=admin, program=self.program, role=Role.PROGRAM_ADMIN)
        self.login(admin)
        response = self.client.get(reverse("recruitment:pipeline", args=[self.call.pk]))
        self.assertEqual(response.status_code, 200)

    def test_the_coordinator_home_links_to_recruitment(self) -> None:
        self.login(self.ada)
        response = self.client.get(reverse("accounts:home"))
        self.assertContains(response, reverse("recruitment:manage", args=["harbour"]))
