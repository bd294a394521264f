from django.conf import settings
from django.test import Client
from django.urls import reverse

from kamrat.core.testing import KamratTestCase

URL = reverse("language_set")


class LanguageSetTestCase(KamratTestCase):
    def test_it_sets_the_cookie_and_returns_to_the_page(self) -> None:
        response = self.client.post(URL, {"language": "da", "next": "/p/harbour/"})
        self.assertRedirects(response, "/p/harbour/", fetch_redirect_response=False)
        self.assertEqual(response.cookies[settings.LANGUAGE_COOKIE_NAME].value, "da")
        page = self.client.get("/p/harbour/")
        self.assertContains(page, '<html lang="da">')

    def test_signed_in_person_keeps_the_choice(self) -> None:
        self.login(self.pia)
        self.client.post(URL, {"language": "en", "next": "/home/"})
        self.pia.refresh_from_db()
        self.assertEqual(self.pia.preferred_language, "en")
        fresh = Client(HTTP_ACCEPT_LANGUAGE="da")
        fresh.force_login(self.pia)
        self.assertContains(fresh.get("/home/"), '<html lang="en">')

    def test_unknown_language_changes_nothing_and_says_so(self) -> None:
        self.login(self.pia)
        response = self.client.post(
            URL,
            {"language": "xx", "next": "/home/"},
            follow=True,
            HTTP_ACCEPT_LANGUAGE="en",
        )
        self.assertContains(response, "That language is not available")
        self.assertNotIn(settings.LANGUAGE_COOKIE_NAME, self.client.cookies)
        self.pia.refresh_from_db()
        self.assertEqual(self.pia.preferred_language, "")

    def test_it_never_redirects_to_another_site(self) -> None:
        for target in (
            "https://evil.example/",
            "//evil.example/",
            "javascript:alert(1)",
        ):
            response = self.client.post(URL, {"language": "sv", "next": target})
            self.assertEqual(response["Location"], "/")

    def test_get_is_not_allowed(self) -> None:
        response = self.client.get(URL, {"language": "da"})
        self.assertEqual(response.status_code, 405)
        self.assertNotIn(settings.LANGUAGE_COOKIE_NAME, response.cookies)

    def test_missing_csrf_token_gets_the_translated_403_page(self) -> None:
        client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
        response = client.post(URL, {"language": "da"})
        self.assertEqual(response.status_code, 403)
        self.assertNotIn(settings.LANGUAGE_COOKIE_NAME, response.cookies)
