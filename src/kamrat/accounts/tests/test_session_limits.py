"""A quiet spell or a long day signs a person out, and the sign-in page says why."""

from datetime import timedelta

import time_machine
from django.test import override_settings
from django.utils import timezone

from kamrat.core.testing import KamratTestCase


@override_settings(SESSION_IDLE_MINUTES=30, SESSION_HOURS=12)
class SessionLimitsTestCase(KamratTestCase):
    def test_after_30_quiet_minutes_the_next_request_signs_out(self) -> None:
        with time_machine.travel(timezone.now(), tick=False) as traveller:
            self.login(self.pia)
            self.assertEqual(self.client.get("/home/").status_code, 200)
            traveller.shift(timedelta(minutes=31))
            response = self.client.get("/home/", headers={"Accept-Language": "en"})
        self.assertRedirects(
            response, "/accounts/login/?next=/home/", fetch_redirect_response=False
        )
        self.assertNotIn("_auth_user_id", self.client.session)
        page = self.client.get(response["Location"], headers={"Accept-Language": "en"})
        self.assertContains(page, "nothing happened for 30 minutes")

    def test_activity_keeps_the_person_signed_in(self) -> None:
        with time_machine.travel(timezone.now(), tick=False) as traveller:
            self.login(self.pia)
            for _ in range(4):
                self.assertEqual(self.client.get("/home/").status_code, 200)
                traveller.shift(timedelta(minutes=20))
            self.assertEqual(self.client.get("/home/").status_code, 200)

    def test_after_the_absolute_limit_even_an_active_person_is_signed_out(self) -> None:
        with time_machine.travel(timezone.now(), tick=False) as traveller:
            self.login(self.pia)
            for _ in range(12 * 3 + 1):
                self.client.get("/healthz")
                traveller.shift(timedelta(minutes=20))
            response = self.client.get("/home/", headers={"Accept-Language": "en"})
        self.assertEqual(response.status_code, 302)
        self.assertNotIn("_auth_user_id", self.client.session)
        page = self.client.get(response["Location"], headers={"Accept-Language": "en"})
        self.assertContains(page, "signed in for 12 hours")

    def test_a_post_after_the_quiet_spell_changes_nothing(self) -> None:
        with time_machine.travel(timezone.now(), tick=False) as traveller:
            self.login(self.pia)
            self.client.get("/home/")
            traveller.shift(timedelta(minutes=45))
            response = self.client.post(
                "/language/", {"language": "da", "next": "/home/"}
            )
        self.assertEqual(response["Location"], "/accounts/login/")
        self.pia.refresh_from_db()
        self.assertEqual(self.pia.preferred_language, "")

    @override_settings(SESSION_IDLE_MINUTES=5)
    def test_the_quiet_spell_comes_from_settings(self) -> None:
        with time_machine.travel(timezone.now(), tick=False) as traveller:
            self.login(self.pia)
            self.client.get("/home/")
            traveller.shift(timedelta(minutes=6))
            self.assertEqual(self.client.get("/home/").status_code, 302)
