"""A keyboard reaches everything and always shows where it is."""

import pytest

from .support import DEMO_PEOPLE, DESKTOP, PHONE

pytestmark = pytest.mark.browser

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    text: (el.innerText || el.value || '').trim().slice(0, 40),
    outline: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
    inView: box.width > 1 && box.height > 1 && box.top >= 0 && box.left >= 0
      && box.bottom <= window.innerHeight && box.right <= window.innerWidth,
  };
}"""


@pytest.mark.parametrize("viewport", (PHONE, DESKTOP), ids=("phone", "desktop"))
def test_first_tab_shows_the_skip_link_and_it_moves_focus_to_main(
    visit, viewport
) -> None:
    page = visit(lang="sv", viewport=viewport).new_page()
    page.goto("/p/unga-vuxna/")
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement"), focused
    assert focused["inView"], "the skip link is focused but not on screen"
    assert focused["outline"] != "none" and focused["width"] > 0
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    assert page.url.endswith("#main")
    # The next Tab continues inside the page content, past the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('main')")


@pytest.mark.parametrize(
    ("path", "role"),
    (("/", ""), ("/accounts/login/", ""), ("/home/", "coordinator")),
    ids=("landing", "sign-in", "home"),
)
def test_every_link_and_button_shows_keyboard_focus(visit, sign_in, path, role) -> None:
    found = visit(lang="da", viewport=DESKTOP)
    if role:
        sign_in(found, email=DEMO_PEOPLE["da"][role])
    page = found.new_page()
    page.goto(path)
    reachable = page.locator("a[href], button, input, [tabindex='0']").count()
    seen = []
    for _ in range(reachable):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["tag"] == "body":
            break
        seen.append(focused)
    assert {f["tag"] for f in seen} >= {"a", "button"}, seen
    hidden = [f for f in seen if f["outline"] == "none" or f["width"] <= 0]
    assert not hidden, f"focus is invisible on: {hidden}"
    off_screen = [f for f in seen if not f["inView"]]
    assert not off_screen, f"focus went off screen: {off_screen}"
