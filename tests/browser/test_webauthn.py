"""A coordinator adds a security key and signs in with it instead of the code.

Chromium's virtual authenticator (DevTools protocol) stands in for the key, so
the browser, allauth's checks and our script all run for real.
"""

from allauth.mfa.models import Authenticator

from kamrat.core.demo import DEMO_PASSWORD

from .support import DEMO_PEOPLE, sign_in_through_form

COORDINATOR = DEMO_PEOPLE["sv"]["coordinator"]


def test_coordinator_adds_a_key_and_signs_in_with_it(visit, screenshots) -> None:
    found = visit(lang="en")
    page = found.new_page()
    cdp = found.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )

    page.goto("/accounts/login/")
    sign_in_through_form(page, email=COORDINATOR, password=DEMO_PASSWORD)
    page.wait_for_url("**/home/")

    page.goto("/accounts/2fa/webauthn/add/")
    page.wait_for_url("**/reauthenticate/**")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/accounts/2fa/webauthn/add/")
    page.locator("#id_name").fill("Work phone")
    page.screenshot(path=screenshots / "webauthn-add.png", full_page=True)
    page.locator("[data-webauthn-start]").click()
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)
    assert Authenticator.objects.get(type="webauthn").wrap().name == "Work phone"

    page.goto("/accounts/2fa/webauthn/")
    assert page.get_by_role("heading", name="Work phone").is_visible()
    page.locator(".site-header form[action$='/logout/'] button").click()
    page.wait_for_load_state()

    page.goto("/accounts/login/")
    page.locator("#id_login").fill(COORDINATOR)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/accounts/2fa/authenticate/")
    page.screenshot(path=screenshots / "webauthn-sign-in.png", full_page=True)
    start = page.locator("[data-webauthn-start]")
    assert start.is_visible()
    start.click()
    page.wait_for_url("**/home/")
    assert Authenticator.objects.get(type="webauthn").last_used_at is not None
    found.assert_no_errors()
    found.assert_stayed_home()
