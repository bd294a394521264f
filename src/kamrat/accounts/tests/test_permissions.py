from kamrat.accounts import permissions
from kamrat.accounts.models import Role
from kamrat.core.testing import KamratTestCase, make_membership, make_program, make_user


class PermissionsTestCase(KamratTestCase):
    def setUp(self) -> None:
        self.admin = make_user(name="Adam Admin")
        make_membership(user=self.admin, program=self.program, role=Role.PROGRAM_ADMIN)
        self.other = make_program(slug="elsewhere")

    def _walk(self, predicate) -> dict[str, tuple[bool, bool]]:
        people = {
            "ada": self.ada,
            "admin": self.admin,
            "sam": self.sam,
            "pia": self.pia,
            "wanda": self.wanda,
            "olle": self.olle,
        }
        return {
            name: (predicate(user, self.program), predicate(user, self.other))
            for name, user in people.items()
        }

    def test_team_is_visible_to_coordinators_admins_and_peer_supporters(self) -> None:
        seen = self._walk(permissions.can_view_team)
        self.assertEqual(
            seen,
            {
                "ada": (True, False),
                "admin": (True, False),
                "sam": (True, False),
                "pia": (False, False),
                "wanda": (False, False),
                "olle": (False, False),
            },
        )

    def test_team_contacts_are_for_those_who_run_the_programme(self) -> None:
        seen = self._walk(permissions.can_view_team_contacts)
        self.assertEqual(
            {name for name, (own, _) in seen.items() if own}, {"ada", "admin"}
        )
        self.assertFalse(any(foreign for _, foreign in seen.values()))

    def test_member_counts_are_for_those_who_run_the_programme(self) -> None:
        seen = self._walk(permissions.can_view_member_counts)
        self.assertEqual(
            {name for name, (own, _) in seen.items() if own}, {"ada", "admin"}
        )
        self.assertFalse(any(foreign for _, foreign in seen.values()))

    def test_workplaces_are_visible_to_every_member(self) -> None:
        seen = self._walk(permissions.can_view_workplaces)
        self.assertEqual(
            {name for name, (own, _) in seen.items() if own},
            {"ada", "admin", "sam", "pia", "wanda"},
        )
        self.assertFalse(any(foreign for _, foreign in seen.values()))

    def test_inactive_membership_grants_nothing(self) -> None:
        self.sam.memberships.update(is_active=False)
        self.assertFalse(permissions.can_view_team(self.sam, self.program))
        self.assertFalse(permissions.can_view_workplaces(self.sam, self.program))

    def test_rules_permissions_answer_the_same(self) -> None:
        self.assertTrue(self.ada.has_perm("programs.view_team_contacts", self.program))
        self.assertFalse(self.sam.has_perm("programs.view_team_contacts", self.program))
