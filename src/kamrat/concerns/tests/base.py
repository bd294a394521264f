"""People and a rota for the concern tests: Ada is on call, then Cleo, then Bo."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine

from kamrat.accounts.models import Role
from kamrat.concerns.models import EscalationStep, Shift
from kamrat.concerns.services.concerns import concern_raise
from kamrat.core.testing import (
    KamratTestCase,
    make_membership,
    make_pairing,
    make_program,
    make_user,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# Monday 23 March 2026, 10:00 in Stockholm.
NOW = datetime(2026, 3, 23, 10, 0, tzinfo=STOCKHOLM)


def minutes_later(minutes: int) -> datetime:
    return NOW + timedelta(minutes=minutes)


@time_machine.travel(NOW, tick=False)
class ConcernTestCase(KamratTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.cleo = make_user(name="Cleo Coordinator")
        make_membership(user=cls.cleo, program=cls.program, role=Role.COORDINATOR)
        cls.bo = make_user(name="Bo Admin")
        make_membership(user=cls.bo, program=cls.program, role=Role.PROGRAM_ADMIN)
        cls.sid = make_user(name="Sid Supporter")
        make_membership(user=cls.sid, program=cls.program, role=Role.PEER_SUPPORTER)
        cls.elsewhere = make_program(slug="elsewhere", name="Elsewhere Peers")
        cls.otto = make_user(name="Otto Other")
        make_membership(user=cls.otto, program=cls.elsewhere, role=Role.COORDINATOR)

    def setUp(self) -> None:
        # These tests read the pages' English wording.
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        self.pairing = make_pairing(
            participant=self.pia, supporter=self.sam, program=self.program
        )
        self.shift = Shift.objects.create(
            program=self.program,
            person=self.ada,
            starts_at=NOW - timedelta(hours=2),
            ends_at=NOW + timedelta(hours=10),
        )
        for position, person in enumerate((self.cleo, self.bo), start=1):
            EscalationStep.objects.create(
                program=self.program, person=person, position=position
            )

    def raise_about_pia(self, **overrides):
        fields = {
            "program": self.program,
            "by": self.sam,
            "pairing": self.pairing,
            "reach": "phone",
            "contact_detail": "070-123 45 67",
            "urgency": "now",
        }
        fields.update(overrides)
        with self.captureOnCommitCallbacks(execute=True):
            return concern_raise(**fields)
