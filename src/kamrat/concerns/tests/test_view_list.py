from django.urls import reverse

from kamrat.concerns.services.concerns import concern_acknowledge, concern_close
from kamrat.privacy.models import AccessEntry

from .base import ConcernTestCase


class ListViewTestCase(ConcernTestCase):
    def test_open_concerns_come_first(self) -> None:
        closed = self.raise_about_pia(pairing=None, first_name="Cato")
        concern_close(concern=closed, by=self.ada)
        answered = self.raise_about_pia(pairing=None, first_name="Anton")
        concern_acknowledge(concern=answered, by=self.ada)
        self.raise_about_pia()
        self.login(self.cleo)
        response = self.client.get(reverse("concerns:list", args=[self.program.slug]))
        html = response.content.decode()
        self.assertLess(html.index("Pia Participant"), html.index("Anton"))
        self.assertLess(html.index("Anton"), html.index("Cato"))
        self.assertContains(response, "Acknowledged by Ada Coordinator")
        self.assertEqual(AccessEntry.objects.filter(reader=self.cleo).count(), 1)

    def test_only_who_runs_the_programme_sees_the_list(self) -> None:
        url = reverse("concerns:list", args=[self.program.slug])
        for person in (self.sam, self.pia, self.wanda, self.olle, self.otto):
            with self.subTest(person=person.name):
                self.login(person)
                self.assertEqual(self.client.get(url).status_code, 404)
