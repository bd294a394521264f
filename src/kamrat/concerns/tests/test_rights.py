from datetime import timedelta

from django.db import connection
from django.test import override_settings

from kamrat.concerns import rights
from kamrat.concerns.models import Concern
from kamrat.concerns.tests.base import NOW, ConcernTestCase


class ConcernRightsTests(ConcernTestCase):
    def test_export_lists_concerns_about_the_person_only(self) -> None:
        self.raise_about_pia()
        data = rights.export(self.pia)
        [row] = data["concerns_about_you"]
        self.assertEqual(row["contact_detail"], "070-123 45 67")
        self.assertEqual(row["urgency"], "now")
        self.assertEqual(rights.export(self.olle), {"concerns_about_you": []})

    def test_erase_keeps_the_count_and_drops_who_and_how(self) -> None:
        concern = self.raise_about_pia()
        rights.erase(self.pia)
        concern.refresh_from_db()
        self.assertIsNone(concern.participant_id)
        self.assertIsNone(concern.pairing_id)
        self.assertEqual(concern.contact_detail, "")
        self.assertEqual(Concern.objects.filter(program=self.program).count(), 1)
        with connection.cursor() as cursor:
            cursor.execute("SELECT contact_detail FROM concerns_concern")
            self.assertEqual(cursor.fetchall(), [("",)])

    @override_settings(RETENTION_DAYS=30)
    def test_retention_forgets_answered_concerns_past_the_period(self) -> None:
        old = self.raise_about_pia()
        Concern.objects.filter(pk=old.pk).update(
            status=Concern.Status.CLOSED, raised_at=NOW - timedelta(days=31)
        )
        waiting = self.raise_about_pia()
        Concern.objects.filter(pk=waiting.pk).update(raised_at=NOW - timedelta(days=31))
        recent = self.raise_about_pia()
        Concern.objects.filter(pk=recent.pk).update(status=Concern.Status.CLOSED)

        self.assertGreaterEqual(rights.retain(now=NOW), 1)

        old.refresh_from_db()
        waiting.refresh_from_db()
        recent.refresh_from_db()
        self.assertIsNone(old.participant_id)
        self.assertEqual(old.contact_detail, "")
        # An unanswered concern and a recent one keep how to reach the person.
        self.assertEqual(waiting.participant_id, self.pia.pk)
        self.assertEqual(recent.contact_detail, "070-123 45 67")
        self.assertEqual(rights.retain(now=NOW), 0)
