from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from kamrat.accounts.models import Role, User
from kamrat.core.testing import KamratTestCase, make_membership, make_program, make_user
from kamrat.training.models import Cohort, Enrolment, Session
from kamrat.training.services import enrolment as enrolling
from kamrat.training.services import planning

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=STOCKHOLM)


class TrainingTestCase(KamratTestCase):
    """Tess and Tom train in the harbour; Siri supports there; Olga runs Inland."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.siri = make_user(name="Siri Supporter")
        make_membership(user=cls.siri, program=cls.program, role=Role.PEER_SUPPORTER)
        cls.tess = make_user(name="Tess Trainee")
        cls.tom = make_user(name="Tom Trainee")
        cls.other = make_program(slug="inland", name="Inland Peer Support")
        cls.olga = make_user(name="Olga Othercoordinator")
        make_membership(user=cls.olga, program=cls.other, role=Role.COORDINATOR)
        cls.otto = make_user(name="Otto Elsewhere")
        make_membership(user=cls.otto, program=cls.other, role=Role.PEER_SUPPORTER)

    def setUp(self) -> None:
        super().setUp()
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    def make_cohort(self, *, days_ago: int = 15, **overrides) -> Cohort:
        fields = {
            "program": self.program,
            "name": "Spring cohort",
            "starts_on": timezone.localdate() - timedelta(days=days_ago),
            "place": "Folkets hus",
            "by": self.ada,
        }
        fields.update(overrides)
        return planning.cohort_create(**fields)

    def add_session(self, cohort: Cohort, day: int, **overrides) -> Session:
        """A session `day` days after the cohort's first day, 10 to 14."""
        start = at(cohort.starts_on + timedelta(days=day))
        fields = {
            "starts_at": start,
            "ends_at": start + timedelta(hours=4),
            "topic": f"Topic on day {day}",
            "leader": self.ada,
        }
        fields.update(overrides)
        return planning.session_add(
            cohort=cohort, fields=planning.SessionFields(**fields)
        )

    def enrol(self, cohort: Cohort, *people: User) -> list[Enrolment]:
        return [Enrolment.objects.create(cohort=cohort, user=p) for p in people]

    def attend(self, session: Session, attendance: dict[Enrolment, bool]) -> None:
        enrolling.attendance_record(session=session, attendance=attendance)
