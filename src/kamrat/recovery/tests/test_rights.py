import json

from kamrat.recovery import rights
from kamrat.recovery.models import Item, Part, Plan

from .base import RecoveryTestCase


class RightsTestCase(RecoveryTestCase):
    def test_export_holds_the_persons_words_as_json(self) -> None:
        self.add("I keep going", shared=True)
        goal = self.add("Swim again", part=Part.GOAL)
        self.add("Find a pool", part=Part.STEP, goal=goal)
        self.add("Not Pia's", participant=self.sam)
        self.share_plan()
        data = json.loads(json.dumps(rights.export(self.pia)))
        [plan] = data["recovery_plans"]
        self.assertEqual(plan["programme"], "Harbour Peer Support")
        self.assertTrue(plan["shared_with_peer_supporter"])
        strength, goal_row = plan["items"]
        self.assertEqual(strength["text"], "I keep going")
        self.assertTrue(strength["shared_with_peer_supporter"])
        self.assertEqual(goal_row["steps"][0]["text"], "Find a pool")
        self.assertFalse(goal_row["steps"][0]["done"])
        self.assertNotIn("Not Pia's", json.dumps(data))

    def test_export_of_someone_without_a_plan_is_empty(self) -> None:
        self.assertEqual(rights.export(self.olle), {"recovery_plans": []})

    def test_erase_deletes_plans_items_and_keys(self) -> None:
        self.add("I keep going")
        self.add("Sam's own", participant=self.sam)
        rights.erase(self.pia)
        self.assertFalse(Plan.objects.filter(participant=self.pia).exists())
        self.assertEqual(Item.objects.count(), 1)
        self.assertEqual(Plan.objects.count(), 1)
