from django.urls import reverse

from kamrat.core.testing import make_supporter
from kamrat.privacy.models import AccessEntry
from kamrat.recovery.models import Part
from kamrat.support.models import Pairing

from .base import RecoveryTestCase


class SharedPlanTestCase(RecoveryTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.add("Shared strength", shared=True)
        self.add("Private strength")
        goal = self.add("Shared goal", part=Part.GOAL, shared=True)
        self.add("Shared step", part=Part.STEP, goal=goal, shared=True)
        self.add("Private step", part=Part.STEP, goal=goal)
        hidden_goal = self.add("Private goal", part=Part.GOAL)
        self.add(
            "Step of a private goal", part=Part.STEP, goal=hidden_goal, shared=True
        )
        self.url = reverse("recovery:shared", args=[self.pairing.pk])

    def test_supporter_sees_only_shared_items_while_shared(self) -> None:
        self.share_plan()
        self.login(self.sam)
        response = self.client.get(self.url)
        for text in ("Shared strength", "Shared goal", "Shared step"):
            self.assertContains(response, text)
        for text in ("Private strength", "Private step", "Private goal", "Step of a"):
            self.assertNotContains(response, text)
        self.assertContains(response, "Strengths")
        self.assertNotContains(response, "My strengths")

    def test_each_view_writes_an_access_log_entry(self) -> None:
        self.share_plan()
        self.login(self.sam)
        self.client.get(self.url)
        self.client.get(self.url)
        entries = AccessEntry.objects.filter(participant=self.pia)
        self.assertEqual(entries.count(), 2)
        entry = entries.first()
        self.assertEqual(
            (entry.reader, entry.what, entry.purpose, entry.program),
            (self.sam, "recovery_plan", "support", self.program),
        )

    def test_withdrawal_takes_effect_at_once(self) -> None:
        self.share_plan()
        self.login(self.sam)
        self.assertContains(self.client.get(self.url), "Shared strength")
        self.login(self.pia)
        self.client.post(
            reverse("recovery:sharing", args=["harbour"]), {"shared": "off"}
        )
        self.login(self.sam)
        response = self.client.get(self.url)
        self.assertContains(response, "is not sharing their recovery plan")
        self.assertNotContains(response, "Shared strength")
        self.assertNotContains(response, "Shared goal")
        self.assertEqual(AccessEntry.objects.filter(participant=self.pia).count(), 1)

    def test_nothing_is_shown_before_sharing_is_turned_on(self) -> None:
        self.login(self.sam)
        response = self.client.get(self.url)
        self.assertNotContains(response, "Shared strength")
        self.assertFalse(AccessEntry.objects.exists())

    def test_coordinator_others_and_strangers_get_404(self) -> None:
        self.share_plan()
        other = make_supporter(program=self.program, name="Otto Other")
        for person in (self.ada, self.wanda, self.olle, self.pia, other):
            self.login(person)
            with self.subTest(person=person.name):
                self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertFalse(AccessEntry.objects.exists())

    def test_an_ended_contact_gets_404(self) -> None:
        self.share_plan()
        Pairing.objects.filter(pk=self.pairing.pk).update(status=Pairing.Status.ENDED)
        self.login(self.sam)
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_the_contact_page_links_to_the_plan_only_while_shared(self) -> None:
        self.login(self.sam)
        contact = reverse("support:pairing", args=[self.pairing.pk])
        self.assertNotContains(self.client.get(contact), self.url)
        self.share_plan()
        self.assertContains(self.client.get(contact), self.url)
        self.login(self.ada)
        self.assertNotContains(self.client.get(contact), self.url)
