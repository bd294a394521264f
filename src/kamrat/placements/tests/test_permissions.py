from datetime import timedelta

from django.utils import timezone

from kamrat.placements import permissions, services
from kamrat.placements.models import MatchingEvent

from .base import PlacementsTestCase


class PermissionsTestCase(PlacementsTestCase):
    def test_each_predicate_for_every_person(self) -> None:
        event = self.event()
        held = self.event(title="Last spring")
        MatchingEvent.objects.filter(pk=held.pk).update(status="held")
        held.refresh_from_db()
        placement = services.placement_record(
            program=self.program,
            supporter=self.sam,
            workplace=self.ward,
            starts_on=timezone.localdate(),
            by=self.ada,
        )
        # manages, own unit, events list, offers at, interest at, Sam's email
        people = {
            "ada": (self.ada, True, False, False, False, False, True),
            "sam": (self.sam, False, False, True, False, True, False),
            "siri": (self.siri, False, False, True, False, True, False),
            "pia": (self.pia, False, False, False, False, False, False),
            "wanda": (self.wanda, False, True, True, True, False, True),
            "carl": (self.carl, False, True, True, True, False, False),
            "olle": (self.olle, False, False, False, False, False, False),
            "olga": (self.olga, False, False, False, False, False, False),
            "otto": (self.otto, False, False, False, False, False, False),
            "ines": (self.ines, False, False, False, False, False, False),
        }
        for name, expected in people.items():
            person, manages, unit, events, offers, interest, email = expected
            with self.subTest(name):
                self.assertEqual(
                    permissions.can_manage_placements(person, self.program), manages
                )
                self.assertEqual(
                    permissions.can_view_matchingevent(person, event), manages
                )
                self.assertEqual(
                    permissions.can_view_placement(person, placement), manages
                )
                self.assertEqual(
                    permissions.can_view_own_workplace(person, self.program), unit
                )
                self.assertEqual(
                    permissions.can_see_events(person, self.program), events
                )
                self.assertEqual(permissions.can_offer_at(person, event), offers)
                self.assertEqual(
                    permissions.can_show_interest_at(person, event), interest
                )
                # A held event is the coordinator's record only.
                self.assertFalse(permissions.can_offer_at(person, held))
                self.assertFalse(permissions.can_show_interest_at(person, held))
                self.assertEqual(
                    permissions.can_see_placed_supporter_contact(
                        person, self.sam, self.program
                    ),
                    email,
                )

    def test_an_ended_placement_no_longer_shows_the_email(self) -> None:
        placement = services.placement_record(
            program=self.program,
            supporter=self.sam,
            workplace=self.ward,
            starts_on=timezone.localdate() - timedelta(days=10),
            by=self.ada,
        )
        services.placement_end(placement=placement)
        self.assertFalse(
            permissions.can_see_placed_supporter_contact(
                self.wanda, self.sam, self.program
            )
        )
