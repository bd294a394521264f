from django.urls import reverse

from kamrat.core.testing import KamratTestCase, make_area, make_program, make_workplace
from kamrat.programs.models import Country


class ProgramDetailTestCase(KamratTestCase):
    def test_it_explains_peer_support_and_how_to_ask(self) -> None:
        make_area(program=self.program, name="Harbour Town")
        response = self.client.get(
            reverse("programs:detail", args=["harbour"]), HTTP_ACCEPT_LANGUAGE="en"
        )
        self.assertContains(response, "<h1>Harbour Peer Support</h1>", html=True)
        self.assertContains(response, "What peer support is not")
        self.assertContains(response, "Nothing is written in a journal")
        self.assertContains(response, "How to ask for a peer supporter")
        self.assertContains(response, "Harbour Town")
        self.assertContains(response, self.program.contact_email)

    def test_it_speaks_swedish_and_danish(self) -> None:
        url = reverse("programs:detail", args=["harbour"])
        sv = self.client.get(url, HTTP_ACCEPT_LANGUAGE="sv")
        self.assertContains(sv, '<html lang="sv">')
        self.assertContains(sv, "journal")
        da = self.client.get(url, HTTP_ACCEPT_LANGUAGE="da")
        self.assertContains(da, '<html lang="da">')

    def test_programme_country_comes_first_in_crisis_numbers(self) -> None:
        danish = make_program(slug="dansk", country=Country.DENMARK)
        body = self.client.get(
            reverse("programs:detail", args=[danish.slug]), HTTP_ACCEPT_LANGUAGE="sv"
        ).content.decode()
        self.assertLess(body.index("70 201 201"), body.index("90101"))
        body = self.client.get(
            reverse("programs:detail", args=["harbour"]), HTTP_ACCEPT_LANGUAGE="da"
        ).content.decode()
        self.assertLess(body.index("90101"), body.index("70 201 201"))

    def test_hidden_programme_is_404(self) -> None:
        make_program(slug="hidden", is_public=False)
        response = self.client.get(reverse("programs:detail", args=["hidden"]))
        self.assertEqual(response.status_code, 404)

    def test_unknown_programme_is_404(self) -> None:
        response = self.client.get("/p/does-not-exist/")
        self.assertEqual(response.status_code, 404)

    def test_workplaces_list_reads_in_constant_queries(self) -> None:
        url = reverse("programs:detail", args=["harbour"])
        self.client.get(url)  # warm the crisis-number cache
        with self.assertNumQueries(3):
            self.client.get(url)
        for _ in range(10):
            make_workplace(program=self.program, area=make_area(program=self.program))
        with self.assertNumQueries(3):
            self.client.get(url)
