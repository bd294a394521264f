from datetime import datetime, timedelta

from django.utils import timezone

from kamrat.placements import rights, services
from kamrat.placements.models import EventMeeting, Interest, Placement
from kamrat.privacy.rights import rights_modules

from .base import PlacementsTestCase


class RightsTestCase(PlacementsTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.scheduled, self.ward_offer, _clinic = self.scheduled_event()
        services.placement_record(
            program=self.program,
            supporter=self.sam,
            workplace=self.ward,
            starts_on=timezone.localdate() - timedelta(days=5),
            hours_per_week=12,
            event=self.scheduled,
            by=self.ada,
        )

    def test_the_privacy_job_finds_this_module(self) -> None:
        self.assertIn("placements", dict(rights_modules()))

    def test_export_holds_the_supporters_own_interests_meetings_placements(
        self,
    ) -> None:
        data = rights.export(self.sam)
        self.assertEqual(
            sorted(i["workplace"] for i in data["interests"]),
            ["Harbour Clinic", "Ward 7"],
        )
        self.assertTrue(all(i["workplace_wanted_to_meet"] for i in data["interests"]))
        self.assertEqual(len(data["meetings"]), 2)
        starts = sorted(
            datetime.fromisoformat(m["starts_at"]) for m in data["meetings"]
        )
        begins = self.scheduled.starts_at
        self.assertEqual(starts, [begins, begins + timedelta(minutes=15)])
        self.assertEqual(
            data["placements"],
            [
                {
                    "programme": "Harbour Peer Support",
                    "workplace": "Ward 7",
                    "starts_on": (timezone.localdate() - timedelta(days=5)).isoformat(),
                    "ends_on": None,
                    "hours_per_week": 12,
                }
            ],
        )

    def test_someone_who_never_took_part_has_nothing_here(self) -> None:
        self.assertEqual(rights.export(self.pia), {})
        self.assertEqual(rights.export(self.wanda), {})

    def test_erase_deletes_only_the_persons_own_rows(self) -> None:
        rights.erase(self.sam)
        self.assertFalse(Interest.objects.filter(supporter=self.sam).exists())
        self.assertFalse(EventMeeting.objects.filter(supporter=self.sam).exists())
        self.assertFalse(Placement.objects.filter(supporter=self.sam).exists())
        self.assertEqual(rights.export(self.sam), {})
        self.assertTrue(EventMeeting.objects.filter(supporter=self.siri).exists())
        self.assertTrue(Interest.objects.filter(supporter=self.siri).exists())
