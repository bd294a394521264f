from io import StringIO

from cryptography.fernet import Fernet
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from kamrat.privacy.consents import consent_given
from kamrat.privacy.envelope import (
    EnvelopeError,
    data_key_is_current,
    data_key_unwrap,
)
from kamrat.privacy.models import ConsentEvent, ConsentKind
from kamrat.recovery.models import Item, Part, Plan
from kamrat.recovery.selectors import plan_items
from kamrat.recovery.services import (
    item_change,
    item_move,
    item_remove,
    plan_keys_rotate,
    step_mark,
)

from .base import RecoveryTestCase

SECRETS = (
    "I hear voices when I have not slept",
    "Walk with Lena on Sundays",
    "Call my sister Ebba",
    "Stop taking the bus alone",
)


def texts(plan: Plan) -> list[str]:
    return [view.text for view in plan_items(plan=plan)]


class PlanServicesTestCase(RecoveryTestCase):
    def test_items_round_trip_through_encryption(self) -> None:
        strength = self.add(SECRETS[0])
        goal = self.add(SECRETS[1], part=Part.GOAL)
        self.add(SECRETS[2], part=Part.STEP, goal=goal)
        plan = Plan.objects.get()
        [first, second] = plan_items(plan=plan)
        self.assertEqual((first.id, first.text), (strength.pk, SECRETS[0]))
        self.assertEqual(second.text, SECRETS[1])
        self.assertEqual([s.text for s in second.steps], [SECRETS[2]])

    def test_each_plan_has_its_own_data_key(self) -> None:
        self.add("mine")
        self.add("other", participant=self.sam)
        first, second = Plan.objects.order_by("pk")
        self.assertNotEqual(
            data_key_unwrap(first.wrapped_key), data_key_unwrap(second.wrapped_key)
        )

    def test_raw_database_rows_hold_no_plaintext(self) -> None:
        goal = self.add(SECRETS[0], part=Part.GOAL, shared=True)
        self.add(SECRETS[1], part=Part.STEP, goal=goal)
        item = self.add("placeholder", part=Part.HELPS)
        item_change(item=item, text=SECRETS[2], shared=True)
        self.add(SECRETS[3], part=Part.SUPPORT)
        raw = []
        with connection.cursor() as cursor:
            for model in apps.get_app_config("recovery").get_models():
                table = model._meta.db_table
                cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed names
                raw += [str(value) for row in cursor.fetchall() for value in row]
        self.assertTrue(raw)
        dump = "\n".join(raw)
        for secret in SECRETS:
            self.assertNotIn(secret, dump)
            self.assertNotIn(secret.split()[-1], dump)
        self.assertNotIn(data_key_unwrap(Plan.objects.get().wrapped_key).hex(), dump)

    def test_a_sealed_item_copied_to_another_plan_does_not_open(self) -> None:
        item = self.add(SECRETS[0])
        other = self.add("other", participant=self.sam)
        Item.objects.filter(pk=other.pk).update(sealed_text=item.sealed_text)
        with self.assertRaises(EnvelopeError):
            plan_items(plan=other.plan)

    def test_empty_or_long_text_changes_nothing(self) -> None:
        item = self.add("Kind to animals")
        for bad in ("", "   ", "x" * 1001):
            with self.subTest(bad=bad[:5]):
                with self.assertRaises(ValidationError):
                    self.add(bad)
                with self.assertRaises(ValidationError):
                    item_change(item=item, text=bad, shared=True)
        self.assertEqual(Item.objects.count(), 1)
        item.refresh_from_db()
        self.assertFalse(item.shared)
        self.assertEqual(texts(item.plan), ["Kind to animals"])

    def test_steps_need_their_own_goal(self) -> None:
        goal = self.add("Swim again", part=Part.GOAL)
        strength = self.add("Patient")
        others_goal = self.add("Their goal", part=Part.GOAL, participant=self.sam)
        with self.assertRaises(ValidationError):
            self.add("no goal", part=Part.STEP)
        with self.assertRaises(ValidationError):
            self.add("under a strength", part=Part.STEP, goal=strength)
        with self.assertRaises(ValidationError):
            self.add("someone else's goal", part=Part.STEP, goal=others_goal)
        with self.assertRaises(ValidationError):
            self.add("a goal under a goal", part=Part.GOAL, goal=goal)
        with self.assertRaises(ValidationError):
            self.add("made up", part="diary")
        self.assertEqual(Item.objects.count(), 3)

    def test_items_move_within_their_part_and_stop_at_the_ends(self) -> None:
        first = self.add("one")
        second = self.add("two")
        self.add("other part", part=Part.HELPS)
        third = self.add("three")
        item_move(item=third, up=True)
        self.assertEqual(
            [v.text for v in plan_items(plan=first.plan) if v.part == Part.STRENGTH],
            ["one", "three", "two"],
        )
        item_move(item=first, up=True)  # already on top: nothing moves
        item_move(item=second, up=False)  # already last
        self.assertEqual(
            [v.text for v in plan_items(plan=first.plan) if v.part == Part.STRENGTH],
            ["one", "three", "two"],
        )

    def test_removing_a_goal_removes_its_steps(self) -> None:
        goal = self.add("Study", part=Part.GOAL)
        step = self.add("Call the school", part=Part.STEP, goal=goal)
        step_mark(item=step, done=True)
        step.refresh_from_db()
        self.assertTrue(step.done)
        with self.assertRaises(ValidationError):
            step_mark(item=goal, done=True)
        item_remove(item=goal)
        self.assertEqual(Item.objects.count(), 0)

    def test_sharing_records_consent_and_withdrawal(self) -> None:
        kind = ConsentKind.RECOVERY_PLAN
        self.share_plan(True)
        self.share_plan(True)  # already on: no second event
        self.assertTrue(consent_given(self.pia, self.program, kind))
        self.share_plan(False)
        self.assertFalse(consent_given(self.pia, self.program, kind))
        self.assertEqual(
            list(ConsentEvent.objects.order_by("id").values_list("granted", flat=True)),
            [True, False],
        )


