from datetime import timedelta

from django.db import connection
from django.urls import reverse
from django.utils import timezone

from kamrat.recruitment.models import Application, ApplicationMail, Call

from .base import RecruitmentTestCase


class ApplyTestCase(RecruitmentTestCase):
    def url(self, call=None) -> str:
        return reverse("recruitment:apply", args=[(call or self.call).pk])

    def test_it_shows_the_call_in_the_readers_language(self) -> None:
        response = self.client.get(self.url())
        self.assertContains(response, "We are looking for seven people.")
        self.assertContains(response, "Your own experience (optional)")
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "sv"
        self.assertContains(self.client.get(self.url()), "Vi söker sju personer.")

    def test_it_takes_an_application_without_an_account(self) -> None:
        response = self.client.post(self.url(), self.form())
        self.assertContains(response, "Thank you for applying")
        application = Application.objects.get()
        self.assertEqual(application.email, "alva@applicants.test")
        self.assertEqual(application.step, Application.Step.RECEIVED)
        self.assertEqual(application.availability, ["weekdays", "evenings"])
        self.assertEqual(application.lived_experience, "")
        self.assertEqual(application.language, "sv")
        self.assertEqual(ApplicationMail.objects.filter(step="received").count(), 1)

    def test_it_refuses_a_second_application_from_the_same_email_kindly(self) -> None:
        self.applicant()
        response = self.client.post(
            self.url(), self.form(email="ALVA@applicants.test", name="Someone")
        )
        self.assertContains(response, "We already have an application")
        self.assertContains(response, "form-errors")
        self.assertEqual(Application.objects.count(), 1)
        self.assertEqual(Application.objects.get().name, "Alva Applicant")

    def test_the_same_email_may_apply_to_another_call(self) -> None:
        self.applicant()
        other = self.call
        other.pk = None
        other.save()
        self.client.post(self.url(other), self.form())
        self.assertEqual(Application.objects.filter(call=other).count(), 1)

    def test_a_closed_call_refuses_applications_with_a_message(self) -> None:
        today = timezone.localdate()
        self.call.closes_on = today - timedelta(days=1)
        self.call.opens_on = today - timedelta(days=10)
        self.call.save()
        self.assertContains(self.client.get(self.url()), "This call is closed")
        response = self.client.post(self.url(), self.form())
        self.assertContains(response, "This call is closed")
        self.assertFalse(Application.objects.exists())

    def test_a_call_not_yet_open_refuses_applications(self) -> None:
        self.call.opens_on = timezone.localdate() + timedelta(days=2)
        self.call.save()
        self.client.post(self.url(), self.form())
        self.assertFalse(Application.objects.exists())

    def test_bad_input_is_explained_and_changes_nothing(self) -> None:
        for bad in (
            {"email": "not-an-email"},
            {"motivation": ""},
            {"name": ""},
            {"availability": []},
            {"availability": ["mornings"]},
            {"language": "fi"},
            {"phone": "call me maybe"},
            {"motivation": "x" * 5001},
        ):
            with self.subTest(bad=bad):
                response = self.client.post(self.url(), self.form(**bad))
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, 'class="errorlist"')
        self.assertFalse(Application.objects.exists())
        self.assertFalse(ApplicationMail.objects.exists())

    def test_lived_experience_is_never_required(self) -> None:
        self.client.post(self.url(), self.form(lived_experience=""))
        self.assertEqual(Application.objects.count(), 1)

    def test_the_free_text_is_encrypted_at_rest(self) -> None:
        self.client.post(
            self.url(),
            self.form(
                motivation="Uniquemotivationword helped me",
                lived_experience="Uniqueexperienceword",
            ),
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT motivation, lived_experience FROM recruitment_application"
            )
            rows = cursor.fetchall()
        self.assertEqual(len(rows), 1)
        raw = " ".join(rows[0])
        self.assertNotIn("Uniquemotivationword", raw)
        self.assertNotIn("Uniqueexperienceword", raw)
        application = Application.objects.get()
        self.assertEqual(application.motivation, "Uniquemotivationword helped me")

    def test_a_call_of_a_programme_not_public_is_404(self) -> None:
        self.program.is_public = False
        self.program.save()
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        self.assertEqual(self.client.post(self.url(), self.form()).status_code, 404)
        self.assertFalse(Application.objects.exists())


class PublicCallsTestCase(RecruitmentTestCase):
    def test_it_lists_calls_that_have_not_closed(self) -> None:
        today = timezone.localdate()
        closed = Call.objects.create(
            program=self.program,
            title_en="Last year's call",
            opens_on=today - timedelta(days=400),
            closes_on=today - timedelta(days=300),
            places=5,
        )
        response = self.client.get(reverse("recruitment:calls", args=["harbour"]))
        self.assertContains(response, "Become a peer supporter")
        self.assertContains(response, reverse("recruitment:apply", args=[self.call.pk]))
        self.assertNotContains(response, closed.title_en)

    def test_the_programme_page_links_to_the_calls(self) -> None:
        response = self.client.get(reverse("programs:detail", args=["harbour"]))
        self.assertContains(response, reverse("recruitment:calls", args=["harbour"]))

    def test_a_programme_not_public_has_no_public_calls(self) -> None:
        self.program.is_public = False
        self.program.save()
        response = self.client.get(reverse("recruitment:calls", args=["harbour"]))
        self.assertEqual(response.status_code, 404)
