from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from kamrat.accounts.models import Role
from kamrat.core.testing import (
    KamratTestCase,
    make_membership,
    make_program,
    make_user,
    make_workplace,
)
from kamrat.placements import services
from kamrat.placements.models import Interest, MatchingEvent, Offer

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def days_ahead(days: int, hour: int = 13) -> datetime:
    local = timezone.now().astimezone(STOCKHOLM) + timedelta(days=days)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


class PlacementsTestCase(KamratTestCase):
    """Wanda speaks for Ward 7 and Carl for the clinic; Sam and Siri support.

    Inland is another programme with its own coordinator, supporter and unit.
    """

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.siri = make_user(name="Siri Supporter")
        make_membership(user=cls.siri, program=cls.program, role=Role.PEER_SUPPORTER)
        cls.clinic = make_workplace(program=cls.program, name="Harbour Clinic")
        cls.carl = make_user(name="Carl Clinic")
        make_membership(
            user=cls.carl,
            program=cls.program,
            role=Role.WORKPLACE_CONTACT,
            workplace=cls.clinic,
        )
        cls.other = make_program(slug="inland", name="Inland Peer Support")
        cls.olga = make_user(name="Olga Othercoordinator")
        make_membership(user=cls.olga, program=cls.other, role=Role.COORDINATOR)
        cls.otto = make_user(name="Otto Elsewhere")
        make_membership(user=cls.otto, program=cls.other, role=Role.PEER_SUPPORTER)
        cls.inland_unit = make_workplace(program=cls.other, name="Inland Ward")
        cls.ines = make_user(name="Ines Inland")
        make_membership(
            user=cls.ines,
            program=cls.other,
            role=Role.WORKPLACE_CONTACT,
            workplace=cls.inland_unit,
        )

    def setUp(self) -> None:
        super().setUp()
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    def event(self, **overrides) -> MatchingEvent:
        fields = {
            "program": self.program,
            "title": "Harbour matching day",
            "starts_at": days_ahead(10),
            "place": "Town hall",
            "by": self.ada,
        }
        fields.update(overrides)
        return services.event_create(**fields)

    def offer(self, event: MatchingEvent, workplace=None, **overrides) -> Offer:
        fields = {
            "event": event,
            "workplace": workplace or self.ward,
            "description": "Talks with patients on the ward.",
            "by": self.wanda,
            "hours_per_week": 20,
            "places": 1,
        }
        fields.update(overrides)
        return services.offer_save(**fields)

    def mutual(self, offer: Offer, *supporters) -> None:
        """These supporters and the offer's workplace both want to meet."""
        for supporter in supporters:
            Interest.objects.update_or_create(
                offer=offer,
                supporter=supporter,
                defaults={"from_supporter": True, "from_workplace": True},
            )

    def scheduled_event(self, **overrides) -> tuple[MatchingEvent, Offer, Offer]:
        """Ward 7 meets Sam and Siri; the clinic meets Sam."""
        event = self.event(**overrides)
        ward = self.offer(event)
        clinic = self.offer(event, self.clinic, by=self.carl, description="Clinic")
        self.mutual(ward, self.sam, self.siri)
        self.mutual(clinic, self.sam)
        services.schedule_build(event=event)
        event.refresh_from_db()
        return event, ward, clinic
