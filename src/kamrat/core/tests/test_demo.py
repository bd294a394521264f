from django.db import models
from django.test import TestCase

from kamrat.accounts.models import Membership, Role, User
from kamrat.core.demo import DEMO_PASSWORD, PROGRAMS, demo_load, demo_signin_list
from kamrat.programs.models import Country, Program
from kamrat.support.choices import Mode
from kamrat.support.models import Pairing, SupportRequest


class DemoTestCase(TestCase):
    def test_it_loads_four_programmes_with_every_role(self) -> None:
        self.assertEqual(demo_load(), 4)
        self.assertEqual(Program.objects.count(), 4)
        for program in Program.objects.all():
            roles = set(program.memberships.values_list("role", flat=True))
            self.assertEqual(roles, set(Role.values), program.slug)
            self.assertTrue(program.workplaces.exists())
            self.assertTrue(program.areas.exists())
            self.assertGreaterEqual(
                program.memberships.filter(role=Role.PEER_SUPPORTER).count(), 3
            )
            self.assertGreaterEqual(
                SupportRequest.objects.filter(program=program, status="open").count(), 2
            )
            pairing = Pairing.objects.get(program=program, status="active")
            self.assertEqual(
                {m.mode for m in pairing.meetings.filter(status="scheduled")},
                set(Mode.values) & set(pairing.meetings.values_list("mode", flat=True)),
            )
            self.assertGreaterEqual(
                pairing.meetings.filter(status="scheduled").count(), 6
            )
        danish = Program.objects.get(country=Country.DENMARK)
        self.assertEqual(danish.default_language, "da")
        self.assertEqual(danish.areas.filter(kind="municipality").count(), 3)

    def test_loading_twice_keeps_the_data_and_adds_nothing(self) -> None:
        demo_load()
        counts = (
            Program.objects.count(),
            User.objects.count(),
            Membership.objects.count(),
        )
        self.assertEqual(demo_load(), 0)
        self.assertEqual(
            (Program.objects.count(), User.objects.count(), Membership.objects.count()),
            counts,
        )

    def test_every_listed_sign_in_works(self) -> None:
        demo_load()
        listed = demo_signin_list()
        self.assertEqual(len(listed), sum(len(spec.people) for spec in PROGRAMS))
        for row in listed:
            self.assertTrue(
                self.client.login(username=row["email"], password=DEMO_PASSWORD),
                row["email"],
            )

    def test_the_county_association_has_an_open_call_with_about_fifty_applicants(
        self,
    ) -> None:
        from django.utils import timezone

        from kamrat.recruitment.models import Application

        demo_load()
        call = Program.objects.get(slug="nsph-norrlanet").calls.get(
            opens_on__lte=timezone.localdate(), closes_on__gte=timezone.localdate()
        )
        steps = dict(
            Application.objects.filter(call=call)
            .values_list("step")
            .annotate(n=models.Count("pk"))
        )
        self.assertGreaterEqual(sum(steps.values()), 45)
        self.assertEqual(steps["offered"], call.places)
        self.assertEqual(set(steps), set(Application.Step.values) - {"accepted"})
