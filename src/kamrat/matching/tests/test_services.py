from datetime import time

from django.test import TestCase
from django.utils import translation

from kamrat.accounts.models import Role
from kamrat.core.testing import (
    make_area,
    make_membership,
    make_program,
    make_supporter,
    make_user,
    make_weekly_time,
)
from kamrat.matching.services import (
    engine_request,
    engine_supporters,
    matching_run,
    suggestions_for_request,
)
from kamrat.support.models import Pairing, SupportRequest
from kamrat.support.services.requests import support_request_create


class MatchingServicesTestCase(TestCase):
    def setUp(self) -> None:
        self.program = make_program(slug="fjord")
        self.area = make_area(program=self.program, name="Fjordby")
        self.coordinator = make_user(name="Cora Coordinator")
        make_membership(
            user=self.coordinator, program=self.program, role=Role.COORDINATOR
        )

    def supporter(self, name: str, **profile):
        user = make_supporter(program=self.program, name=name, **profile)
        make_weekly_time(
            program=self.program,
            supporter=user,
            weekday=0,
            starts=time(9),
            ends=time(12),
        )
        return user

    def ask(self, name: str, **fields) -> SupportRequest:
        defaults = {
            "topics": ["talk"],
            "modes": ["video"],
            "languages": ["sv"],
            "times": [0],  # Monday morning
            "chooser": SupportRequest.Chooser.COORDINATOR,
        }
        defaults.update(fields)
        return support_request_create(
            program=self.program,
            participant=make_user(
                name=name, email=f"{name.replace(' ', '.').lower()}@people.test"
            ),
            **defaults,
        )

    def test_database_rows_become_engine_values(self) -> None:
        user = self.supporter("Sam One", capacity=3, gender="woman", areas=[self.area])
        request = self.ask("Pia", preferred_gender="woman", area=self.area)
        (supporter,) = engine_supporters(self.program)
        self.assertEqual(supporter.id, user.pk)
        self.assertEqual(supporter.availability, frozenset({0}))
        self.assertEqual(supporter.area_ids, frozenset({self.area.pk}))
        self.assertIn("gender:woman", supporter.attributes)
        converted = engine_request(request)
        self.assertEqual(converted.availability, frozenset({0}))
        self.assertEqual(converted.preferences[0].trait, "gender:woman")

    def test_suggestions_explain_themselves(self) -> None:
        self.supporter("Sam One", languages=["sv", "en"])
        request = self.ask("Pia")
        with translation.override("en"):
            (suggestion,) = suggestions_for_request(request)
        self.assertEqual(
            suggestion.reasons,
            ("speaks swedish", "meets by video", "free monday morning"),
        )

    def test_inactive_or_excluded_supporters_are_never_suggested(self) -> None:
        gone = self.supporter("Gone Supporter")
        gone.memberships.update(is_active=False)
        paused = self.supporter("Paused Supporter", accepting_new=False)
        excluded = self.supporter("Excluded Supporter")
        request = self.ask("Pia")
        request.excluded.add(excluded)
        names = [s.supporter.name for s in suggestions_for_request(request)]
        self.assertNotIn(gone.name, names)
        self.assertNotIn(paused.name, names)
        self.assertNotIn(excluded.name, names)

    def test_batch_matching_respects_caps_and_spreads_work(self) -> None:
        first = self.supporter("Sam One", capacity=2)
        second = self.supporter("Tim Two", capacity=2)
        for n in range(5):
            self.ask(f"Person {n}")
        counts = matching_run(program=self.program, by=self.coordinator)
        self.assertEqual(counts, {"proposed": 4, "left": 1})
        loads = {
            s: Pairing.objects.filter(supporter=s).count() for s in (first, second)
        }
        self.assertEqual(loads, {first: 2, second: 2})

    def test_batch_leaves_participant_choosers_alone(self) -> None:
        self.supporter("Sam One")
        request = self.ask("Pia", chooser=SupportRequest.Chooser.PARTICIPANT)
        matching_run(program=self.program, by=self.coordinator)
        request.refresh_from_db()
        self.assertEqual(request.status, "open")
