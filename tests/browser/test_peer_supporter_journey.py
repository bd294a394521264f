"""One peer supporter's whole way in, in a real browser, with real mail.

Rut answers the open call on her phone; the coordinator offers her a place and
she accepts. She is enrolled in a new cohort, sets her password from the
invitation email, follows her schedule and is certified when the training is
complete; anyone can check her certificate's code. At the matching event she
shows interest in a workplace that wants to meet her, the engine gives them a
slot, and the coordinator records her placement, which the workplace sees.
Last, she attends group supervision. Every page on the way passes axe.
"""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.test import override_settings
from django.utils import timezone

from kamrat.accounts.models import User
from kamrat.core.testing import SmtpServer, run_worker
from kamrat.placements.models import EventMeeting, MatchingEvent, Placement
from kamrat.programs.models import Program
from kamrat.recruitment.models import Application
from kamrat.supervision.models import Invitation, SupervisionSession
from kamrat.training.models import Certificate, Cohort, Enrolment

from .support import PHONE, assert_axe_clean, assert_no_sideways_scroll

pytestmark = pytest.mark.browser

SLUG = "unga-vuxna"
COORDINATOR = "ada@unga-vuxna.kamrat.test"
WORKPLACE_CONTACT = "karin@unga-vuxna.kamrat.test"
RUT = "rut.lindgren@people.test"
PASSWORD = "en lång och trygg lösenfras"


def _check(page, screenshots, name: str) -> None:
    assert_axe_clean(page, name)
    assert_no_sideways_scroll(page, name)
    page.screenshot(path=str(screenshots / f"way-in-{name}.png"), full_page=True)


def _submit(page) -> None:
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()


def _mail_to(smtp, address: str) -> list:
    return [m for m in smtp.messages if m["To"] == address]


