"""What the browser tests share: the browser's setup, people, and page checks."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LANGUAGES = ("sv", "da", "en")
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = (PHONE, DESKTOP)
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
START_PAGE = re.compile(r"^https?://[^/]+/$")

ROLES = (
    "coordinator",
    "peer_supporter",
    "participant",
    "workplace_contact",
    "program_admin",
)
# One demo person per role and page language: the Swedish programme for sv and
# en, the Danish one for da.
DEMO_PEOPLE = {
    "sv": {
        "coordinator": "ada@unga-vuxna.kamrat.test",
        "peer_supporter": "samir@unga-vuxna.kamrat.test",
        "participant": "pia@unga-vuxna.kamrat.test",
        "workplace_contact": "karin@unga-vuxna.kamrat.test",
        "program_admin": "bo@unga-vuxna.kamrat.test",
    },
    "da": {
        "coordinator": "mette@hovedstaden.kamrat.test",
        "peer_supporter": "lars@hovedstaden.kamrat.test",
        "participant": "freja@hovedstaden.kamrat.test",
        "workplace_contact": "henrik@hovedstaden.kamrat.test",
        "program_admin": "birgitte@hovedstaden.kamrat.test",
    },
}
DEMO_PEOPLE["en"] = DEMO_PEOPLE["sv"]


def _wrong_password(page: Page) -> None:
    page.locator("#id_login").fill("nobody@kamrat.test")
    page.locator("#id_password").fill("not the password")
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".form-errors")


def sign_in_through_form(page: Page, *, email: str, password: str) -> None:
    """The sign-in form, then the code step for staff who have an authenticator."""
    from kamrat.accounts.services import totp_code_now
    from kamrat.core.demo import DEMO_TOTP_SECRET

    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    if "/accounts/2fa/authenticate/" in page.url:
        page.locator("#id_code").fill(totp_code_now(secret=DEMO_TOTP_SECRET))
        page.locator("main form.form button[type=submit]").click()
        page.wait_for_load_state()


def _password_of_coordinator(page: Page) -> None:
    from kamrat.core.demo import DEMO_PASSWORD

    page.locator("#id_login").fill(DEMO_PEOPLE["sv"]["coordinator"])
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/accounts/2fa/authenticate/")


def _confirm_password(page: Page) -> None:
    from kamrat.core.demo import DEMO_PASSWORD

    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/accounts/2fa/totp/activate/")


def _sign_out(page: Page) -> None:
    page.locator(".site-header form[action$='/logout/'] button").click()
    page.wait_for_url(START_PAGE)


@dataclass(frozen=True)
class Screen:
    name: str
    path: str
    status: int = 200
    role: str = ""  # sign in first as the demo person with this role
    demo: bool = False  # the demo's sign-in table is on
    then: Callable | None = None  # what a person does once the page is open
    # Languages to check it in; pages whose layout cannot change with the language
    # of the text are checked in two, to keep the suite quick.
    langs: tuple[str, ...] = LANGUAGES


TWO = ("sv", "da")
DANISH = ("da",)
SCREENS = (
    Screen("landing", "/"),
    Screen("programme-sv", "/p/unga-vuxna/"),
    Screen("programme-da", "/p/peer-hovedstaden/"),
    Screen("sign-in", "/accounts/login/"),
    Screen("sign-in-demo", "/accounts/login/", demo=True),
    Screen("sign-in-error", "/accounts/login/", then=_wrong_password),
    Screen("sign-in-code", "/accounts/login/", then=_password_of_coordinator),
    Screen(
        "sign-in-code-demo",
        "/accounts/login/",
        demo=True,
        then=_password_of_coordinator,
    ),
    Screen(
        "totp-setup",
        "/accounts/2fa/totp/activate/",
        role="participant",
        then=_confirm_password,
    ),
    Screen("webauthn-keys", "/accounts/2fa/webauthn/", role="coordinator"),
    Screen("password-reset", "/accounts/password/reset/"),
    Screen("password-reset-done", "/accounts/password/reset/done/"),
    Screen("not-found", "/no-such-page/", status=404),
    *(Screen(f"home-{role}", "/home/", role=role) for role in ROLES),
    Screen("sign-out", "/accounts/logout/", role="participant"),
    Screen("signed-out", "/home/", role="participant", then=_sign_out),
    # Peer support: asking, meeting, offering times, running the queue.
    Screen("register", "/support/start/{slug}/"),
    Screen("code", "/support/code/"),
    Screen("ask", "/support/ask/{slug}/", role="participant"),
    Screen("support-participant", "/support/", role="participant"),
    Screen("support-supporter", "/support/", role="peer_supporter"),
    Screen("contact-participant", "/support/contacts/{pairing}/", role="participant"),
    Screen("contact-supporter", "/support/contacts/{pairing}/", role="peer_supporter"),
    Screen("book", "/support/contacts/{pairing}/book/", role="participant"),
    Screen("week", "/support/week/?week={week}", role="peer_supporter"),
    Screen("times", "/support/times/{slug}/", role="peer_supporter"),
    Screen("calendar", "/support/calendar/", role="participant"),
    Screen("queue", "/support/queue/{slug}/", role="coordinator"),
    Screen("request-coordinator", "/support/requests/{request}/", role="coordinator"),
    Screen("caseloads", "/support/caseloads/{slug}/", role="coordinator"),
    Screen("refer", "/support/refer/{slug}/", role="workplace_contact"),
    Screen("codes", "/support/codes/{slug}/", role="workplace_contact"),
    Screen("access-log", "/privacy/who-has-looked/", role="participant"),
    Screen("my-data", "/privacy/my-data/", role="participant"),
    Screen("delete-account", "/privacy/delete/", role="participant"),
    # Privacy: the hub, consents, and what consents let staff see.
    Screen("privacy-hub", "/privacy/", role="participant"),
    Screen("consents", "/privacy/consents/{slug}/", role="participant"),
    Screen("consent-texts", "/privacy/texts/{slug}/", role="coordinator"),
    Screen(
        "consent-text-new", "/privacy/texts/{slug}/evaluation/new/", role="coordinator"
    ),
    Screen("evaluation", "/privacy/evaluation/{slug}/", role="coordinator"),
    Screen("has-supporter", "/privacy/has-supporter/{slug}/", role="workplace_contact"),
    # The recovery plan: the participant's own page, its print view, and what the
    # peer supporter sees of it.
    Screen("recovery-plan", "/recovery/{slug}/", role="participant"),
    Screen("recovery-print", "/recovery/{slug}/print/", role="participant"),
    Screen("recovery-shared", "/recovery/shared/{pairing}/", role="peer_supporter"),
    # Urgent concerns: raising one, answering it, the list and the on-call rota.
    Screen("concern-raise", "/concerns/raise/{slug}/", role="peer_supporter"),
    Screen("concern", "/concerns/{concern}/", role="coordinator"),
    Screen("concerns", "/concerns/list/{slug}/", role="coordinator"),
    Screen("rota", "/concerns/rota/{slug}/", role="coordinator"),
    # Supervision: who is overdue, planning a session, targets, a supporter's own.
    Screen("supervision", "/supervision/{slug}/", role="coordinator"),
    Screen("supervision-new", "/supervision/{slug}/new/", role="coordinator"),
    Screen("supervision-targets", "/supervision/{slug}/targets/", role="coordinator"),
    Screen("supervision-mine", "/supervision/{slug}/mine/", role="peer_supporter"),
    # Recruitment: the public calls, applying, and the coordinator's pipeline.
    Screen("recruitment-calls", "/recruitment/calls/{slug}/"),
    Screen("recruitment-apply", "/recruitment/apply/{call}/"),
    Screen("recruitment-manage", "/recruitment/manage/{slug}/", role="coordinator"),
    Screen("recruitment-pipeline", "/recruitment/call/{call}/", role="coordinator"),
    Screen(
        "recruitment-application",
        "/recruitment/application/{application}/",
        role="coordinator",
    ),
    # Training and certification: the coordinator's cohorts, a trainee's schedule,
    # a certificate, and the public check of a certificate's code. Swedish and
    # English are in test_training_pages.py, with the county association's cohort.
    Screen("training-cohorts", "/training/{slug}/", role="coordinator", langs=DANISH),
    Screen(
        "training-cohort-new", "/training/{slug}/new/", role="coordinator", langs=DANISH
    ),
    Screen(
        "training-cohort",
        "/training/cohort/{cohort}/",
        role="coordinator",
        langs=DANISH,
    ),
    Screen(
        "training-attendance",
        "/training/session/{training_session}/attendance/",
        role="coordinator",
        langs=DANISH,
    ),
    Screen(
        "training-education",
        "/training/{slug}/education/",
        role="coordinator",
        langs=DANISH,
    ),
    Screen("training-mine", "/training/mine/", role="peer_supporter", langs=DANISH),
    Screen(
        "certificates", "/training/certificates/", role="peer_supporter", langs=DANISH
    ),
    Screen(
        "certificate",
        "/training/certificate/{certificate}/",
        role="peer_supporter",
        langs=DANISH,
    ),
    Screen("verify", "/training/verify/", langs=DANISH),
    Screen("verify-code", "/training/verify/{code}/", langs=DANISH),
    Screen(
        "verify-unknown", "/training/verify/0000-0000-0000/", status=404, langs=DANISH
    ),
    # The matching event, placements and the workplace's own page. The demo's
    # events are held, so the offer and interest pages are in the journey test.
    Screen("placements", "/placements/{slug}/", role="coordinator", langs=TWO),
    Screen(
        "event-new", "/placements/{slug}/events/new/", role="coordinator", langs=TWO
    ),
    Screen("event", "/placements/event/{event}/", role="coordinator", langs=TWO),
    Screen(
        "placement-new",
        "/placements/{slug}/placements/new/",
        role="coordinator",
        langs=TWO,
    ),
    Screen("events", "/placements/{slug}/events/", role="peer_supporter", langs=TWO),
    Screen(
        "workplace",
        "/placements/{slug}/workplace/",
        role="workplace_contact",
        langs=TWO,
    ),
    # The funder report.
    Screen("report", "/reports/{slug}/", role="coordinator"),
)

SLUGS = {"sv": "unga-vuxna", "en": "unga-vuxna", "da": "peer-hovedstaden"}


def resolve(path: str, lang: str) -> str:
    """Fill a screen's path with the demo programme's slug and ids for the language."""
    from django.utils import timezone

    from kamrat.support.models import Pairing, SupportRequest

    slug = SLUGS[lang]
    values: dict[str, object] = {"slug": slug}
    if "{pairing}" in path or "{week}" in path:
        pairing = Pairing.objects.filter(program__slug=slug, status="active").first()
        values["pairing"] = pairing.pk
        first = pairing.meetings.filter(starts_at__gt=timezone.now()).first()
        values["week"] = first.starts_at.date().isoformat()
    if "{request}" in path:
        values["request"] = (
            SupportRequest.objects.filter(program__slug=slug, status="open").first().pk
        )
    if "{concern}" in path:
        from kamrat.concerns.models import Concern

        values["concern"] = Concern.objects.filter(program__slug=slug).first().pk
    if "{call}" in path or "{application}" in path:
        from kamrat.recruitment.models import Application

        application = Application.objects.filter(call__program__slug=slug).first()
        values["call"] = application.call_id
        values["application"] = application.pk
    if "{cohort}" in path or "{training_session}" in path:
        from kamrat.training.models import Cohort

        cohort = Cohort.objects.filter(program__slug=slug).first()
        values["cohort"] = cohort.pk
        values["training_session"] = cohort.sessions.first().pk
    if "{certificate}" in path or "{code}" in path:
        from kamrat.training.models import Certificate

        certificate = Certificate.objects.get(
            program__slug=slug, user__email=DEMO_PEOPLE[lang]["peer_supporter"]
        )
        values["certificate"] = certificate.pk
        values["code"] = certificate.code
    if "{event}" in path:
        from kamrat.placements.models import MatchingEvent

        values["event"] = MatchingEvent.objects.filter(program__slug=slug).first().pk
    return path.format(**values)


def open_screen(
    screen: Screen, found, *, sign_in: Callable, lang: str, page: Page | None = None
) -> Page:
    """Open a screen, signed in when it needs someone; in a new page unless given."""
    if screen.role:
        sign_in(found, email=DEMO_PEOPLE[lang][screen.role], lang=lang)
    page = page or found.new_page()
    response = page.goto(resolve(screen.path, lang))
    assert response.status == screen.status, screen.name
    if screen.then:
        screen.then(page)
    assert page.locator("html").get_attribute("lang") == lang, screen.name
    return page


def axe_report(violations: list[dict]) -> str:
    """One block per broken rule, then each element that breaks it."""
    lines = [f"{len(violations)} axe violation(s):"]
    for violation in violations:
        lines.append(
            f"\n[{violation['impact']}] {violation['id']}: {violation['help']}"
            f"\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = node.get("failureSummary", "").replace("\n", "\n      ")
            lines.append(f"  - {target}\n      {summary}\n      {node['html'][:300]}")
    return "\n".join(lines)


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core on the page as it is now; it is injected once per document."""
    if page.evaluate("() => typeof window.axe === 'undefined'"):
        return Axe().run(page).response["violations"]
    # Already injected (the same document at another viewport): just run again.
    return page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations']})"
        ".then(results => results.violations)"
    )


def assert_axe_clean(page: Page, where: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"{where}: " + axe_report(violations)


def assert_no_sideways_scroll(page: Page, where: str) -> None:
    """The page fits its width; wide content scrolls inside its own box."""
    overflow = page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          const clipped = el => {
            for (let up = el.parentElement; up !== document.body; ) {
              if (getComputedStyle(up).overflowX !== 'visible') return true;
              up = up.parentElement;
            }
            return false;
          };
          const wide = [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > width + 1)
            .filter(el => !clipped(el))
            .map(el => el.tagName.toLowerCase()
              + (el.className ? '.' + el.className : ''));
          return {scroll: document.documentElement.scrollWidth, width, wide};
        }"""
    )
    assert overflow["scroll"] <= overflow["width"], (
        f"{where}: the page scrolls sideways ({overflow['scroll']}px in "
        f"{overflow['width']}px): {overflow['wide'][:10]}"
    )
