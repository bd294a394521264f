"""Failed sign-ins and lockouts leave no names, addresses or IPs in the logs."""

import logging

from django.core.cache import cache
from django.urls import reverse

from kamrat.core.testing import PASSWORD, KamratTestCase, totp_code

from .logcapture import all_log_records, personal_data_in

IP = "203.0.113.77"


class LogsTestCase(KamratTestCase):
    def setUp(self) -> None:
        cache.clear()

    def post_login(self, email: str, password: str):
        return self.client.post(
            reverse("account_login"),
            {"login": email, "password": password},
            REMOTE_ADDR=IP,
        )

    def assert_clean(self, lines: list[str]) -> None:
        self.assertEqual(
            personal_data_in(
                lines, names=["Pia", "Participant", "Ada", "Coordinator"], ips=[IP]
            ),
            [],
        )

    def test_a_failed_sign_in_logs_nothing_personal(self) -> None:
        with all_log_records() as lines:
            self.assertEqual(self.post_login(self.pia.email, "wrong").status_code, 200)
            self.post_login("nobody@kamrat.test", "wrong")
        self.assertTrue(lines, "axes logs each failure; the capture must see it")
        self.assert_clean(lines)

    def test_a_lockout_logs_nothing_personal(self) -> None:
        with all_log_records() as lines:
            for _ in range(6):
                response = self.post_login(self.pia.email, "wrong")
            self.assertEqual(response.status_code, 429)
            self.post_login(self.pia.email, PASSWORD)
        self.assertTrue(any("Locking out" in line for line in lines))
        self.assert_clean(lines)

    def test_a_sign_in_with_a_code_logs_nothing_personal(self) -> None:
        with all_log_records() as lines:
            self.post_login(self.ada.email, PASSWORD)
            self.client.post(reverse("mfa_authenticate"), {"code": "000000"})
            self.client.post(reverse("mfa_authenticate"), {"code": totp_code()})
            self.client.get("/home/")
            self.client.post(reverse("account_logout"))
        self.assertTrue(lines)
        self.assert_clean(lines)

    def test_the_capture_would_notice(self) -> None:
        with all_log_records() as lines:
            logging.getLogger("kamrat.anything").debug("hello %s", self.pia.email)
        self.assertTrue(personal_data_in(lines, names=[], ips=[]))
