from django.urls import reverse

from kamrat.core.testing import KamratTestCase, make_program


class LandingTestCase(KamratTestCase):
    def test_it_lists_public_programmes_only(self) -> None:
        make_program(name="Quiet Programme", is_public=False)
        response = self.client.get(reverse("landing"), HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(response, "Harbour Peer Support")
        self.assertContains(response, reverse("programs:detail", args=["harbour"]))
        self.assertNotContains(response, "Quiet Programme")

    def test_it_has_a_skip_link_and_crisis_numbers(self) -> None:
        response = self.client.get(reverse("landing"), HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(response, 'href="#main"')
        self.assertContains(response, 'id="main"')
        for number in ("112", "1177", "90101", "70 201 201"):
            self.assertContains(response, number)

    def test_swedish_numbers_come_first_in_swedish_and_danish_in_danish(self) -> None:
        sv = self.client.get("/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
        da = self.client.get("/", HTTP_ACCEPT_LANGUAGE="da").content.decode()
        self.assertLess(sv.index("90101"), sv.index("70 201 201"))
        self.assertLess(da.index("70 201 201"), da.index("90101"))

    def test_healthz_answers_without_the_database(self) -> None:
        with self.assertNumQueries(0):
            response = self.client.get(reverse("healthz"))
        self.assertEqual(response.content, b"ok")