def _local_day(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def test_apply_train_certify_match_place_and_supervise(
    visit, sign_in, screenshots
) -> None:
    program = Program.objects.get(slug=SLUG)
    today = timezone.localdate()
    call = program.calls.get(opens_on__lte=today, closes_on__gte=today)
    with SmtpServer() as smtp, override_settings(**smtp.settings()):
        # 1. Rut applies on her phone, without an account.
        applicant = visit(lang="sv", viewport=PHONE)
        page = applicant.new_page()
        page.goto(f"/recruitment/calls/{SLUG}/")
        page.locator(f"a[href='/recruitment/apply/{call.pk}/']").first.click()
        page.fill("input[name=name]", "Rut Lindgren")
        page.fill("input[name=email]", RUT)
        page.fill(
            "textarea[name=motivation]",
            "Jag vill ge andra det hopp som någon en gång gav mig.",
        )
        page.check("input[name=availability][value=evenings]")
        page.select_option("select[name=language]", "sv")
        _check(page, screenshots, "1-apply")
        _submit(page)
        application = Application.objects.get(call=call, email=RUT)
        run_worker()
        assert len(_mail_to(smtp, RUT)) == 1  # the receipt

        # 2. The coordinator offers her a place; she says yes by phone.
        coordinator = visit(lang="sv")
        sign_in(coordinator, email=COORDINATOR)
        cpage = coordinator.new_page()
        cpage.goto(f"/recruitment/call/{call.pk}/")
        cpage.locator(f"a[href='/recruitment/application/{application.pk}/']").click()
        for step in ("offered", "accepted"):
            cpage.select_option("select[name=step]", step)
            _submit(cpage)
        _check(cpage, screenshots, "2-accepted")
        application.refresh_from_db()
        assert application.step == "accepted"

        # 3. A cohort from this call; its five weeks are just over.
        cpage.goto(f"/training/{SLUG}/new/")
        cpage.fill("input[name=name]", "Grundutbildning våren")
        cpage.fill("input[name=starts_on]", _local_day(-40))
        cpage.fill("input[name=place]", "Medborgarhuset, sal 2")
        cpage.select_option("select[name=call]", str(call.pk))
        _submit(cpage)
        cohort = Cohort.objects.get(program=program, name="Grundutbildning våren")
        assert [w.kind for w in cohort.weeks.all()] == [
            "on_site",
            "home_study",
            "on_site",
            "home_study",
            "on_site",
        ]
        cpage.goto(f"/training/cohort/{cohort.pk}/enrol/")
        _check(cpage, screenshots, "3-enrol")
        cpage.locator("form:has(input[name=action][value=call]) button").click()
        cpage.wait_for_load_state()
        rut = User.objects.get(email=RUT)
        enrolment = Enrolment.objects.get(cohort=cohort, user=rut)
        for days, topic in ((-39, "Återhämtning och hopp"), (-25, "Att lyssna")):
            cpage.goto(f"/training/cohort/{cohort.pk}/sessions/new/")
            cpage.fill("input[name=day]", _local_day(days))
            cpage.fill("input[name=starts]", "09:00")
            cpage.fill("input[name=ends]", "12:00")
            cpage.fill("input[name=topic]", topic)
            cpage.fill("input[name=leader_name]", "Eva Ek")
            _submit(cpage)
        assert cohort.sessions.count() == 2

        # 4. Rut chooses a password from her invitation and sees her schedule.
        run_worker()
        invitation = _mail_to(smtp, RUT)[-1].get_content()
        link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", invitation)
        assert link, invitation
        page.goto(urlsplit(link.group(0)).path)
        page.wait_for_load_state()
        page.fill("input[name=password1]", PASSWORD)
        page.fill("input[name=password2]", PASSWORD)
        _check(page, screenshots, "4-set-password")
        page.get_by_role("button", name="Ändra lösenord").click()
        page.wait_for_load_state()
        if "/accounts/login/" not in page.url:
            page.goto("/accounts/login/")
        page.fill("#id_login", RUT)
        page.fill("#id_password", PASSWORD)
        _submit(page)
        page.goto("/training/mine/")
        assert page.get_by_text("Återhämtning och hopp").count() >= 1
        assert page.get_by_text("Medborgarhuset, sal 2").count() >= 1
        _check(page, screenshots, "4-my-training")

        # 5. Attendance, then the training is complete and certifies her.
        for session in cohort.sessions.all():
            cpage.goto(f"/training/session/{session.pk}/attendance/")
            cpage.check(f"input[name=who_{enrolment.pk}][value=attended]")
            _submit(cpage)
        cpage.goto(f"/training/cohort/{cohort.pk}/complete/")
        _check(cpage, screenshots, "5-complete")
        _submit(cpage)
        certificate = Certificate.objects.get(user=rut, cohort=cohort)
        assert rut.memberships.filter(
            program=program, role="peer_supporter", is_active=True
        ).exists()

        # 6. Her certificate, as a page and a PDF; anyone can check the code.
        page.goto("/training/certificates/")
        page.locator(f"a[href='/training/certificate/{certificate.pk}/']").click()
        page.wait_for_load_state()
        assert page.get_by_text(certificate.code).count() >= 1
        _check(page, screenshots, "6-certificate")
        pdf = page.request.get(f"/training/certificate/{certificate.pk}/pdf/")
        assert pdf.ok and pdf.body().startswith(b"%PDF-")
        anyone = visit(lang="sv", viewport=PHONE).new_page()
        anyone.goto("/training/verify/")
        anyone.fill("input[name=code]", certificate.code.replace("-", "").lower())
        _submit(anyone)
        assert anyone.get_by_text("Rut Lindgren").count() >= 1
        assert anyone.get_by_text(program.name).count() >= 1
        assert anyone.get_by_text(RUT).count() == 0
        _check(anyone, screenshots, "6-verified")

        # 7. The matching event: an offer, interest on both sides, a schedule.
        cpage.goto(f"/placements/{SLUG}/events/new/")
        cpage.fill("input[name=title]", "Matchningsdag")
        cpage.fill("input[name=day]", _local_day(3))
        cpage.fill("input[name=starts]", "13:00")
        cpage.fill("input[name=place]", "Stadshuset")
        cpage.select_option("select[name=cohort]", str(cohort.pk))
        _submit(cpage)
        event = MatchingEvent.objects.get(program=program, title="Matchningsdag")
        contact = visit(lang="sv")
        sign_in(contact, email=WORKPLACE_CONTACT)
        kpage = contact.new_page()
        kpage.goto(f"/placements/event/{event.pk}/offer/")
        kpage.fill(
            "textarea[name=description]",
            "Kamratstöd på mottagningen, två dagar i veckan.",
        )
        _submit(kpage)
        offer = event.offers.get()
        page.goto(f"/placements/event/{event.pk}/interest/")
        page.check(f"input[name=offers][value='{offer.pk}']")
        _check(page, screenshots, "7-interest")
        _submit(page)
        kpage.goto(f"/placements/event/{event.pk}/offer/")
        kpage.check(f"input[name=supporters][value='{rut.pk}']")
        _check(kpage, screenshots, "7-offer")
        kpage.locator("form:has(input[name=part][value=answers]) button").click()
        kpage.wait_for_load_state()
        cpage.goto(f"/placements/event/{event.pk}/")
        cpage.locator(
            f"form[action='/placements/event/{event.pk}/schedule/'] button"
        ).click()
        cpage.wait_for_load_state()
        meeting = EventMeeting.objects.get(event=event, supporter=rut)
        assert meeting.offer == offer
        _check(cpage, screenshots, "7-schedule")
        page.goto(f"/placements/event/{event.pk}/interest/")
        assert page.get_by_text(offer.workplace.name).count() >= 1
        assert page.get_by_text("13:00").count() >= 1

        # 8. Afterwards the coordinator records the placement; the unit sees her.
        cpage.locator("a[href*='/placements/new/']").filter(has_text="Rut").click()
        cpage.wait_for_load_state()
        cpage.fill("input[name=starts_on]", _local_day(10))
        _submit(cpage)
        assert Placement.objects.filter(
            supporter=rut, workplace=offer.workplace, event=event
        ).exists()
        kpage.goto(f"/placements/{SLUG}/workplace/")
        assert kpage.get_by_text("Rut Lindgren").count() >= 1
        _check(kpage, screenshots, "8-our-peer-supporters")

        # 9. Group supervision: planned, held, and her attendance recorded.
        cpage.goto(f"/supervision/{SLUG}/new/")
        cpage.check("input[name=kind][value=group]")
        cpage.fill("input[name=supervisor_name]", "Maria Holm")
        cpage.fill("input[name=day]", _local_day(7))
        cpage.fill("input[name=starts]", "14:00")
        cpage.fill("input[name=ends]", "16:00")
        cpage.fill("input[name=place]", "Medborgarhuset, sal 3")
        cpage.check(f"input[name=supporters][value='{rut.pk}']")
        _submit(cpage)
        session = SupervisionSession.objects.get(invitations__supporter=rut)
        before = len(_mail_to(smtp, RUT))
        run_worker()
        invited = _mail_to(smtp, RUT)[before:]
        assert invited and any(
            part.get_content_type() == "text/calendar" for part in invited[0].walk()
        )
        # A week passes.
        SupervisionSession.objects.filter(pk=session.pk).update(
            starts_at=session.starts_at - timedelta(days=8),
            ends_at=session.ends_at - timedelta(days=8),
        )
        cpage.goto(f"/supervision/session/{session.pk}/")
        cpage.check(f"input[name=who_{rut.pk}][value=attended]")
        cpage.locator(
            f"form[action='/supervision/session/{session.pk}/attendance/'] button"
        ).click()
        cpage.wait_for_load_state()
        assert Invitation.objects.get(session=session, supporter=rut).attendance == (
            "attended"
        )
        page.goto(f"/supervision/{SLUG}/mine/")
        _check(page, screenshots, "9-my-supervision")
    for found in (applicant, coordinator, contact):
        found.assert_stayed_home()
        found.assert_no_errors()
