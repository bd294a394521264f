from kamrat.supervision import permissions

from .base import SupervisionTestCase


class PermissionsTestCase(SupervisionTestCase):
    def test_each_predicate_for_every_person(self) -> None:
        session = self.plan()
        people = {
            "ada": (self.ada, True, False),
            "sam": (self.sam, False, True),
            "pia": (self.pia, False, False),
            "wanda": (self.wanda, False, False),
            "olle": (self.olle, False, False),
            "olga": (self.olga, False, False),
            "otto": (self.otto, False, False),
        }
        for name, (person, manages, own) in people.items():
            with self.subTest(name):
                self.assertEqual(
                    permissions.can_manage_supervision(person, self.program), manages
                )
                self.assertEqual(
                    permissions.can_view_supervisionsession(person, session), manages
                )
                self.assertEqual(
                    permissions.can_view_own_supervision(person, self.program), own
                )
