from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from kamrat.accounts.models import Role, User
from kamrat.core.testing import (
    PASSWORD,
    SmtpServer,
    make_membership,
    make_user,
    run_worker,
)
from kamrat.privacy.fields import EncryptedTextField
from kamrat.privacy.models import AccessEntry, ConsentEvent
from kamrat.privacy.rights import can_erase_self, person_erase
from kamrat.privacy.services import access_log_verify
from kamrat.support.models import Meeting, Pairing, SupportRequest

from .test_rights_base import EMAIL, NAME, RightsTestCase, meetings_by_mode

USER_TABLE = User._meta.db_table


def rows_naming(*, words: list[str], user_id: int) -> list[str]:
    """Every place in the database that still names the person: text or user link."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            relations = connection.introspection.get_relations(cursor, table)
            user_columns = {
                column
                for column, (_to_column, to_table) in relations.items()
                if to_table == USER_TABLE
            }
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - table names
            columns = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if column in user_columns and value == user_id:
                        found.append(f"{table}.{column} links to the user")
                    if table == USER_TABLE and column == "id" and value == user_id:
                        found.append(f"{table} still has the user")
                    text = str(value).lower() if value is not None else ""
                    found += [
                        f"{table}.{column} has {word!r}"
                        for word in words
                        if word.lower() in text
                    ]
    # What participants write is encrypted at rest; read it opened, too.
    for model in apps.get_models():
        fields = [
            f.name for f in model._meta.fields if isinstance(f, EncryptedTextField)
        ]
        for field in fields:
            for value in model.objects.values_list(field, flat=True):
                found += [
                    f"{model._meta.label}.{field} has {word!r}"
                    for word in words
                    if word.lower() in (value or "").lower()
                ]
    return found


class EraseTestCase(RightsTestCase):
    def test_nothing_names_the_person_after_erasure(self) -> None:
        zelda_id = self.zelda.pk
        words = [NAME, "Quinterossa", EMAIL]
        self.assertTrue(rows_naming(words=words, user_id=zelda_id))  # the probe works
        counts = meetings_by_mode()
        meetings = Meeting.objects.count()
        self.login(self.zelda)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("privacy:erase"), {"password": PASSWORD}
            )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Your account is deleted")
        self.assertEqual(rows_naming(words=words, user_id=zelda_id), [])
        # What stays counts for the programme and points at nobody.
        self.assertEqual(meetings_by_mode(), counts)
        self.assertEqual(Meeting.objects.count(), meetings)
        self.assertEqual(Meeting.objects.filter(status=Meeting.Status.KEPT).count(), 3)
        self.pairing.refresh_from_db()
        self.assertIsNone(self.pairing.participant_id)
        self.assertEqual(self.pairing.status, Pairing.Status.ENDED)
        self.coming.refresh_from_db()
        self.assertEqual(
            (self.coming.status, self.coming.place, self.coming.mode),
            (Meeting.Status.CANCELLED, "", "fika"),
        )
        # The access log keeps its entries, without the link, and still verifies.
        self.assertEqual(
            AccessEntry.objects.filter(participant_number=zelda_id).count(), 2
        )
        self.assertEqual(access_log_verify()[1], [])
        call_command("access_log_verify", stdout=open("/dev/null", "w"))  # noqa: SIM115
        # Pia's data is untouched.
        self.assertTrue(SupportRequest.objects.filter(participant=self.pia).exists())
        self.assertTrue(Pairing.objects.filter(participant=self.pia).exists())

    def test_the_peer_supporter_still_sees_the_ended_contact(self) -> None:
        self.login(self.zelda)
        self.client.post(reverse("privacy:erase"), {"password": PASSWORD})
        entries = AccessEntry.objects.count()
        self.login(self.sam)
        week = self.kept.starts_at.date().isoformat()
        for url in (
            reverse("support:pairing", args=[self.pairing.pk]),
            reverse("support:week") + f"?week={week}",
        ):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertNotContains(response, "Quinterossa")
        # Reading a contact that names nobody is a read of nobody.
        self.assertEqual(AccessEntry.objects.count(), entries)

    def test_the_person_is_signed_out(self) -> None:
        self.login(self.zelda)
        self.client.post(reverse("privacy:erase"), {"password": PASSWORD})
        response = self.client.get(reverse("privacy:export"))
        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/login/", response["Location"])

    def test_the_peer_supporter_is_told_coming_meetings_are_cancelled(self) -> None:
        self.login(self.zelda)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(reverse("privacy:erase"), {"password": PASSWORD})
        with SmtpServer() as smtp, override_settings(**smtp.settings()):
            run_worker()
        self.assertEqual([m["To"] for m in smtp.messages], [self.sam.email])
        body = smtp.messages[0].get_body(preferencelist=("plain",)).get_content()
        ics = next(smtp.messages[0].iter_attachments()).get_payload(decode=True)
        self.assertIn(b"METHOD:CANCEL", ics)
        self.assertNotIn(b"Quinterossa", ics)
        self.assertNotIn("Zelda", body)
        self.assertNotIn("Quinterossa", body)

    def test_wrong_password_changes_nothing(self) -> None:
        self.login(self.zelda)
        for data in ({"password": "not my password"}, {}, {"password": ""}):
            response = self.client.post(reverse("privacy:erase"), data)
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, "form-errors")
        self.assertContains(response, "This field is required")
        response = self.client.post(
            reverse("privacy:erase"), {"password": "not my password"}
        )
        self.assertContains(response, "That is not your password")
        self.assertTrue(User.objects.filter(pk=self.zelda.pk).exists())
        self.assertEqual(self.zelda_pairings(), 1)
        self.assertEqual(ConsentEvent.objects.filter(participant=self.zelda).count(), 2)
        self.coming.refresh_from_db()
        self.assertEqual(self.coming.status, Meeting.Status.SCHEDULED)

    def test_page_explains_what_goes_and_what_stays(self) -> None:
        self.login(self.zelda)
        response = self.client.get(reverse("privacy:erase"))
        self.assertContains(response, "What is deleted")
        self.assertContains(response, "What stays, without your name")
        self.assertContains(response, 'type="password"')
        self.assertContains(response, reverse("privacy:export"))

    def test_a_guest_confirms_with_a_tick(self) -> None:
        guest = User.objects.create_user(email=None, password=None, name="Gunnel")
        make_membership(user=guest, program=self.program, role=Role.PARTICIPANT)
        self.login(guest)
        response = self.client.get(reverse("privacy:erase"))
        self.assertContains(response, 'type="checkbox"')
        self.assertNotContains(response, 'type="password"')
        response = self.client.post(reverse("privacy:erase"), {})
        self.assertContains(response, "Tick the box")
        self.assertTrue(User.objects.filter(pk=guest.pk).exists())
        response = self.client.post(reverse("privacy:erase"), {"confirm": "on"})
        self.assertContains(response, "Your account is deleted")
        self.assertFalse(User.objects.filter(pk=guest.pk).exists())

    def test_staff_are_asked_to_go_through_their_coordinator(self) -> None:
        former = make_user(name="Fia Former")
        make_membership(
            user=former,
            program=self.program,
            role=Role.PEER_SUPPORTER,
            is_active=False,
        )
        for person in (self.sam, self.ada, self.wanda, former):
            self.assertFalse(can_erase_self(person), person)
            self.login(person)
            response = self.client.get(reverse("privacy:erase"))
            self.assertContains(response, "closed by your coordinator")
            self.assertNotContains(response, 'type="password"')
            response = self.client.post(
                reverse("privacy:erase"), {"password": PASSWORD}
            )
            self.assertEqual(response.status_code, 403)
            self.assertTrue(User.objects.filter(pk=person.pk).exists())
        with self.assertRaises(PermissionError):
            person_erase(user=self.sam)
        self.assertTrue(can_erase_self(self.pia))
        self.assertTrue(can_erase_self(self.olle))

    def test_signed_out_visitor_is_sent_to_sign_in(self) -> None:
        response = self.client.post(reverse("privacy:erase"), {"confirm": "on"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(User.objects.filter(pk=self.zelda.pk).count(), 1)
