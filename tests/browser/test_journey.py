"""The participant's journey in a real browser, in Swedish and again in Danish.

A first-timer asks for support from the programme's page, chooses one of three
suggested peer supporters, who accepts; a video meeting is booked and both get
an email with a calendar file through a real SMTP server; the participant moves
the meeting and then pauses the contact. Every page on the way passes axe.
"""

import icalendar
import pytest
from django.test import override_settings

from kamrat.accounts.models import User
from kamrat.core.testing import SmtpServer, run_worker
from kamrat.support.models import Meeting, Pairing

from .support import PHONE, assert_axe_clean, assert_no_sideways_scroll

PROGRAMMES = {"sv": "unga-vuxna", "da": "peer-hovedstaden"}
ENGLISH_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")

pytestmark = pytest.mark.browser


def _check(page, screenshots, name: str) -> None:
    assert_axe_clean(page, name)
    assert_no_sideways_scroll(page, name)
    page.screenshot(path=str(screenshots / f"journey-{name}.png"), full_page=True)


def _submit(page) -> None:
    page.locator("main form.form button[type=submit]").last.click()


@pytest.mark.parametrize("lang", ["sv", "da"])
def test_ask_choose_meet_move_and_pause(visit, sign_in, screenshots, lang) -> None:
    slug = PROGRAMMES[lang]
    participant = visit(lang=lang, viewport=PHONE)
    page = participant.new_page()

    page.goto(f"/p/{slug}/")
    page.locator(f"a[href='/support/start/{slug}/']").click()
    page.fill("input[name=name]", "Vera")
    page.fill("input[name=email]", f"vera-{lang}@people.test")
    page.fill("input[name=password]", "a long passphrase")
    _check(page, screenshots, f"{lang}-1-register")
    _submit(page)

    page.wait_for_url(f"**/support/ask/{slug}/")
    for name, value in [
        ("topics", "routines"),
        ("topics", "talk"),
        ("modes", "video"),
        ("modes", "walk"),
        ("times", "1"),
        ("times", "4"),
        ("times", "7"),
    ]:
        page.check(f"input[name={name}][value='{value}']")
    _check(page, screenshots, f"{lang}-2-ask")
    _submit(page)

    page.wait_for_url("**/support/requests/*/")
    cards = page.locator("ol.cards li.card")
    assert cards.count() == 3
    _check(page, screenshots, f"{lang}-3-suggestions")
    chosen_name = cards.first.locator("h3").inner_text().strip()
    cards.first.locator("button").click()
    page.wait_for_url("**/support/")

    vera = User.objects.get(email=f"vera-{lang}@people.test")
    pairing = Pairing.objects.get(participant=vera)
    assert pairing.supporter.name == chosen_name
    assert pairing.status == "proposed"

    supporter = visit(lang=lang)
    sign_in(supporter, email=pairing.supporter.email)
    spage = supporter.new_page()
    spage.goto(f"/support/contacts/{pairing.pk}/")
    _check(spage, screenshots, f"{lang}-4-supporter-proposed")
    spage.locator("form[action$='/accept/'] button").click()
    spage.wait_for_url(f"**/support/contacts/{pairing.pk}/")
    pairing.refresh_from_db()
    assert pairing.status == "active"

    page.goto(f"/support/contacts/{pairing.pk}/book/")
    page.locator("input[name=starts_at]").first.check()
    page.select_option("select[name=mode]", "video")
    _check(page, screenshots, f"{lang}-5-book")
    _submit(page)
    page.wait_for_url(f"**/support/contacts/{pairing.pk}/")
    meeting = Meeting.objects.get(pairing=pairing)
    assert meeting.mode == "video" and meeting.video_room
    _check(page, screenshots, f"{lang}-6-contact")

    with SmtpServer() as smtp, override_settings(**smtp.settings()):
        run_worker()
    assert sorted(m["To"] for m in smtp.messages) == sorted(
        [vera.email, pairing.supporter.email]
    )
    for message in smtp.messages:
        assert not any(day in message["Subject"] for day in ENGLISH_DAYS)
        (attachment,) = list(message.iter_attachments())
        calendar = icalendar.Calendar.from_ical(attachment.get_payload(decode=True))
        event = calendar.walk("VEVENT")[0]
        assert calendar["METHOD"] == "REQUEST"
        assert str(event["UID"]) == f"{meeting.uid}@kamrat"
        assert meeting.video_room in str(event["LOCATION"])

    page.locator(f"a[href='/support/meetings/{meeting.pk}/move/']").click()
    page.locator("input[name=starts_at]").nth(3).check()
    _submit(page)
    page.wait_for_url(f"**/support/contacts/{pairing.pk}/")
    moved = Meeting.objects.get(pk=meeting.pk)
    assert moved.starts_at != meeting.starts_at
    assert moved.sequence == 1

    page.locator("form[action$='/pause/'] button").click()
    page.wait_for_url(f"**/support/contacts/{pairing.pk}/")
    pairing.refresh_from_db()
    moved.refresh_from_db()
    assert (pairing.status, moved.status) == ("paused", "cancelled")
    _check(page, screenshots, f"{lang}-7-paused")
    participant.assert_stayed_home()
