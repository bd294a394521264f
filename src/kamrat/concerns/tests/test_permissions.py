from kamrat.concerns.permissions import (
    can_manage_concerns,
    can_raise_concern,
    can_view_concern,
)

from .base import ConcernTestCase


class PermissionsTestCase(ConcernTestCase):
    def test_each_persona_sees_only_what_is_theirs(self) -> None:
        concern = self.raise_about_pia()
        expected = {
            # person: (manage the rota, raise, view this concern)
            "ada": (True, False, True),
            "bo": (True, False, True),
            "sam": (False, True, True),
            "sid": (False, True, False),
            "pia": (False, False, False),
            "wanda": (False, False, False),
            "olle": (False, False, False),
            "otto": (False, False, False),
        }
        for name, (manages, raises, views) in expected.items():
            person = getattr(self, name)
            with self.subTest(person=name):
                self.assertEqual(can_manage_concerns(person, self.program), manages)
                self.assertEqual(can_raise_concern(person, self.program), raises)
                self.assertEqual(can_view_concern(person, concern), views)
