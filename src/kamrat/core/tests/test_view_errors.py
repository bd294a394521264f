from django.http import HttpRequest
from django.test import Client, override_settings
from django.urls import path

from kamrat.core.testing import KamratTestCase


def _broken(request: HttpRequest):
    raise RuntimeError("boom")


urlpatterns = [path("broken/", _broken)]
handler500 = "kamrat.core.views.server_error"


class ErrorPagesTestCase(KamratTestCase):
    def test_unknown_url_is_a_translated_404_with_crisis_numbers(self) -> None:
        for language, marker in (("en", "We could not find that page"),):
            response = self.client.get("/no/such/page/", HTTP_ACCEPT_LANGUAGE=language)
            self.assertContains(response, marker, status_code=404)
            self.assertContains(response, "90101", status_code=404)
        sv = self.client.get("/no/such/page/", HTTP_ACCEPT_LANGUAGE="sv")
        da = self.client.get("/no/such/page/", HTTP_ACCEPT_LANGUAGE="da")
        self.assertContains(sv, '<html lang="sv">', status_code=404)
        self.assertContains(da, '<html lang="da">', status_code=404)
        self.assertNotIn("We could not find that page", sv.content.decode())
        self.assertNotIn("We could not find that page", da.content.decode())

    @override_settings(ROOT_URLCONF=__name__)
    def test_server_error_page_is_translated_and_needs_no_database(self) -> None:
        client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en")
        with self.assertNumQueries(0):
            response = client.get("/broken/")
        self.assertContains(
            response, "Something went wrong on our side", status_code=500
        )
        self.assertContains(response, "112", status_code=500)
        self.assertContains(response, "70 201 201", status_code=500)

    def test_garbage_language_headers_and_cookies_fall_back_calmly(self) -> None:
        client = Client(HTTP_ACCEPT_LANGUAGE="xx-YY;q=abc, ,;;")
        client.cookies["django_language"] = "../../etc"
        response = client.get("/")
        self.assertContains(response, '<html lang="sv">')

    def test_bad_host_header_is_400_not_500(self) -> None:
        response = self.client.get("/", HTTP_HOST="evil.example")
        self.assertEqual(response.status_code, 400)

    def test_pages_carry_a_strict_content_security_policy(self) -> None:
        response = self.client.get("/")
        policy = response["Content-Security-Policy"]
        self.assertIn("script-src 'self'", policy)
        self.assertNotIn("unsafe-inline", policy)
        self.assertEqual(response["X-Frame-Options"], "DENY")
