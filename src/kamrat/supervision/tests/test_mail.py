from datetime import timedelta

from django.test import override_settings
from django.utils import formats, translation
from django.utils.translation import gettext

from kamrat.accounts.models import User
from kamrat.core.testing import SmtpServer, run_worker
from kamrat.supervision import services
from kamrat.supervision.models import Notice

from .base import STOCKHOLM, SupervisionTestCase, days_ahead


class MailTestCase(SupervisionTestCase):
    def subject(self, language: str, text: str, session) -> str:
        local = session.starts_at.astimezone(STOCKHOLM)
        with translation.override(language):
            return gettext(text) % {"when": formats.date_format(local, "l j F H:i")}

    def send(self, smtp: SmtpServer) -> None:
        with override_settings(**smtp.settings()):
            run_worker()

    def test_invited_moved_and_cancelled_in_their_language(self) -> None:
        User.objects.filter(pk=self.siri.pk).update(preferred_language="da")
        with SmtpServer() as smtp:
            with self.captureOnCommitCallbacks(execute=True):
                session = self.plan(video=True, place="")
            self.send(smtp)
            self.assertEqual(
                sorted(m["To"] for m in smtp.messages),
                sorted([self.sam.email, self.siri.email]),
            )
            to_siri = next(m for m in smtp.messages if m["To"] == self.siri.email)
            # Siri reads Danish, Sam the programme's Swedish: the day names say so.
            self.assertEqual(
                to_siri["Subject"],
                self.subject("da", "Kamrat: supervision %(when)s", session),
            )
            to_sam = next(m for m in smtp.messages if m["To"] == self.sam.email)
            self.assertEqual(
                to_sam["Subject"],
                self.subject("sv", "Kamrat: supervision %(when)s", session),
            )
            self.assertNotEqual(to_sam["Subject"], to_siri["Subject"])
            body = to_siri.get_body(preferencelist=("plain",)).get_content()
            self.assertIn(session.video_room, body)
            ics = next(
                p
                for p in to_siri.iter_attachments()
                if p.get_filename() == "kamrat.ics"
            ).get_content()
            ics = ics.decode() if isinstance(ics, bytes) else ics
            self.assertIn("METHOD:REQUEST", ics)
            self.assertIn(f"supervision-{session.uid}@kamrat", ics)

            smtp.messages.clear()
            start = days_ahead(6, hour=9)
            with self.captureOnCommitCallbacks(execute=True):
                services.session_move(
                    session=session,
                    starts_at=start,
                    ends_at=start + timedelta(hours=1),
                    place="Room 9",
                )
            self.send(smtp)
            to_sam = next(m for m in smtp.messages if m["To"] == self.sam.email)
            session.refresh_from_db()
            self.assertEqual(
                to_sam["Subject"],
                self.subject("sv", "Kamrat: supervision moved to %(when)s", session),
            )
            self.assertIn("Room 9", to_sam.get_body(("plain",)).get_content())

            smtp.messages.clear()
            with self.captureOnCommitCallbacks(execute=True):
                services.session_cancel(session=session)
            self.send(smtp)
            self.assertEqual(len(smtp.messages), 2)
            ics = next(
                p
                for p in smtp.messages[0].iter_attachments()
                if p.get_filename() == "kamrat.ics"
            ).get_content()
            ics = ics.decode() if isinstance(ics, bytes) else ics
            self.assertIn("METHOD:CANCEL", ics)
        self.assertFalse(Notice.objects.filter(sent_at__isnull=True).exists())

    def test_a_superseded_notice_is_not_sent(self) -> None:
        with SmtpServer() as smtp:
            with self.captureOnCommitCallbacks(execute=True):
                session = self.plan(supporters=[self.sam])
            with self.captureOnCommitCallbacks(execute=True):
                services.session_cancel(session=session)
            self.send(smtp)
        # Only the cancellation goes out; the invitation it replaced is dropped.
        self.assertEqual(len(smtp.messages), 1)
        self.assertEqual(Notice.objects.get().kind, Notice.Kind.CANCELLED)
