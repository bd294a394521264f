from django.db.models import Count
from django.test import TestCase
from django.urls import reverse

from kamrat.accounts.models import Role, User
from kamrat.core.demo import PROGRAMS, demo_load
from kamrat.placements.models import EventMeeting, MatchingEvent, Placement
from kamrat.programs.models import Program
from kamrat.training.models import Enrolment


class DemoTestCase(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        demo_load()

    def test_finished_programmes_held_an_event_and_placed_most_graduates(
        self,
    ) -> None:
        for program in Program.objects.exclude(slug="nsph-norrlanet"):
            with self.subTest(program.slug):
                event = MatchingEvent.objects.get(program=program)
                self.assertEqual(event.status, MatchingEvent.Status.HELD)
                cohort = program.cohorts.filter(completed_at__isnull=False).first()
                if cohort is not None:
                    self.assertGreater(event.starts_at.date(), cohort.ends_on)
                self.assertGreaterEqual(event.offers.count(), 3)
                interests = list(
                    event.offers.values_list(
                        "interests__from_supporter", "interests__from_workplace"
                    )
                )
                self.assertIn((True, True), interests)
                self.assertTrue(set(interests) - {(True, True)})  # not all mutual
                # The schedule is the engine's: nobody in two places at once.
                per_slot = (
                    EventMeeting.objects.filter(event=event)
                    .values("supporter", "slot")
                    .annotate(n=Count("pk"))
                )
                self.assertTrue(per_slot)
                self.assertEqual(max(row["n"] for row in per_slot), 1)
                graduates = set(
                    Enrolment.objects.filter(
                        cohort__program=program, status=Enrolment.Status.COMPLETED
                    ).values_list("user_id", flat=True)
                )
                placed = set(
                    Placement.objects.filter(program=program).values_list(
                        "supporter_id", flat=True
                    )
                )
                if graduates:
                    self.assertGreater(len(graduates & placed), len(graduates) / 2)

    def test_the_demo_workplace_contacts_see_the_demo_peer_supporters(self) -> None:
        for spec in PROGRAMS:
            if spec.slug == "nsph-norrlanet":
                continue
            with self.subTest(spec.slug):
                contact = next(
                    p for p in spec.people if p.role == Role.WORKPLACE_CONTACT
                )
                self.client.force_login(User.objects.get(email=contact.email))
                response = self.client.get(
                    reverse("placements:workplace", args=[spec.slug]),
                    headers={"accept-language": "en"},
                )
                for person in spec.people:
                    if person.role == Role.PEER_SUPPORTER:
                        self.assertContains(response, person.name)
                        self.assertContains(response, person.email)

    def test_the_county_association_has_an_open_event_after_its_training(
        self,
    ) -> None:
        program = Program.objects.get(slug="nsph-norrlanet")
        event = MatchingEvent.objects.get(program=program)
        self.assertEqual(event.status, MatchingEvent.Status.OPEN)
        cohort = program.cohorts.get(completed_at__isnull=True)
        self.assertEqual(event.cohort, cohort)
        self.assertTrue(0 < (event.starts_at.date() - cohort.ends_on).days <= 7)
        self.assertEqual(event.offers.count(), program.workplaces.count())
        self.assertFalse(event.meetings.exists())
        self.assertFalse(Placement.objects.filter(program=program).exists())
