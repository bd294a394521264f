"""The consent pages: the participant's own, the staff's texts, and the lists."""

from django.urls import reverse

from kamrat.accounts.models import Role
from kamrat.accounts.services import totp_enroll
from kamrat.core.testing import (
    KamratTestCase,
    make_membership,
    make_pairing,
    make_program,
    make_user,
    make_workplace,
)
from kamrat.privacy.consents import consent_set, consent_text_publish
from kamrat.privacy.models import AccessEntry, ConsentEvent, ConsentText

SECRET = "KAMRATTESTSECRETKAMRATTESTSECRET"  # noqa: S105 - tests only


class ConsentViewsTestCase(KamratTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # Coordinators use a second factor; Ada has hers.
        totp_enroll(user=cls.ada, secret=SECRET)
        for person in (cls.ada, cls.pia, cls.wanda):
            person.preferred_language = "en"
            person.save(update_fields=["preferred_language"])
        cls.url = reverse("privacy:consents", args=["harbour"])

    def post(self, **data):
        return self.client.post(self.url, data, follow=True)


class ParticipantConsentsTestCase(ConsentViewsTestCase):
    def test_the_page_shows_each_text_in_the_persons_language(self) -> None:
        self.pia.preferred_language = "sv"
        self.pia.save(update_fields=["preferred_language"])
        self.login(self.pia)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        evaluation = ConsentText.objects.get(program=self.program, kind="evaluation")
        self.assertContains(response, evaluation.text_sv[:60])
        self.assertNotContains(response, evaluation.text_en[:60])
        self.assertContains(response, 'value="agree"', count=3)
        self.assertNotContains(response, 'value="withdraw"')

    def test_agreeing_and_withdrawing_record_events_and_show_the_history(self) -> None:
        self.login(self.pia)
        self.post(kind="evaluation", action="agree")
        response = self.post(kind="evaluation", action="withdraw")
        withdrawal, grant = ConsentEvent.objects.filter(participant=self.pia)
        self.assertEqual((grant.granted, withdrawal.granted), (True, False))
        self.assertEqual(grant.text.version, 1)
        self.assertContains(response, "You withdrew on")
        self.assertContains(response, "Agreed")
        self.assertContains(response, "Withdrew")

    def test_ward_knows_is_given_to_the_unit_the_participant_chooses(self) -> None:
        self.login(self.pia)
        response = self.post(kind="ward_knows", action="agree", workplace=self.ward.pk)
        event = ConsentEvent.objects.get(participant=self.pia)
        self.assertEqual(event.workplace, self.ward)
        self.assertContains(response, "Who may know: Ward 7.")

    def test_bad_input_changes_nothing_and_says_why(self) -> None:
        elsewhere = make_workplace(program=make_program())
        self.login(self.pia)
        cases = [
            ({"kind": "phone", "action": "agree"}, "We do not know that kind"),
            ({"kind": "evaluation", "action": "delete"}, "Please use the buttons"),
            ({"kind": "ward_knows", "action": "agree"}, "Please choose which ward"),
            (
                {"kind": "ward_knows", "action": "agree", "workplace": elsewhere.pk},
                "Please choose one of the programme",
            ),
            (
                {"kind": "ward_knows", "action": "agree", "workplace": "x"},
                "Please choose one of the programme",
            ),
        ]
        for data, message in cases:
            response = self.post(**data)
            self.assertEqual(response.status_code, 200, data)
            self.assertContains(response, message, msg_prefix=str(data))
        self.assertFalse(ConsentEvent.objects.exists())

    def test_people_who_are_not_participants_there_get_404(self) -> None:
        other = make_program()
        for user, url in [
            (self.olle, self.url),
            (self.sam, self.url),
            (self.ada, self.url),
            (self.pia, reverse("privacy:consents", args=[other.slug])),
            (self.pia, reverse("privacy:consents", args=["no-such-programme"])),
        ]:
            self.login(user)
            self.assertEqual(self.client.get(url).status_code, 404, (user, url))
            response = self.client.post(url, {"kind": "evaluation", "action": "agree"})
            self.assertEqual(response.status_code, 404, (user, url))
        self.assertFalse(ConsentEvent.objects.exists())

    def test_a_changed_wording_asks_the_participant_to_look_again(self) -> None:
        consent_set(
            participant=self.pia, program=self.program, kind="evaluation", granted=True
        )
        consent_text_publish(
            program=self.program,
            kind="evaluation",
            text_sv="Ny text",
            text_da="Ny tekst",
            text_en="The new wording.",
            by=self.ada,
        )
        self.login(self.pia)
        response = self.client.get(self.url)
        self.assertContains(response, "The wording has changed since you agreed")
        self.assertContains(response, "The new wording.")
        response = self.post(kind="evaluation", action="agree")
        self.assertNotContains(response, "The wording has changed since you agreed")
        self.assertEqual(
            ConsentEvent.objects.filter(participant=self.pia).first().text.version, 2
        )

    def test_the_recovery_plan_consent_links_to_the_plan(self) -> None:
        self.login(self.pia)
        response = self.client.get(self.url)
        self.assertContains(response, 'href="/recovery/')


class HubTestCase(ConsentViewsTestCase):
    def test_the_hub_links_to_each_right_of_the_participant(self) -> None:
        self.login(self.pia)
        response = self.client.get(reverse("privacy:hub"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "There is no journal.")
        self.assertContains(response, f'href="{self.url}"')
        self.assertContains(response, f'href="{reverse("privacy:access_log")}"')
        self.assertContains(response, 'href="/recovery/')

    def test_home_links_to_the_hub_for_participants_only(self) -> None:
        self.login(self.pia)
        home = self.client.get(reverse("accounts:home"))
        self.assertContains(home, f'href="{reverse("privacy:hub")}"')
        self.login(self.wanda)
        home = self.client.get(reverse("accounts:home"))
        self.assertNotContains(home, f'href="{reverse("privacy:hub")}"')
        self.assertContains(home, reverse("privacy:has_supporter", args=["harbour"]))


class ConsentTextPagesTestCase(ConsentViewsTestCase):
    def test_only_those_who_run_the_programme_see_its_texts(self) -> None:
        admin = make_user(name="Alma Admin")
        make_membership(user=admin, program=self.program, role=Role.PROGRAM_ADMIN)
        totp_enroll(user=admin, secret=SECRET)
        url = reverse("privacy:consent_texts", args=["harbour"])
        expected = {
            self.ada: 200,
            admin: 200,
            self.sam: 404,
            self.pia: 404,
            self.wanda: 404,
            self.olle: 404,
        }
        for user, status in expected.items():
            self.login(user)
            self.assertEqual(self.client.get(url).status_code, status, user)
        other = make_program()
        self.login(self.ada)
        for name, args in [
            ("privacy:consent_texts", [other.slug]),
            ("privacy:consent_text_new", [other.slug, "evaluation"]),
            ("privacy:consent_text_new", ["harbour", "phone"]),
        ]:
            self.assertEqual(self.client.get(reverse(name, args=args)).status_code, 404)

    def test_publishing_a_new_version_keeps_the_old_one_in_the_history(self) -> None:
        self.login(self.ada)
        url = reverse("privacy:consent_text_new", args=["harbour", "evaluation"])
        current = ConsentText.objects.get(program=self.program, kind="evaluation")
        form = self.client.get(url)
        self.assertContains(form, current.text_en[:60])
        response = self.client.post(
            url,
            {"text_sv": "Ny text", "text_da": "Ny tekst", "text_en": "Fresh words"},
            follow=True,
        )
        self.assertContains(response, "Version 2 is published.")
        self.assertContains(response, "Fresh words")
        self.assertContains(response, "Earlier versions")
        versions = ConsentText.objects.filter(program=self.program, kind="evaluation")
        self.assertEqual(sorted(versions.values_list("version", flat=True)), [1, 2])
        current.refresh_from_db()
        self.assertNotEqual(current.text_en, "Fresh words")

    def test_empty_or_unchanged_wording_is_refused_with_a_message(self) -> None:
        self.login(self.ada)
        url = reverse("privacy:consent_text_new", args=["harbour", "evaluation"])
        current = ConsentText.objects.get(program=self.program, kind="evaluation")
        response = self.client.post(
            url, {"text_sv": "", "text_da": "Ny tekst", "text_en": "Fresh"}
        )
        self.assertContains(response, "Nothing has been saved yet.")
        response = self.client.post(
            url,
            {
                "text_sv": current.text_sv,
                "text_da": current.text_da,
                "text_en": current.text_en,
            },
        )
        self.assertContains(response, "same wording as version 1")
        self.assertEqual(
            ConsentText.objects.filter(program=self.program, kind="evaluation").count(),
            1,
        )


class ListPagesTestCase(ConsentViewsTestCase):
    def test_the_evaluation_list_follows_consent_at_once_and_is_logged(self) -> None:
        url = reverse("privacy:evaluation", args=["harbour"])
        consent_set(
            participant=self.pia, program=self.program, kind="evaluation", granted=True
        )
        self.login(self.ada)
        response = self.client.get(url)
        self.assertContains(response, "Pia Participant")
        self.assertContains(response, "pia@people.test")
        entry = AccessEntry.objects.get()
        self.assertEqual(
            (entry.participant, entry.reader, entry.what, entry.purpose),
            (self.pia, self.ada, "evaluation", "coordination"),
        )
        consent_set(
            participant=self.pia, program=self.program, kind="evaluation", granted=False
        )
        response = self.client.get(url)
        self.assertNotContains(response, "Pia Participant")
        self.assertEqual(AccessEntry.objects.count(), 1)
        # Pia sees the coordinator's look in her own log.
        self.login(self.pia)
        log = self.client.get(reverse("privacy:access_log"))
        self.assertContains(log, "That you may be contacted for evaluation")

    def test_the_evaluation_list_is_for_those_who_run_the_programme(self) -> None:
        consent_set(
            participant=self.pia, program=self.program, kind="evaluation", granted=True
        )
        other = make_program()
        for user, slug in [
            (self.sam, "harbour"),
            (self.pia, "harbour"),
            (self.wanda, "harbour"),
            (self.olle, "harbour"),
            (self.ada, other.slug),
        ]:
            self.login(user)
            url = reverse("privacy:evaluation", args=[slug])
            self.assertEqual(self.client.get(url).status_code, 404, user)
        self.assertFalse(AccessEntry.objects.exists())

    def test_the_unit_sees_first_names_of_those_who_let_it_know(self) -> None:
        url = reverse("privacy:has_supporter", args=["harbour"])
        make_pairing(participant=self.pia, supporter=self.sam, program=self.program)
        consent_set(
            participant=self.pia,
            program=self.program,
            kind="ward_knows",
            granted=True,
            workplace=self.ward,
        )
        self.login(self.wanda)
        response = self.client.get(url)
        self.assertContains(response, "Pia has a peer supporter")
        self.assertNotContains(response, "Participant")  # no surname
        self.assertNotContains(response, "pia@people.test")
        self.assertNotContains(response, "Sam")  # nor who the supporter is
        entry = AccessEntry.objects.get()
        self.assertEqual(
            (entry.participant, entry.reader, entry.what, entry.reader_unit),
            (self.pia, self.wanda, "has_supporter", "Ward 7"),
        )
        consent_set(
            participant=self.pia, program=self.program, kind="ward_knows", granted=False
        )
        response = self.client.get(url)
        self.assertNotContains(response, "Pia has a peer supporter")
        self.assertEqual(AccessEntry.objects.count(), 1)
        self.login(self.pia)
        log = self.client.get(reverse("privacy:access_log"))
        self.assertContains(log, "That you have a peer supporter")
        self.assertContains(log, "Ward 7")

    def test_the_has_supporter_list_is_only_for_workplace_contacts(self) -> None:
        other = make_program()
        for user, slug in [
            (self.ada, "harbour"),
            (self.sam, "harbour"),
            (self.pia, "harbour"),
            (self.olle, "harbour"),
            (self.wanda, other.slug),
            (self.wanda, "no-such-programme"),
        ]:
            self.login(user)
            url = reverse("privacy:has_supporter", args=[slug])
            self.assertEqual(self.client.get(url).status_code, 404, (user, slug))
