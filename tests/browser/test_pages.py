"""Every page, in sv, da and en, on a phone and a desktop: axe finds nothing.

Each visit also saves a full-page screenshot to screenshots/, checks that the
page does not scroll sideways, that nothing was fetched from another origin and
that the browser reported no errors (a blocked script or style shows up there).
"""

import pytest

from .support import (
    PHONE,
    SCREENS,
    VIEWPORTS,
    assert_axe_clean,
    assert_no_sideways_scroll,
    open_screen,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("screen", "lang"),
    [(screen, lang) for screen in SCREENS for lang in screen.langs],
    ids=lambda value: value if isinstance(value, str) else value.name,
)
def test_page_passes_axe_on_phone_and_desktop(
    screen, lang, visit, sign_in, settings, screenshots
) -> None:
    settings.DEMO = screen.demo
    found = visit(lang=lang, viewport=PHONE)
    page = open_screen(screen, found, sign_in=sign_in, lang=lang)
    # The same document at each width: the layout follows the viewport.
    for viewport in VIEWPORTS:
        where = f"{screen.name}-{lang}-{viewport['width']}"
        page.set_viewport_size(viewport)
        page.screenshot(path=screenshots / f"{where}.png", full_page=True)
        assert_axe_clean(page, where)
        assert_no_sideways_scroll(page, where)
    found.assert_stayed_home()
    found.assert_no_errors(failing_path=screen.path if screen.status >= 400 else "")
