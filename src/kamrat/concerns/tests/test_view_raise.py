from django.urls import reverse

from kamrat.concerns.models import Concern, ConcernAlert
from kamrat.core.testing import make_pairing, make_user
from kamrat.privacy.models import AccessEntry

from .base import ConcernTestCase


class RaiseViewTestCase(ConcernTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.url = reverse("concerns:raise", args=[self.program.slug])
        self.login(self.sam)

    def post(self, **overrides):
        data = {
            "about": str(self.pairing.pk),
            "first_name": "",
            "reach": "phone",
            "contact_detail": "070-123 45 67",
            "urgency": "now",
        }
        data.update(overrides)
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(self.url, data)

    def test_it_shows_112_the_crisis_numbers_and_who_is_on_call(self) -> None:
        response = self.client.get(self.url)
        self.assertContains(response, "112")
        self.assertContains(response, 'class="crisis"')
        self.assertContains(response, "Ada Coordinator")
        self.assertContains(response, "Pia Participant")
        self.assertNotContains(response, "<textarea")

    def test_it_raises_the_concern_and_opens_its_page(self) -> None:
        response = self.post()
        concern = Concern.objects.get()
        self.assertRedirects(response, reverse("concerns:detail", args=[concern.pk]))
        self.assertEqual(concern.pairing, self.pairing)
        self.assertEqual(concern.raised_by, self.sam)
        self.assertEqual(concern.alerts.get().recipient, self.ada)

    def test_about_someone_not_in_kamrat(self) -> None:
        self.post(
            about="other", first_name="Alex", reach="supporter", contact_detail=""
        )
        concern = Concern.objects.get()
        self.assertIsNone(concern.pairing)
        self.assertEqual(concern.first_name, "Alex")

    def test_someone_elses_pairing_gives_404_and_saves_nothing(self) -> None:
        sids = make_pairing(
            participant=make_user(name="Otis Participant"),
            supporter=self.sid,
            program=self.program,
        )
        response = self.post(about=str(sids.pk))
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.post(about="999999").status_code, 404)
        self.assertEqual(Concern.objects.count(), 0)

    def test_unknown_choices_get_a_message_and_save_nothing(self) -> None:
        cases = [
            ({"reach": "fax"}, "Choose how to reach the person from the list."),
            ({"urgency": "someday"}, "Choose how urgent it is from the list."),
            ({"about": "everyone"}, "Choose who it is about from the list."),
            # Digits that int() refuses, and more than the database holds.
            ({"about": "²"}, "Choose who it is about from the list."),
            ({"about": "9" * 30}, "Choose who it is about from the list."),
            ({"about": "other"}, "Write the person&#x27;s first name."),
            ({"contact_detail": ""}, "Write a phone number or a place."),
            (
                {"contact_detail": "x" * 121},
                "The phone number or place is too long. Please shorten it.",
            ),
        ]
        for overrides, message in cases:
            with self.subTest(**overrides):
                response = self.post(**overrides)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, message)
                self.assertContains(response, 'class="form-errors"')
        self.assertEqual(Concern.objects.count(), 0)
        self.assertEqual(ConcernAlert.objects.count(), 0)

    def test_only_peer_supporters_of_the_programme_may_raise(self) -> None:
        for person in (self.ada, self.pia, self.wanda, self.olle, self.otto):
            with self.subTest(person=person.name):
                self.login(person)
                self.assertEqual(self.client.get(self.url).status_code, 404)
                self.assertEqual(self.post().status_code, 404)
        self.assertEqual(Concern.objects.count(), 0)

    def test_the_supporter_sees_their_concerns_and_the_read_is_logged(self) -> None:
        self.post()
        response = self.client.get(self.url)
        self.assertContains(response, "Sent: waiting for an answer")
        entry = AccessEntry.objects.get(reader=self.sam)
        self.assertEqual(entry.participant, self.pia)
        self.assertEqual(entry.what, AccessEntry.What.CONCERN)
