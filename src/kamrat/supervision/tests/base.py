from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from kamrat.accounts.models import Role
from kamrat.core.testing import (
    KamratTestCase,
    make_membership,
    make_program,
    make_user,
)
from kamrat.supervision import services
from kamrat.supervision.models import Kind

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def days_ahead(days: int, hour: int = 10) -> datetime:
    local = timezone.now().astimezone(STOCKHOLM) + timedelta(days=days)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


class SupervisionTestCase(KamratTestCase):
    """Sam and Siri support in the harbour; Otto supports in another programme."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.siri = make_user(name="Siri Supporter")
        make_membership(user=cls.siri, program=cls.program, role=Role.PEER_SUPPORTER)
        cls.other = make_program(slug="inland", name="Inland Peer Support")
        cls.otto = make_user(name="Otto Elsewhere")
        make_membership(user=cls.otto, program=cls.other, role=Role.PEER_SUPPORTER)
        cls.olga = make_user(name="Olga Othercoordinator")
        make_membership(user=cls.olga, program=cls.other, role=Role.COORDINATOR)

    def setUp(self) -> None:
        super().setUp()
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    def plan(self, **overrides):
        start = overrides.pop("starts_at", days_ahead(3))
        fields = {
            "program": self.program,
            "kind": Kind.GROUP,
            "starts_at": start,
            "ends_at": start + timedelta(hours=2),
            "supporters": [self.sam, self.siri],
            "by": self.ada,
            "supervisor_name": "Dr Vera Extern",
            "place": "Room 3",
        }
        fields.update(overrides)
        return services.session_create(**fields)
