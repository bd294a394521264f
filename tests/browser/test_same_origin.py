"""The check that nothing leaves the server is itself able to fail."""

import pytest

pytestmark = pytest.mark.browser


def test_a_request_to_another_origin_is_noticed(visit) -> None:
    found = visit(lang="en")
    page = found.new_page()
    page.route("http://elsewhere.test/**", lambda route: route.abort())
    page.goto("/")
    found.assert_stayed_home()
    with page.expect_request("http://elsewhere.test/**"):
        page.evaluate("() => { new Image().src = 'http://elsewhere.test/p.png'; }")
    with pytest.raises(AssertionError, match="elsewhere.test"):
        found.assert_stayed_home()
