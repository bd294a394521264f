from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from kamrat.core.testing import (
    KamratTestCase,
    make_pairing,
    make_supporter,
    make_weekly_time,
)
from kamrat.privacy.models import AccessEntry
from kamrat.privacy.services import access_log, access_log_verify
from kamrat.support.models import Meeting
from kamrat.support.services.requests import support_request_create

STOCKHOLM = ZoneInfo("Europe/Stockholm")


class AccessLogTestCase(KamratTestCase):
    def log(self, **overrides) -> list[AccessEntry]:
        fields = {
            "reader": self.ada,
            "participants": [self.pia],
            "program": self.program,
            "what": "request",
            "purpose": "matching",
        }
        fields.update(overrides)
        return access_log(**fields)

    def test_entries_chain_and_verify(self) -> None:
        self.log()
        self.log(reader=self.sam, what="contact", purpose="support")
        count, broken = access_log_verify()
        self.assertEqual((count, broken), (2, []))
        first, second = AccessEntry.objects.order_by("id")
        self.assertEqual(second.prev_hash, first.hash)
        self.assertEqual(first.reader_role, "coordinator")

    def test_a_changed_entry_breaks_the_chain(self) -> None:
        self.log()
        self.log()
        AccessEntry.objects.filter(
            pk=AccessEntry.objects.order_by("id").first().pk
        ).update(reader_name="Someone Else")
        with self.assertRaises(CommandError):
            call_command("access_log_verify")

    def test_a_removed_newest_entry_is_noticed(self) -> None:
        self.log()
        self.log()
        AccessEntry.objects.filter(
            pk=AccessEntry.objects.order_by("id").last().pk
        )._raw_delete("default")
        self.assertTrue(access_log_verify()[1])

    def test_entries_cannot_be_edited_through_the_model(self) -> None:
        (entry,) = self.log()
        with self.assertRaises(ValueError):
            entry.save()
        with self.assertRaises(ValueError):
            entry.delete()

    def test_reading_ones_own_data_is_not_logged(self) -> None:
        self.assertEqual(self.log(reader=self.pia), [])


class StaffReadsAreLoggedTestCase(KamratTestCase):
    """Each staff page that shows a participant writes an entry the participant sees."""

    def setUp(self) -> None:
        self.supporter = make_supporter(program=self.program, name="Sven Supporter")
        make_weekly_time(program=self.program, supporter=self.supporter, weekday=1)
        self.pairing = make_pairing(
            participant=self.pia, supporter=self.supporter, program=self.program
        )
        self.meeting = Meeting.objects.create(
            pairing=self.pairing,
            starts_at=datetime(2030, 1, 8, 10, tzinfo=STOCKHOLM),
            ends_at=datetime(2030, 1, 8, 11, tzinfo=STOCKHOLM),
            mode="video",
        )
        self.pairing.status = "ended"
        self.pairing.save()
        self.request = support_request_create(
            program=self.program,
            participant=self.pia,
            topics=["talk"],
            modes=["video"],
            languages=["sv"],
            times=[3],
            message="Hej",
        )
        self.pairing.status = "active"
        self.pairing.save()

    def test_each_staff_view_writes_entries_the_participant_can_read(self) -> None:
        views = [
            (self.ada, reverse("support:queue", args=["harbour"])),
            (self.ada, reverse("support:request", args=[self.request.pk])),
            (self.ada, reverse("support:pairing", args=[self.pairing.pk])),
            (self.supporter, reverse("support:home")),
            (self.supporter, reverse("support:pairing", args=[self.pairing.pk])),
            (self.supporter, reverse("support:week") + "?week=2030-01-07"),
            (self.supporter, reverse("support:meeting_book", args=[self.pairing.pk])),
        ]
        for reader, url in views:
            before = AccessEntry.objects.count()
            self.login(reader)
            self.assertEqual(self.client.get(url).status_code, 200, url)
            self.assertGreater(AccessEntry.objects.count(), before, url)
        self.login(self.pia)
        response = self.client.get(reverse("privacy:access_log"))
        rows = response.context["rows"]
        self.assertEqual(
            len(rows), AccessEntry.objects.filter(participant=self.pia).count()
        )
        self.assertEqual(AccessEntry.objects.exclude(participant=self.pia).count(), 0)
        self.assertNotContains(response, "Ada Coordinator")  # names are off by default
        self.program.show_reader_names = True
        self.program.save()
        self.assertContains(
            self.client.get(reverse("privacy:access_log")), "Ada Coordinator"
        )
        self.assertEqual(access_log_verify()[1], [])

    def test_the_message_read_is_logged_only_for_the_handling_coordinator(self) -> None:
        self.login(self.ada)
        url = reverse("support:request", args=[self.request.pk])
        self.client.get(url)
        self.assertFalse(AccessEntry.objects.filter(what="message").exists())
        self.client.post(reverse("support:request_take", args=[self.request.pk]))
        self.client.get(url)
        self.assertEqual(AccessEntry.objects.filter(what="message").count(), 1)
