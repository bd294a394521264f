import time_machine
from django.urls import reverse

from kamrat.concerns.models import Concern
from kamrat.privacy.models import AccessEntry

from .base import ConcernTestCase, minutes_later


class DetailViewTestCase(ConcernTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.concern = self.raise_about_pia()
        self.url = reverse("concerns:detail", args=[self.concern.pk])

    def test_the_coordinator_sees_who_and_how_and_the_read_is_logged(self) -> None:
        self.login(self.cleo)
        response = self.client.get(self.url)
        self.assertContains(response, "Pia Participant")
        self.assertContains(response, "070-123 45 67")
        self.assertContains(response, "I’ll take it")
        entry = AccessEntry.objects.get(reader=self.cleo)
        self.assertEqual(entry.participant, self.pia)
        self.assertEqual(entry.program, self.program)
        self.assertEqual(entry.what, AccessEntry.What.CONCERN)
        self.assertEqual(entry.purpose, AccessEntry.Purpose.SUPPORT)

    def test_a_concern_about_someone_not_in_kamrat_logs_no_one(self) -> None:
        other = self.raise_about_pia(pairing=None, first_name="Alex")
        self.login(self.ada)
        response = self.client.get(reverse("concerns:detail", args=[other.pk]))
        self.assertContains(response, "Alex (not in Kamrat)")
        self.assertFalse(AccessEntry.objects.exists())

    def test_strangers_and_other_programmes_get_404(self) -> None:
        for person in (self.otto, self.sid, self.pia, self.wanda, self.olle):
            with self.subTest(person=person.name):
                self.login(person)
                self.assertEqual(self.client.get(self.url).status_code, 404)
                ack = reverse("concerns:acknowledge", args=[self.concern.pk])
                self.assertEqual(self.client.post(ack).status_code, 404)
        self.assertFalse(AccessEntry.objects.exists())
        self.concern.refresh_from_db()
        self.assertEqual(self.concern.status, Concern.Status.OPEN)

    def test_one_button_acknowledges_and_the_supporter_sees_it(self) -> None:
        self.login(self.ada)
        with time_machine.travel(minutes_later(4), tick=False):
            response = self.client.post(
                reverse("concerns:acknowledge", args=[self.concern.pk])
            )
        self.assertRedirects(response, self.url)
        self.concern.refresh_from_db()
        self.assertEqual(self.concern.acknowledged_by, self.ada)
        self.assertEqual(self.concern.acknowledged_at, minutes_later(4))
        self.login(self.sam)
        response = self.client.get(self.url)
        self.assertContains(response, "Acknowledged by Ada Coordinator")
        self.assertNotContains(response, "I’ll take it")

    def test_acknowledging_twice_gets_a_message_not_an_error(self) -> None:
        ack = reverse("concerns:acknowledge", args=[self.concern.pk])
        self.login(self.ada)
        self.client.post(ack)
        self.login(self.cleo)
        response = self.client.post(ack, follow=True)
        self.assertContains(response, "Someone has already answered this concern.")
        self.concern.refresh_from_db()
        self.assertEqual(self.concern.acknowledged_by, self.ada)

    def test_the_supporter_cannot_acknowledge_or_close(self) -> None:
        self.login(self.sam)
        for name in ("concerns:acknowledge", "concerns:close"):
            self.client.post(reverse(name, args=[self.concern.pk]))
        self.concern.refresh_from_db()
        self.assertEqual(self.concern.status, Concern.Status.OPEN)

    def test_staff_close_a_concern(self) -> None:
        self.login(self.bo)
        self.client.post(reverse("concerns:close", args=[self.concern.pk]))
        self.concern.refresh_from_db()
        self.assertEqual(self.concern.status, Concern.Status.CLOSED)
        self.assertEqual(self.concern.closed_by, self.bo)

    def test_acknowledge_needs_post(self) -> None:
        self.login(self.ada)
        ack = reverse("concerns:acknowledge", args=[self.concern.pk])
        self.assertEqual(self.client.get(ack).status_code, 405)
