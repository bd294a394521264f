"""Every page a staff member can open that shows a participant logs the read.

Walks every GET URL as each staff role of programme A, in the world of the
authorization matrix. A page that shows a participant's name or own words must
write an AccessEntry for that participant in the same request, and every entry
written must show in that participant's "who has looked" page.
"""

from django.urls import reverse

from kamrat.accounts.models import Membership, Role
from kamrat.privacy.models import AccessEntry

from . import authz_apps  # noqa: F401 - registers the newer apps
from .authz_world import all_routes, targets_for, write_report
from .test_authorization_matrix import WorldTestCase, shown
from .walker import Walker

STAFF = ("A.coord", "A.admin", "A.wplace", "A.supone", "A.suptwo")


class AccessLogWalkTestCase(WorldTestCase):
    def test_every_staff_read_of_a_participant_is_logged_and_shown(self) -> None:
        staff = [(label, self.world.people[label]) for label in STAFF]
        participants = {
            m.user.pk: m.user
            for m in Membership.objects.filter(
                role=Role.PARTICIPANT, program__in=self.world.programs.values()
            ).select_related("user")
        }
        walker = Walker(
            self.login_client, [u for _l, u in staff] + list(participants.values())
        )
        counts = {"requests": 0, "reads_shown": 0, "entries": 0, "unlogged": 0}
        unlogged: list[str] = []
        unseen: list[str] = []

        def written() -> list[tuple[int, int]]:
            """Entries of this request, checked against each participant's page."""
            entries = list(
                AccessEntry.objects.filter(pk__gt=last_id).values_list(
                    "pk", "participant_id"
                )
            )
            for participant_id in {p for _pk, p in entries}:
                if participant_id not in participants:
                    continue
                client = walker.client_for(participants[participant_id])
                page = client.get(reverse("privacy:access_log"))
                mine = AccessEntry.objects.filter(participant_id=participant_id)
                if len(page.context["rows"]) != mine.count():
                    unseen.append(f"{current[0]}: participant {participant_id}")
            return entries

        current = [""]
        last_id = AccessEntry.objects.order_by("-pk").values_list("pk", flat=True)
        last_id = last_id.first() or 0
        for route in all_routes()[0]:
            if "GET" not in route.methods or route.name == "calendar_feed":
                continue
            for target in targets_for(route):
                url = reverse(route.name, kwargs=target.kwargs)
                for label, user in staff:
                    where = current[0] = f"GET {url} as {label}"
                    outcome = walker.request(user, "get", url, watch=written)
                    counts["requests"] += 1
                    counts["entries"] += len(outcome.written)
                    logged = {p for _pk, p in outcome.written}
                    for marker in self.world.markers:
                        owner = marker.owner
                        if owner is None or owner.pk not in participants:
                            continue
                        if not shown(outcome.body, [marker]):
                            continue
                        counts["reads_shown"] += 1
                        if owner.pk not in logged:
                            unlogged.append(f"{where}: shows {marker.text}, no entry")
        counts["unlogged"] = len(unlogged)
        counts["not_in_participant_page"] = len(unseen)
        counts["unlogged_list"] = sorted(set(unlogged))
        write_report("access-log-walk", counts)
        self.assertGreater(counts["reads_shown"], 0)
        self.assertEqual(unlogged, [], "\n".join(sorted(set(unlogged))[:40]))
        self.assertEqual(unseen, [], "\n".join(unseen[:40]))
