"""Zelda, a participant with data in every app, for the export and erasure tests."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils import timezone

from kamrat.accounts.models import Role, User
from kamrat.core.testing import (
    KamratTestCase,
    make_membership,
    make_pairing,
    make_user,
)
from kamrat.privacy.consents import consent_set
from kamrat.privacy.models import ConsentKind
from kamrat.privacy.services import access_log
from kamrat.support.models import (
    CalendarFeed,
    Meeting,
    Notification,
    Pairing,
)
from kamrat.support.services.requests import support_request_create

NAME = "Zelda Quinterossa"
EMAIL = "zelda.quinterossa@people.test"
MESSAGE = "Quinterossa here: walks by the sea would help me most."
PLACE = "Outside Quinterossa's building, Hamngatan 12"
PLAN_TEXT = "Quinterossa's own strength: I keep going"


def meetings_by_mode() -> dict[str, int]:
    return dict(
        Meeting.objects.values("mode").annotate(n=Count("id")).values_list("mode", "n")
    )


class RightsTestCase(KamratTestCase):
    """Zelda has a request, Sam as peer supporter, meetings, consents and a plan.

    Pia has her own request and contact, so a leak into Zelda's export shows.
    """

    def setUp(self) -> None:
        super().setUp()
        # These tests read the pages' English wording.
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.zelda = make_user(name=NAME, email=EMAIL, preferred_language="en")
        make_membership(user=cls.zelda, program=cls.program, role=Role.PARTICIPANT)
        EmailAddress.objects.create(
            user=cls.zelda, email=EMAIL, verified=True, primary=True
        )
        now = timezone.now()
        cls.request = support_request_create(
            program=cls.program,
            participant=cls.zelda,
            topics=["talk"],
            modes=["walk", "video"],
            languages=["sv"],
            times=[1, 4],
            message=MESSAGE,
        )
        cls.pairing = make_pairing(
            participant=cls.zelda, supporter=cls.sam, program=cls.program
        )
        cls.kept = Meeting.objects.create(
            pairing=cls.pairing,
            starts_at=now - timedelta(days=7),
            ends_at=now - timedelta(days=7, hours=-1),
            mode="walk",
            place=PLACE,
            status=Meeting.Status.KEPT,
            booked_by=cls.zelda,
        )
        cls.video = Meeting.objects.create(
            pairing=cls.pairing,
            starts_at=now - timedelta(days=3),
            ends_at=now - timedelta(days=3, hours=-1),
            mode="video",
            video_room="kamrat-quinterossa-room",
            status=Meeting.Status.KEPT,
            booked_by=cls.zelda,
        )
        cls.coming = Meeting.objects.create(
            pairing=cls.pairing,
            starts_at=now + timedelta(days=5),
            ends_at=now + timedelta(days=5, hours=1),
            mode="fika",
            place=PLACE,
            booked_by=cls.zelda,
        )
        Notification.objects.create(
            recipient=cls.zelda,
            meeting=cls.kept,
            kind=Notification.Kind.BOOKED,
            sequence=0,
            send_after=now - timedelta(days=10),
            sent_at=now - timedelta(days=10),
        )
        CalendarFeed.objects.create(user=cls.zelda, token="quinterossa-feed-token")
        consent_set(
            participant=cls.zelda,
            program=cls.program,
            kind=ConsentKind.EVALUATION,
            granted=True,
        )
        consent_set(
            participant=cls.zelda,
            program=cls.program,
            kind=ConsentKind.WARD_KNOWS,
            granted=True,
            workplace=cls.ward,
        )
        access_log(
            reader=cls.sam,
            participants=[cls.zelda],
            program=cls.program,
            what="meetings",
            purpose="support",
        )
        access_log(
            reader=cls.ada,
            participants=[cls.zelda, cls.pia],
            program=cls.program,
            what="request",
            purpose="matching",
        )
        LogEntry.objects.create(
            user=cls.ada,
            content_type=ContentType.objects.get_for_model(User),
            object_id=str(cls.zelda.pk),
            object_repr=str(cls.zelda),
            action_flag=CHANGE,
        )
        from kamrat.recovery.services import item_add

        item_add(
            participant=cls.zelda,
            program=cls.program,
            part="strength",
            text=PLAN_TEXT,
        )
        from kamrat.concerns.models import Concern

        Concern.objects.create(
            program=cls.program,
            raised_by=cls.sam,
            pairing=cls.pairing,
            participant=cls.zelda,
            reach=Concern.Reach.SUPPORTER,
            urgency=Concern.Urgency.TODAY,
        )
        # Pia, another participant, with her own words and contact.
        cls.pia_request = support_request_create(
            program=cls.program,
            participant=cls.pia,
            topics=["work"],
            modes=["video"],
            languages=["sv"],
            times=[2],
            message="Pia's private words",
        )
        cls.pia_pairing = make_pairing(
            participant=cls.pia, supporter=cls.sam, program=cls.program
        )
        Meeting.objects.create(
            pairing=cls.pia_pairing,
            starts_at=now - timedelta(days=2),
            ends_at=now - timedelta(days=2, hours=-1),
            mode="clinic",
            place="Pia's clinic room",
            status=Meeting.Status.KEPT,
        )

    def zelda_pairings(self) -> int:
        return Pairing.objects.filter(participant=self.zelda).count()
