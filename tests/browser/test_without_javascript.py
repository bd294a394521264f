"""Everything a person needs works with JavaScript switched off."""

import pytest

from kamrat.core.demo import DEMO_PASSWORD

from .support import (
    DEMO_PEOPLE,
    SCREENS,
    START_PAGE,
    open_screen,
    sign_in_through_form,
)

pytestmark = pytest.mark.browser

COORDINATOR = DEMO_PEOPLE["sv"]["coordinator"]


def _html_lang(page) -> str:
    return page.locator("html").get_attribute("lang")


def _sign_in(page, *, email: str, password: str) -> None:
    sign_in_through_form(page, email=email, password=password)


def test_every_page_works_without_javascript(
    visit, sign_in, settings, subtests
) -> None:
    found = visit(lang="da", js=False)
    page = found.new_page()
    for screen in SCREENS:
        with subtests.test(screen.name):
            settings.DEMO = screen.demo
            found.context.clear_cookies()  # each screen starts signed out
            open_screen(screen, found, sign_in=sign_in, lang="da", page=page)
            assert page.locator("main h1").is_visible()
            assert page.locator(".crisis a[href='tel:112']").first.is_visible()
    found.assert_stayed_home()
    found.assert_no_errors(
        failing_path=tuple(s.path for s in SCREENS if s.status >= 400)
    )


def test_it_signs_in_through_the_form_and_reaches_home(visit) -> None:
    page = visit(lang="sv", js=False).new_page()
    page.goto("/home/")
    assert "/accounts/login/" in page.url  # signed-out people are asked to sign in
    _sign_in(page, email=COORDINATOR, password=DEMO_PASSWORD)
    page.wait_for_url("**/home/")
    assert "Ada" in page.locator("h1").inner_text()
    assert page.locator(".site-header form[action$='/logout/'] button").is_visible()


def test_a_wrong_password_is_explained_next_to_the_form(visit) -> None:
    page = visit(lang="en", js=False).new_page()
    page.goto("/accounts/login/")
    _sign_in(page, email=COORDINATOR, password="not the password")
    alert = page.locator(".form-errors[role=alert]")
    assert alert.is_visible()
    assert "/accounts/login/" in page.url


def test_language_buttons_switch_the_page_language(visit) -> None:
    page = visit(lang="sv", js=False).new_page()
    page.goto("/p/unga-vuxna/")
    assert _html_lang(page) == "sv"
    page.locator(".language button[value=da]").click()
    page.wait_for_url("**/p/unga-vuxna/")
    assert _html_lang(page) == "da"
    assert page.locator(".language button[value=da]").get_attribute("aria-current")
    page.locator(".language button[value=en]").click()
    assert _html_lang(page) == "en"
    page.goto("/")  # the choice is kept for the next page
    assert _html_lang(page) == "en"


def test_signed_in_language_choice_is_kept_on_the_account(visit) -> None:
    from kamrat.accounts.models import User

    page = visit(lang="sv", js=False).new_page()
    page.goto("/accounts/login/")
    _sign_in(page, email=COORDINATOR, password=DEMO_PASSWORD)
    page.wait_for_url("**/home/")
    assert _html_lang(page) == "sv"
    page.locator(".language button[value=da]").click()
    page.wait_for_url("**/home/")
    assert _html_lang(page) == "da"
    assert User.objects.get(email=COORDINATOR).preferred_language == "da"


def test_sign_out_works_without_javascript(visit, sign_in) -> None:
    found = visit(lang="en", js=False)
    sign_in(found, email=COORDINATOR)
    page = found.new_page()
    page.goto("/home/")
    page.locator(".site-header form[action$='/logout/'] button").click()
    page.wait_for_url(START_PAGE)
    assert page.locator(".site-header a[href='/accounts/login/']").is_visible()
    page.goto("/home/")
    assert "/accounts/login/" in page.url


def test_password_reset_sends_mail_without_javascript(visit, mailoutbox) -> None:
    page = visit(lang="da", js=False).new_page()
    page.goto("/accounts/login/")
    page.locator("main a[href='/accounts/password/reset/']").click()
    page.locator("input[name=email]").fill(COORDINATOR)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/accounts/password/reset/done/")
    assert _html_lang(page) == "da"
    assert [message.to for message in mailoutbox] == [[COORDINATOR]]
