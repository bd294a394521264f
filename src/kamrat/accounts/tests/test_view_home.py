from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kamrat.accounts.models import Role
from kamrat.accounts.selectors import overview_forget
from kamrat.core.testing import (
    KamratTestCase,
    make_membership,
    make_program,
    make_user,
    make_workplace,
)

URL = reverse("accounts:home")


class HomeTestCase(KamratTestCase):
    def setUp(self) -> None:
        self.other = make_program(slug="elsewhere", name="Elsewhere Peers")
        self.stranger_supporter = make_user(name="Stina Stranger")
        make_membership(
            user=self.stranger_supporter, program=self.other, role=Role.PEER_SUPPORTER
        )
        make_workplace(program=self.other, name="Foreign Clinic")

    def test_anonymous_is_sent_to_sign_in(self) -> None:
        response = self.client.get(URL)
        self.assertRedirects(response, f"{reverse('account_login')}?next={URL}")

    def test_coordinator_sees_team_contacts_counts_and_workplaces(self) -> None:
        self.login(self.ada)
        response = self.client.get(URL)
        self.assertContains(response, "Harbour Peer Support")
        self.assertContains(response, '<section class="panel"')
        self.assertContains(response, self.sam.email)
        self.assertContains(response, "Ward 7")
        self.assertEqual(response.context["sections"][0]["counts"]["participant"], 1)
        self.assertNotContains(response, "Pia Participant")

    def test_peer_supporter_sees_team_names_without_emails(self) -> None:
        self.login(self.sam)
        response = self.client.get(URL)
        self.assertContains(response, "Ada Coordinator")
        self.assertNotContains(response, "Pia Participant")
        self.assertNotIn("counts", response.context["sections"][0])

    def test_participant_sees_programme_and_coordinator_only(self) -> None:
        self.login(self.pia)
        response = self.client.get(URL)
        self.assertContains(response, "Harbour Peer Support")
        self.assertContains(response, self.ada.email)
        self.assertNotContains(response, "Sam Supporter")
        self.assertNotIn("team", response.context["sections"][0])

    def test_nothing_from_another_programme_shows(self) -> None:
        for user in (self.ada, self.sam, self.pia, self.wanda):
            self.login(user)
            response = self.client.get(URL)
            self.assertNotContains(response, "Elsewhere Peers")
            self.assertNotContains(response, "Stina Stranger")
            self.assertNotContains(response, "Foreign Clinic")

    def test_stranger_is_told_they_belong_nowhere_yet(self) -> None:
        self.login(self.olle)
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["sections"], [])

    def test_queries_do_not_grow_with_the_team(self) -> None:
        self.login(self.ada)
        self.client.get(URL)  # the crisis numbers are cached from here on
        overview_forget()
        with CaptureQueriesContext(connection) as small:
            self.client.get(URL)
        for n in range(15):
            user = make_user(name=f"Extra Supporter{n}", email=f"extra{n}@people.test")
            make_membership(user=user, program=self.program, role=Role.PEER_SUPPORTER)
            make_workplace(program=self.program)
        overview_forget()
        with CaptureQueriesContext(connection) as large:
            response = self.client.get(URL)
        self.assertContains(response, "Extra Supporter14")
        self.assertEqual(len(large), len(small))


class HomeCacheTestCase(KamratTestCase):
    def test_a_change_to_the_team_shows_at_once(self) -> None:
        self.login(self.sam)
        self.assertNotContains(self.client.get(URL), "Nils Newcomer")
        self.assertContains(self.client.get(URL), '<section class="panel"')  # cached
        newcomer = make_user(name="Nils Newcomer")
        make_membership(user=newcomer, program=self.program, role=Role.PEER_SUPPORTER)
        self.assertContains(self.client.get(URL), "Nils Newcomer")
        newcomer.name = "Nils Renamed"
        newcomer.save()
        self.assertContains(self.client.get(URL), "Nils Renamed")

    def test_the_cached_overview_saves_the_queries(self) -> None:
        self.login(self.ada)
        self.client.get(URL)
        with CaptureQueriesContext(connection) as warm:
            self.client.get(URL)
        overview_forget()
        with CaptureQueriesContext(connection) as cold:
            self.client.get(URL)
        self.assertLess(len(warm), len(cold))
