from django.http import Http404

from kamrat.core.testing import make_pairing, make_supporter
from kamrat.recovery.permissions import (
    can_keep_plan,
    can_read_shared_plan,
    get_item_for_owner,
    get_pairing_for_plan_reader,
)
from kamrat.support.models import Pairing

from .base import RecoveryTestCase


class PermissionsTestCase(RecoveryTestCase):
    def test_only_participants_keep_a_plan(self) -> None:
        allowed = {
            person.name: can_keep_plan(person, self.program)
            for person in (self.ada, self.sam, self.pia, self.wanda, self.olle)
        }
        self.assertEqual(
            allowed,
            {
                "Ada Coordinator": False,
                "Sam Supporter": False,
                "Pia Participant": True,
                "Wanda Workplace": False,
                "Olle Outsider": False,
            },
        )

    def test_only_pias_own_supporter_reads_and_only_while_shared(self) -> None:
        people = (self.ada, self.sam, self.pia, self.wanda, self.olle)
        self.assertFalse(any(can_read_shared_plan(p, self.pairing) for p in people))
        self.share_plan()
        readers = [p.name for p in people if can_read_shared_plan(p, self.pairing)]
        self.assertEqual(readers, ["Sam Supporter"])
        self.share_plan(False)
        self.assertFalse(can_read_shared_plan(self.sam, self.pairing))

    def test_the_contact_must_be_active_or_paused(self) -> None:
        self.share_plan()
        for status, readable in (
            (Pairing.Status.ACTIVE, True),
            (Pairing.Status.PAUSED, True),
            (Pairing.Status.PROPOSED, False),
            (Pairing.Status.ENDED, False),
        ):
            self.pairing.status = status
            with self.subTest(status=status):
                self.assertEqual(can_read_shared_plan(self.sam, self.pairing), readable)

    def test_another_supporter_gets_404_for_the_pairing(self) -> None:
        other = make_supporter(program=self.program, name="Otto Other")
        with self.assertRaises(Http404):
            get_pairing_for_plan_reader(other, self.pairing.pk)
        with self.assertRaises(Http404):
            get_pairing_for_plan_reader(self.ada, self.pairing.pk)
        self.assertEqual(
            get_pairing_for_plan_reader(self.sam, self.pairing.pk).pk, self.pairing.pk
        )

    def test_a_supporter_with_an_ended_contact_gets_404(self) -> None:
        Pairing.objects.filter(pk=self.pairing.pk).update(status=Pairing.Status.ENDED)
        with self.assertRaises(Http404):
            get_pairing_for_plan_reader(self.sam, self.pairing.pk)
        newer = make_pairing(
            participant=self.olle, supporter=self.sam, program=self.program
        )
        self.assertEqual(get_pairing_for_plan_reader(self.sam, newer.pk), newer)

    def test_items_are_found_only_for_their_owner(self) -> None:
        item = self.add("mine")
        self.assertEqual(get_item_for_owner(self.pia, item.pk), item)
        for person in (self.ada, self.sam, self.olle):
            with self.subTest(person=person.name), self.assertRaises(Http404):
                get_item_for_owner(person, item.pk)
