"""Five wrong passwords pause signing in to that account from that address."""

from datetime import timedelta

import time_machine
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from kamrat.core.testing import PASSWORD, KamratTestCase


class LockoutTestCase(KamratTestCase):
    def setUp(self) -> None:
        cache.clear()

    def sign_in(self, user, password: str, ip: str = "10.0.0.1"):
        return self.client.post(
            reverse("account_login"),
            {"login": user.email, "password": password},
            REMOTE_ADDR=ip,
            headers={"Accept-Language": "en"},
        )

    def test_five_wrong_passwords_then_the_right_one_is_refused(self) -> None:
        for _ in range(4):
            response = self.sign_in(self.pia, "wrong")
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, "form-errors")
        fifth = self.sign_in(self.pia, "wrong")
        self.assertEqual(fifth.status_code, 429)
        response = self.sign_in(self.pia, PASSWORD)
        self.assertEqual(response.status_code, 429)
        self.assertNotIn("_auth_user_id", self.client.session)
        self.assertContains(response, "You can try again after", status_code=429)
        self.assertContains(
            response, reverse("account_reset_password"), status_code=429
        )
        self.assertContains(response, 'href="tel:112"', status_code=429)

    def test_the_lockout_page_is_translated(self) -> None:
        for _ in range(5):
            self.sign_in(self.pia, "wrong")
        response = self.client.post(
            reverse("account_login"),
            {"login": self.pia.email, "password": PASSWORD},
            REMOTE_ADDR="10.0.0.1",
            headers={"Accept-Language": "sv"},
        )
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, 'lang="sv"', status_code=429)

    def test_the_address_in_another_case_counts_as_the_same(self) -> None:
        for _ in range(5):
            self.client.post(
                reverse("account_login"),
                {"login": self.pia.email.upper(), "password": "wrong"},
                REMOTE_ADDR="10.0.0.1",
            )
        self.assertEqual(self.sign_in(self.pia, PASSWORD).status_code, 429)

    def test_another_person_from_the_same_address_is_not_locked(self) -> None:
        for _ in range(5):
            self.sign_in(self.pia, "wrong")
        response = self.sign_in(self.sam, PASSWORD)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(int(self.client.session["_auth_user_id"]), self.sam.pk)

    def test_the_same_person_from_another_address_is_not_locked(self) -> None:
        for _ in range(5):
            self.sign_in(self.pia, "wrong", ip="10.0.0.1")
        response = self.sign_in(self.pia, PASSWORD, ip="10.0.0.2")
        self.assertEqual(response.status_code, 302)

    def test_after_the_pause_the_right_password_works(self) -> None:
        with time_machine.travel(timezone.now(), tick=False) as traveller:
            for _ in range(5):
                self.sign_in(self.pia, "wrong")
            traveller.shift(timedelta(minutes=14))
            self.assertEqual(self.sign_in(self.pia, PASSWORD).status_code, 429)
            traveller.shift(timedelta(minutes=16))
            response = self.sign_in(self.pia, PASSWORD)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(int(self.client.session["_auth_user_id"]), self.pia.pk)

    @override_settings(AXES_FAILURE_LIMIT=2, LOCKOUT_MINUTES=15)
    def test_the_limit_comes_from_settings(self) -> None:
        self.sign_in(self.pia, "wrong")
        self.assertEqual(self.sign_in(self.pia, "wrong").status_code, 429)

    def test_no_table_of_names_or_addresses_is_written(self) -> None:
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        for _ in range(6):
            self.sign_in(self.pia, "wrong")
        self.sign_in(self.sam, PASSWORD)
        self.assertEqual(AccessAttempt.objects.count(), 0)
        self.assertEqual(AccessLog.objects.count(), 0)
        self.assertEqual(AccessFailureLog.objects.count(), 0)
