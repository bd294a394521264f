"""The Swedish journey again, with every log record caught: nothing personal.

Sign-ups, sign-ins, mail through SMTP and bookings all run while every logger
(root, django.request, django.server, axes, allauth and ours) writes at DEBUG.
"""

import pytest

from kamrat.accounts.tests.logcapture import all_log_records, personal_data_in
from kamrat.core.demo import PROGRAMS

from .test_journey import test_ask_choose_meet_move_and_pause as journey

pytestmark = pytest.mark.browser


def test_the_journey_logs_no_names_emails_or_addresses(
    visit, sign_in, screenshots
) -> None:
    names = ["Vera"] + [person.name for spec in PROGRAMS for person in spec.people]
    with all_log_records() as lines:
        journey(visit, sign_in, screenshots, "sv")
    assert lines, "the capture saw nothing: is logging switched off?"
    assert personal_data_in(lines, names=names, ips=[]) == []
