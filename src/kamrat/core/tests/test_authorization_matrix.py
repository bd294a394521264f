"""Every URL, as everyone, with everybody's objects: nothing leaks, nothing breaks.

URLs come from the root URLconf, walked recursively, so a new view is in the
matrix the day it is added. Skipped, with the reason (see authz_world):

- ``admin/``: Django's admin, for ``is_staff`` superusers only, guarded by
  Django's own ``admin_view``; no programme role has ``is_staff``.
- allauth pages that take a parameter (password reset and email confirmation
  keys): allauth's own signed capabilities, not Kamrat's objects. allauth's
  pages without parameters (sign in, sign up, password change...) are walked.

Who may use a URL with an object is decided by the apps' permission predicates
(authz_world.GATES and PARAMS). A response is a leak when someone who may not
use it gets a 200 or changes the database, or when any response shows the name,
email or words of a person the reader may not see. Any 500 fails.
"""

from django.urls import reverse

from kamrat.core.testing import KamratTestCase

from . import authz_apps  # noqa: F401 - registers the newer apps
from .authz_world import all_routes, build_world, targets_for, write_report
from .walker import Walker

METHODS = ("get", "post")


class WorldTestCase(KamratTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.world = build_world()

    def login_client(self, client, user) -> None:
        # KamratTestCase.login knows how each person signs in (2FA for staff).
        saved = self.client
        self.client = client
        try:
            self.login(user)
        finally:
            self.client = saved

    def hidden_for(self, user) -> list:
        key = user.pk if user else None
        if key not in self._hidden:
            self._hidden[key] = self.world.hidden_markers(user)
        return self._hidden[key]

    def setUp(self) -> None:
        self._hidden: dict = {}


def shown(body: str, markers: list) -> list[str]:
    lowered = body.lower()
    return [m.text for m in markers if m.text.lower() in lowered]


class AuthorizationMatrixTestCase(WorldTestCase):
    """One test per part of the site, so the parts can run side by side."""

    def walk(self, part: str) -> None:
        routes, skipped = all_routes()
        routes = [r for r in routes if _part(r.name) == part]
        walker = Walker(self.login_client, [u for _l, u in self.world.viewers()])
        counts = {"routes": len(routes), "requests": 0, "pages_with_people": 0}
        leaks: list[str] = []
        errors: list[str] = []
        allowed_ok = 0
        for route in routes:
            for target in targets_for(route):
                url = reverse(route.name, kwargs=target.kwargs)
                for label, user in self.world.viewers():
                    allowed = target.allowed(user)
                    hidden = self.hidden_for(target.as_viewer(user))
                    # GET always; POST where the view takes it.
                    methods = [
                        m for m in METHODS if m == "get" or m.upper() in route.methods
                    ]
                    for method in methods:
                        outcome = walker.request(user, method, url)
                        counts["requests"] += 1
                        where = f"{method.upper()} {url} as {label}"
                        if outcome.status >= 500:
                            errors.append(f"{where}: {outcome.status} {outcome.error}")
                            continue
                        if not allowed and outcome.status == 200:
                            leaks.append(f"{where}: 200 for someone who may not")
                        if not allowed and outcome.changed:
                            leaks.append(f"{where}: changed data ({outcome.status})")
                        if seen := shown(outcome.body, hidden):
                            leaks.append(f"{where}: shows {', '.join(seen)}")
                        if allowed and outcome.status == 200:
                            allowed_ok += 1
                        if shown(outcome.body, self.world.markers):
                            counts["pages_with_people"] += 1
        counts.update(leaks=len(leaks), errors_500=len(errors), allowed_ok=allowed_ok)
        counts["skipped"] = sorted({why for _route, why in skipped})
        counts["leak_list"] = leaks
        counts["error_list"] = errors
        write_report(f"authz-matrix.{part}", counts)
        # A walk that only ever sees 404s, or never a person, proves nothing.
        self.assertGreater(allowed_ok, 0)
        if part != "other":
            self.assertGreater(counts["pages_with_people"], 0)
        self.assertEqual(errors, [], "\n".join(errors[:40]))
        self.assertEqual(leaks, [], "\n".join(leaks[:40]))

    def test_support_urls(self) -> None:
        self.walk("support")

    def test_recovery_urls(self) -> None:
        self.walk("recovery")

    def test_concerns_urls(self) -> None:
        self.walk("concerns")

    def test_privacy_urls(self) -> None:
        self.walk("privacy")

    def test_all_other_urls(self) -> None:
        self.walk("other")

    def test_every_url_is_in_one_part_and_every_parameter_can_be_filled(
        self,
    ) -> None:
        routes, _skipped = all_routes()
        for route in routes:
            with self.subTest(route=route.name):
                self.assertIn(_part(route.name), PARTS)
                self.assertTrue(targets_for(route))


PARTS = ("support", "recovery", "concerns", "privacy", "other")


def _part(name: str) -> str:
    namespace = name.split(":")[0] if ":" in name else ""
    return namespace if namespace in PARTS else "other"


class WorldRulesTestCase(WorldTestCase):
    """The matrix is only as good as its rules; these pin them to the predicates."""

    def visible(self, label: str) -> set[str]:
        viewer = self.world.people.get(label)
        hidden = {m.text for m in self.world.hidden_markers(viewer)}
        return {m.text for m in self.world.markers} - hidden

    def test_each_role_may_see_exactly_whom_the_predicates_allow(self) -> None:
        coordinator = self.visible("A.coord")
        self.assertIn("QApartoneZ", coordinator)  # a request in their queue
        self.assertIn("QAmsgoneZ", coordinator)  # they handle p1's request
        self.assertNotIn("QAmsgtwoZ", coordinator)  # nobody took p2's request
        self.assertNotIn("QBpartoneZ", coordinator)  # another programme
        supporter = self.visible("A.supone")
        self.assertIn("QApartoneZ", supporter)  # their own participant
        self.assertNotIn("QAparttwoZ", supporter)  # a colleague's participant
        self.assertNotIn("QAmsgoneZ", supporter)  # the message is the coordinator's
        participant = self.visible("A.partone")
        self.assertIn("QAsuponeZ", participant)  # their peer supporter's name
        self.assertNotIn("QAparttwoZ", participant)
        self.assertNotIn("qasuponez@", participant)  # but not their email
        self.assertIn("qacoordz@", participant)  # coordinators can be reached
        self.assertEqual(self.visible("outsider"), set())
        self.assertEqual(self.visible("anonymous"), set())

    def test_a_shown_hidden_marker_is_found_whatever_its_case(self) -> None:
        hidden = self.world.hidden_markers(self.world.people["A.supone"])
        self.assertIn("QAparttwoZ", shown("<td>qaparttwoz</td>", hidden))
        self.assertEqual(shown("<td>QApartoneZ</td>", hidden), [])

    def test_a_foreign_object_is_never_allowed(self) -> None:
        routes = {r.name: r for r in all_routes()[0]}
        coordinator = self.world.people["A.coord"]
        for target in targets_for(routes["support:pairing"]):
            program = target.obj.program.slug if target.obj else None
            self.assertEqual(
                target.allowed(coordinator), program == "authz-a", target.kwargs
            )