class KeyRotationTestCase(RecoveryTestCase):
    def setUp(self) -> None:
        self.old_key = settings.FIELD_ENCRYPTION_KEYS[0]
        self.new_key = Fernet.generate_key().decode()
        goal = self.add(SECRETS[0], part=Part.GOAL)
        self.add(SECRETS[1], part=Part.STEP, goal=goal)
        self.add(SECRETS[2], participant=self.sam)
        self.add(SECRETS[3], participant=self.ada)

    def rotate(self, *args: str) -> str:
        out = StringIO()
        call_command("rotate_encryption_keys", "--batch-size", "2", *args, stdout=out)
        return out.getvalue()

    def readable(self) -> dict[int, list[str]]:
        result = {}
        for plan in Plan.objects.order_by("pk"):
            items = plan_items(plan=plan)
            result[plan.pk] = [v.text for i in items for v in (i, *i.steps)]
        return result

    def test_rotation_rewraps_every_data_key_so_the_old_key_can_go(self) -> None:
        before = self.readable()
        sealed = list(Item.objects.order_by("pk").values_list("sealed_text", flat=True))
        with override_settings(FIELD_ENCRYPTION_KEYS=[self.new_key, self.old_key]):
            output = self.rotate()
            self.assertIn("rewrapped 3", output)
            self.assertIn("Data keys in recovery", output)
            for plan in Plan.objects.all():
                self.assertTrue(data_key_is_current(plan.wrapped_key))
            self.assertIn("current 3", self.rotate())  # a second run has nothing to do
        # Content was not touched: only the small keys were wrapped again.
        self.assertEqual(
            list(Item.objects.order_by("pk").values_list("sealed_text", flat=True)),
            sealed,
        )
        with override_settings(FIELD_ENCRYPTION_KEYS=[self.new_key]):
            self.assertEqual(self.readable(), before)

    def test_replacing_data_keys_reseals_every_item(self) -> None:
        before = self.readable()
        old_keys = {
            p.pk: data_key_unwrap(p.wrapped_key) for p in Plan.objects.order_by("pk")
        }
        sealed = set(Item.objects.values_list("sealed_text", flat=True))
        with override_settings(FIELD_ENCRYPTION_KEYS=[self.new_key, self.old_key]):
            output = self.rotate("--replace-data-keys")
            self.assertIn("replaced 3", output)
            self.assertIn("items 4", output)
        with override_settings(FIELD_ENCRYPTION_KEYS=[self.new_key]):
            self.assertEqual(self.readable(), before)
            for plan in Plan.objects.all():
                self.assertNotEqual(
                    data_key_unwrap(plan.wrapped_key), old_keys[plan.pk]
                )
        self.assertFalse(
            sealed & set(Item.objects.values_list("sealed_text", flat=True))
        )

    def test_a_batch_size_below_one_is_refused(self) -> None:
        with self.assertRaises(ValueError):
            plan_keys_rotate(batch_size=0)
