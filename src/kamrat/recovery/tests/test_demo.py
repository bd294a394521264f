from django.test import TestCase

from kamrat.core.demo import demo_load
from kamrat.privacy.consents import consent_given
from kamrat.privacy.models import AccessEntry, ConsentKind
from kamrat.recovery.models import Item, Plan
from kamrat.recovery.selectors import plan_items
from kamrat.support.models import Pairing


class DemoTestCase(TestCase):
    def test_each_paired_demo_participant_has_a_partly_shared_plan(self) -> None:
        demo_load()
        pairings = Pairing.objects.filter(status="active").select_related("program")
        self.assertTrue(pairings)
        for pairing in pairings:
            with self.subTest(program=pairing.program.slug):
                plan = Plan.objects.get(
                    participant=pairing.participant, program=pairing.program
                )
                self.assertTrue(plan_items(plan=plan))
                shared = set(
                    Item.objects.filter(plan=plan).values_list("shared", flat=True)
                )
                self.assertEqual(shared, {True, False})
                self.assertTrue(
                    consent_given(
                        pairing.participant, pairing.program, ConsentKind.RECOVERY_PLAN
                    )
                )
                self.assertTrue(
                    AccessEntry.objects.filter(
                        participant=pairing.participant,
                        reader=pairing.supporter,
                        what="recovery_plan",
                    ).exists()
                )
        danish = Plan.objects.get(program__default_language="da")
        self.assertIn("Jeg", " ".join(v.text for v in plan_items(plan=danish)))
