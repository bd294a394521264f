from django.test import override_settings
from django.urls import reverse
from weasyprint import HTML

from kamrat.training.certificates import code_normalise
from kamrat.training.models import Certificate, Cohort
from kamrat.training.pdf import RefusingFetcher, certificate_pdf
from kamrat.training.services import certification

from .base import TrainingTestCase


class CertificateTestCase(TrainingTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.cohort = self.make_cohort(days_ago=40)
        session = self.add_session(self.cohort, 1)
        (tess_in,) = self.enrol(self.cohort, self.tess)
        self.attend(session, {tess_in: True})
        certification.cohort_complete(cohort=self.cohort, by=self.ada)
        self.certificate = Certificate.objects.get(user=self.tess)


class PdfTestCase(CertificateTestCase):
    def test_the_pdf_is_made_without_fetching_anything(self) -> None:
        fetcher = RefusingFetcher()
        pdf = certificate_pdf(self.certificate, fetcher=fetcher)
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertEqual(fetcher.refused, [])

    def test_the_fetcher_refuses_what_a_page_asks_for(self) -> None:
        fetcher = RefusingFetcher()
        html = (
            '<link rel="stylesheet" href="https://evil.test/a.css">'
            '<img src="file:///etc/passwd"><p>x</p>'
        )
        pdf = HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertEqual(
            sorted(fetcher.refused), ["file:///etc/passwd", "https://evil.test/a.css"]
        )

    def test_holder_and_managers_get_it_and_others_404(self) -> None:
        url = reverse("training:certificate_pdf", args=[self.certificate.pk])
        for person in (self.tess, self.ada):
            self.login(person)
            response = self.client.get(url)
            self.assertEqual(response["Content-Type"], "application/pdf")
            self.assertTrue(response.content.startswith(b"%PDF"))
        for person in (self.tom, self.sam, self.olga, self.pia):
            self.login(person)
            self.assertEqual(self.client.get(url).status_code, 404)


class CertificatePageTestCase(CertificateTestCase):
    @override_settings(SITE_URL="https://kamrat.example")
    def test_the_page_shows_the_programme_dates_code_and_where_to_check(self) -> None:
        self.login(self.tess)
        response = self.client.get(
            reverse("training:certificate", args=[self.certificate.pk])
        )
        self.assertContains(response, "Tess Trainee has completed the basic training")
        self.assertContains(response, "Harbour Peer Support")
        self.assertContains(response, self.certificate.code)
        self.assertContains(
            response,
            "https://kamrat.example"
            + reverse("training:verify_code", args=[self.certificate.code]),
        )
        self.assertContains(response, "On site")
        self.assertNotContains(response, "Revoke the certificate")

    def test_a_manager_revokes_and_the_holder_cannot(self) -> None:
        url = reverse("training:certificate_revoke", args=[self.certificate.pk])
        self.login(self.tess)
        self.assertEqual(self.client.post(url).status_code, 404)
        self.login(self.olga)
        self.assertEqual(self.client.post(url).status_code, 404)
        self.certificate.refresh_from_db()
        self.assertTrue(self.certificate.is_valid)
        self.login(self.ada)
        response = self.client.post(url)
        self.assertRedirects(
            response, reverse("training:certificate", args=[self.certificate.pk])
        )
        self.certificate.refresh_from_db()
        self.assertFalse(self.certificate.is_valid)


class VerifyTestCase(CertificateTestCase):
    def check(self, code: str):
        return self.client.get(reverse("training:verify_code", args=[code]))

    def test_anyone_sees_the_holder_programme_and_dates_only(self) -> None:
        Cohort.objects.filter(pk=self.cohort.pk).update(name="Secret cohort name")
        response = self.check(self.certificate.code)
        self.assertContains(response, "The certificate is valid")
        self.assertContains(response, "Tess Trainee")
        self.assertContains(response, "Harbour Peer Support")
        body = response.content.decode()
        for hidden in ("Secret cohort name", "tess@people.test", "Folkets hus"):
            self.assertNotIn(hidden, body)

    def test_typing_is_forgiven(self) -> None:
        code = self.certificate.code
        typed = code.replace("-", " ").lower().replace("0", "o").replace("1", "l")
        response = self.check(typed)
        self.assertRedirects(response, reverse("training:verify_code", args=[code]))
        self.assertEqual(code_normalise(code.replace("-", "")), code)
        self.assertEqual(code_normalise(" " + code.lower() + " "), code)
        self.assertEqual(code_normalise("0000-1111-2222"), "0000-1111-2222")
        self.assertEqual(code_normalise("OOOO-IIII-LLLL"), "0000-1111-1111")
        self.assertIsNone(code_normalise("0000-1111-222"))
        self.assertIsNone(code_normalise("0000-1111-222U"))

    def test_the_form_goes_to_the_code_and_explains_a_bad_one(self) -> None:
        response = self.client.get(
            reverse("training:verify"), {"code": self.certificate.code.lower()}
        )
        self.assertRedirects(
            response, reverse("training:verify_code", args=[self.certificate.code])
        )
        response = self.client.get(reverse("training:verify"), {"code": "abc"})
        self.assertContains(response, "A code has 12 letters and digits.")

    def test_an_unknown_code_is_a_kind_404(self) -> None:
        response = self.check("ZZZZ-ZZZZ-ZZZZ")
        self.assertContains(response, "No certificate has this code", status_code=404)
        response = self.check("not a code at all")
        self.assertContains(response, "No certificate has this code", status_code=404)

    def test_a_revoked_certificate_says_so(self) -> None:
        certification.certificate_revoke(certificate=self.certificate)
        response = self.check(self.certificate.code)
        self.assertContains(response, "The certificate is revoked")
        self.assertNotContains(response, "The certificate is valid")

    def test_it_is_public(self) -> None:
        self.client.logout()
        self.assertEqual(self.check(self.certificate.code).status_code, 200)
        self.assertEqual(self.client.get(reverse("training:verify")).status_code, 200)
