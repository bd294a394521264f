"""A real browser against a live server: Playwright driving Debian's chromium.

One browser per test session (per xdist worker), a fresh context per test. Every
test gets the demo programmes and the crisis numbers, written through a real
transaction so the server thread sees them.
"""

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page

from kamrat.accounts.models import User
from kamrat.core.demo import demo_load

from .support import CHROMIUM, CHROMIUM_ARGS, DESKTOP, SCREENSHOTS

# The migration that gives every installation its crisis numbers.
crisis_migration = import_module("kamrat.programs.migrations.0002_crisis_contacts")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's chromium, headless; without it the browser tests skip (fail on CI)."""
    if not Path(CHROMIUM).exists():
        message = f"no chromium at {CHROMIUM}: install Debian's chromium package"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def demo(transactional_db, live_server) -> None:
    """The demo programmes, and the crisis numbers the flush between tests removed.

    The cache is emptied too: it holds crisis numbers, sessions and sign-in
    rate limits that would otherwise leak from one test into the next.
    """
    cache.clear()
    crisis_migration.add_contacts(apps, None)
    demo_load()


@dataclass
class Visit:
    """A browser context and what it asked for, so a test can check both."""

    context: BrowserContext
    base_url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def new_page(self) -> Page:
        page = self.context.new_page()
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"page: {error}"))
        return page

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text} at {message.location}")

    def assert_stayed_home(self) -> None:
        """No request left the server's origin (data: URLs are inline)."""
        origin = self.base_url.rstrip("/") + "/"
        foreign = [
            url
            for url in self.requests
            if not (url.startswith(origin) or url.startswith("data:"))
        ]
        assert not foreign, "requests left the server:\n" + "\n".join(foreign)

    def assert_no_errors(self, *, failing_path: str | tuple[str, ...] = "") -> None:
        """Nothing failed to load or run, except the pages at failing_path (404s)."""
        paths = (failing_path,) if isinstance(failing_path, str) else failing_path
        errors = [
            error
            for error in self.errors
            if not (
                error.startswith("console: Failed to load resource")
                and any(f"{self.base_url}{path}'" in error for path in paths if path)
            )
        ]
        assert not errors, "the browser reported errors:\n" + "\n".join(errors)


@pytest.fixture
def visit(browser: Browser, live_server, demo) -> Iterator[Callable[..., Visit]]:
    """Open a fresh context: `visit(lang="da", viewport=PHONE, js=False)`."""
    opened: list[Visit] = []

    def open_context(
        *, lang: str = "sv", viewport: dict = DESKTOP, js: bool = True
    ) -> Visit:
        context = browser.new_context(
            base_url=live_server.url,
            viewport=viewport,
            locale=lang,
            extra_http_headers={"Accept-Language": lang},
            java_script_enabled=js,
            reduced_motion="reduce",
        )
        context.set_default_timeout(10_000)
        found = Visit(context=context, base_url=live_server.url)
        context.on("request", lambda request: found.requests.append(request.url))
        opened.append(found)
        return found

    yield open_context
    for found in opened:
        found.context.close()


@pytest.fixture
def sign_in(live_server) -> Callable[..., None]:
    """Give a context the session of a demo person, in the language asked for."""

    def add_session(found: Visit, *, email: str, lang: str | None = None) -> None:
        user = User.objects.get(email=email)
        if lang:
            user.preferred_language = lang
            user.save(update_fields=["preferred_language"])
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        found.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session,
                    "url": live_server.url,
                }
            ]
        )

    return add_session


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS
