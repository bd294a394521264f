from datetime import date, datetime, time, timedelta
from itertools import count
from zoneinfo import ZoneInfo

from django.utils import translation

from kamrat.accounts.models import Role
from kamrat.core.testing import (
    KamratTestCase,
    make_membership,
    make_program,
    make_user,
    make_workplace,
)
from kamrat.placements.models import Placement
from kamrat.recruitment.models import Application, Call
from kamrat.supervision.models import Invitation, Kind, SupervisionSession
from kamrat.support.models import Meeting, Pairing
from kamrat.training.models import Certificate, Cohort, Enrolment

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# The first quarter of 2025: winter time at the start, summer time at the end
# (clocks went forward on 30 March).
FIRST = date(2025, 1, 1)
LAST = date(2025, 3, 31)

_serial = count(1)


def local(day: date, hour: int = 12, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=STOCKHOLM)


class ReportTestCase(KamratTestCase):
    """Ada reports on the harbour; Olga coordinates inland, which must not count."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.admin = make_user(name="Alma Admin")
        make_membership(user=cls.admin, program=cls.program, role=Role.PROGRAM_ADMIN)
        cls.other = make_program(slug="inland", name="Inland Peer Support")
        cls.olga = make_user(name="Olga Othercoordinator")
        make_membership(user=cls.olga, program=cls.other, role=Role.COORDINATOR)

    def setUp(self) -> None:
        super().setUp()
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        self.enterContext(translation.override("en"))

    # --- builders ---------------------------------------------------------

    def person(self, program=None, role: str = Role.PEER_SUPPORTER):
        n = next(_serial)
        user = make_user(name=f"Person {n}", email=f"person{n}@people.test")
        make_membership(user=user, program=program or self.program, role=role)
        return user

    def application(self, received_at: datetime, program=None) -> Application:
        program = program or self.program
        call = Call.objects.filter(program=program).first() or Call.objects.create(
            program=program,
            title_en="Become a peer supporter",
            opens_on=date(2024, 1, 1),
            closes_on=date(2026, 1, 1),
            places=7,
        )
        n = next(_serial)
        application = Application.objects.create(
            call=call,
            name=f"Applicant {n}",
            email=f"applicant{n}@applicants.test",
            motivation="I want to give back.",
            language="en",
        )
        # received_at is set on creation; a report looks back in time.
        Application.objects.filter(pk=application.pk).update(received_at=received_at)
        return application

    def cohort(self, ends_on: date, program=None) -> Cohort:
        return Cohort.objects.create(
            program=program or self.program,
            name=f"Cohort {next(_serial)}",
            starts_on=ends_on - timedelta(days=35),
            ends_on=ends_on,
            place="Folkets hus",
        )

    def enrol(
        self, cohort: Cohort, status: str = Enrolment.Status.COMPLETED, user=None
    ):
        return Enrolment.objects.create(
            cohort=cohort, user=user or self.person(cohort.program), status=status
        )

    def certificate(
        self, issued_on: date, program=None, user=None, revoked: bool = False
    ) -> Certificate:
        program = program or self.program
        user = user or self.person(program)
        return Certificate.objects.create(
            program=program,
            user=user,
            cohort=self.cohort(issued_on, program),
            holder_name=user.name,
            training_started_on=issued_on - timedelta(days=35),
            training_ended_on=issued_on,
            issued_on=issued_on,
            revoked_at=local(LAST) if revoked else None,
        )

    def placement(self, starts_on: date, program=None, supporter=None) -> Placement:
        program = program or self.program
        return Placement.objects.create(
            program=program,
            supporter=supporter or self.person(program),
            workplace=make_workplace(program=program),
            starts_on=starts_on,
        )

    def pairing(
        self,
        started_at: datetime | None,
        ended_at: datetime | None = None,
        program=None,
        participant=None,
        supporter=None,
        anonymised: bool = False,
    ) -> Pairing:
        program = program or self.program
        if ended_at is not None:
            status = Pairing.Status.ENDED
        elif started_at is None:
            status = Pairing.Status.PROPOSED
        else:
            status = Pairing.Status.ACTIVE
        return Pairing.objects.create(
            program=program,
            participant=None
            if anonymised
            else participant or self.person(program, Role.PARTICIPANT),
            supporter=supporter or self.person(program),
            status=status,
            chosen_by="participant",
            started_at=started_at,
            ended_at=ended_at,
        )

    def meetings(
        self,
        pairing: Pairing,
        starts_at: datetime,
        *,
        mode: str = "walk",
        status: str = Meeting.Status.KEPT,
        n: int = 1,
    ) -> None:
        for i in range(n):
            start = starts_at + timedelta(hours=2 * i)
            Meeting.objects.create(
                pairing=pairing,
                starts_at=start,
                ends_at=start + timedelta(hours=1),
                mode=mode,
                status=status,
            )

    def supervision(
        self,
        starts_at: datetime,
        *,
        kind: str = Kind.GROUP,
        program=None,
        cancelled: bool = False,
        attendance: tuple[str, ...] = (),
    ) -> SupervisionSession:
        program = program or self.program
        session = SupervisionSession.objects.create(
            program=program,
            kind=kind,
            supervisor_name="Dr Vera Extern",
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            status=SupervisionSession.Status.CANCELLED
            if cancelled
            else SupervisionSession.Status.SCHEDULED,
        )
        for mark in attendance:
            Invitation.objects.create(
                session=session, supporter=self.person(program), attendance=mark
            )
        return session
