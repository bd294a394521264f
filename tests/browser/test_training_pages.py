"""The training pages on a phone and a desktop: axe finds nothing, nothing
scrolls sideways, nothing is fetched from elsewhere.

The county association's cohort is in its third week; the Danish programme's
finished cohort has certificates.
"""

import pytest

from kamrat.training.models import Certificate, Cohort

from .support import (
    PHONE,
    VIEWPORTS,
    assert_axe_clean,
    assert_no_sideways_scroll,
)

pytestmark = pytest.mark.browser

COORDINATOR = "johanna@nsph.kamrat.test"
TRAINEE = "trainee1@nsph.kamrat.test"


def _pages() -> list[tuple[str, str, str]]:
    """(name, who signs in, path), read from the demo once it is loaded."""
    cohort = Cohort.objects.get(program__slug="nsph-norrlanet")
    session = cohort.sessions.order_by("starts_at").first()
    certificate = Certificate.objects.filter(program__slug="peer-hovedstaden").first()
    return [
        ("cohorts", COORDINATOR, "/training/nsph-norrlanet/"),
        ("cohort", COORDINATOR, f"/training/cohort/{cohort.pk}/"),
        ("week", COORDINATOR, f"/training/cohort/{cohort.pk}/week/2/"),
        ("session-new", COORDINATOR, f"/training/cohort/{cohort.pk}/sessions/new/"),
        ("session", COORDINATOR, f"/training/session/{session.pk}/"),
        ("attendance", COORDINATOR, f"/training/session/{session.pk}/attendance/"),
        ("enrol", COORDINATOR, f"/training/cohort/{cohort.pk}/enrol/"),
        ("complete", COORDINATOR, f"/training/cohort/{cohort.pk}/complete/"),
        ("education", COORDINATOR, "/training/nsph-norrlanet/education/"),
        ("mine", TRAINEE, "/training/mine/"),
        (
            "certificate",
            certificate.user.email,
            f"/training/certificate/{certificate.pk}/",
        ),
        ("my-certificates", certificate.user.email, "/training/certificates/"),
        ("verify", "", "/training/verify/"),
        ("verify-code", "", f"/training/verify/{certificate.code}/"),
    ]


@pytest.mark.parametrize("lang", ("sv", "en"))
def test_training_pages_pass_axe(lang, visit, sign_in, screenshots) -> None:
    for name, email, path in _pages():
        found = visit(lang=lang, viewport=PHONE)
        if email:
            sign_in(found, email=email, lang=lang)
        page = found.new_page()
        response = page.goto(path)
        assert response.status == 200, name
        for viewport in VIEWPORTS:
            where = f"training-{name}-{lang}-{viewport['width']}"
            page.set_viewport_size(viewport)
            page.screenshot(path=screenshots / f"{where}.png", full_page=True)
            assert_axe_clean(page, where)
            assert_no_sideways_scroll(page, where)
        found.assert_stayed_home()
        found.assert_no_errors()


def test_an_unknown_code_is_a_kind_page(visit) -> None:
    found = visit(lang="en")
    page = found.new_page()
    response = page.goto("/training/verify/ZZZZ-ZZZZ-ZZZZ/")
    assert response.status == 404
    assert "No certificate has this code" in page.locator("h1").inner_text()
    assert_axe_clean(page, "training-verify-unknown")
