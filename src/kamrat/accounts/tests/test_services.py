from django.core.exceptions import ValidationError

from kamrat.accounts.models import Membership, Role
from kamrat.accounts.services import membership_grant, user_create, user_set_language
from kamrat.core.testing import KamratTestCase, make_program, make_workplace


class UserServicesTestCase(KamratTestCase):
    def test_it_keeps_the_chosen_language(self) -> None:
        user_set_language(user=self.pia, language="da")
        self.pia.refresh_from_db()
        self.assertEqual(self.pia.preferred_language, "da")

    def test_unknown_language_changes_nothing(self) -> None:
        with self.assertRaises(ValidationError):
            user_set_language(user=self.pia, language="xx")
        self.pia.refresh_from_db()
        self.assertEqual(self.pia.preferred_language, "")

    def test_it_creates_users_with_lowercase_email(self) -> None:
        user = user_create(email=" New.Person@Example.ORG ", name="New Person")
        self.assertEqual(user.email, "new.person@example.org")
        self.assertFalse(user.has_usable_password())

    def test_duplicate_email_is_refused(self) -> None:
        with self.assertRaises(ValidationError):
            user_create(email=self.pia.email.upper(), name="Someone Else")


class MembershipServicesTestCase(KamratTestCase):
    def test_it_reactivates_an_ended_membership(self) -> None:
        self.sam.memberships.update(is_active=False)
        membership_grant(user=self.sam, program=self.program, role=Role.PEER_SUPPORTER)
        self.assertTrue(
            Membership.objects.get(user=self.sam, role=Role.PEER_SUPPORTER).is_active
        )

    def test_workplace_from_another_programme_is_refused(self) -> None:
        foreign = make_workplace(program=make_program())
        before = Membership.objects.count()
        with self.assertRaises(ValidationError):
            membership_grant(
                user=self.olle,
                program=self.program,
                role=Role.WORKPLACE_CONTACT,
                workplace=foreign,
            )
        self.assertEqual(Membership.objects.count(), before)

    def test_workplace_contact_needs_a_workplace(self) -> None:
        with self.assertRaises(ValidationError):
            membership_grant(
                user=self.olle, program=self.program, role=Role.WORKPLACE_CONTACT
            )
        self.assertFalse(Membership.objects.filter(user=self.olle).exists())
