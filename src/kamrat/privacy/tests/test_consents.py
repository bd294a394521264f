"""Consent texts, versions, grants and withdrawals, through the services."""

from datetime import datetime
from importlib import import_module
from zoneinfo import ZoneInfo

import time_machine
from django.apps import apps
from django.core.exceptions import ValidationError

from kamrat.core.testing import (
    KamratTestCase,
    make_membership,
    make_pairing,
    make_program,
    make_user,
    make_workplace,
)
from kamrat.privacy.consents import (
    consent_given,
    consent_set,
    consent_states,
    consent_text_current,
    consent_text_publish,
    consents_given,
    evaluation_list,
    has_supporter_list,
)
from kamrat.privacy.models import ConsentEvent, ConsentKind, ConsentText

STOCKHOLM = ZoneInfo("Europe/Stockholm")
texts_migration = import_module("kamrat.privacy.migrations.0004_default_consent_texts")


class ConsentTextsTestCase(KamratTestCase):
    def test_a_new_programme_gets_version_1_of_every_text_in_three_languages(
        self,
    ) -> None:
        program = make_program()
        texts = ConsentText.objects.filter(program=program)
        self.assertEqual(
            sorted(texts.values_list("kind", flat=True)), sorted(ConsentKind.values)
        )
        for text in texts:
            self.assertEqual(text.version, 1)
            # Every text says it can be taken back, and that no costs nothing.
            self.assertIn("withdraw", text.text_en)
            self.assertIn("changes nothing", text.text_en)
            for language in ("sv", "da", "en"):
                words = getattr(text, f"text_{language}")
                self.assertGreater(len(words), 200, (text.kind, language))
            # Each language is its own text, not a copy of the English.
            self.assertEqual(len({text.text_sv, text.text_da, text.text_en}), 3)
        swedish = texts.get(kind=ConsentKind.EVALUATION).text_sv
        self.assertIn("ta tillbaka", swedish)
        danish = texts.get(kind=ConsentKind.WARD_KNOWS).text_da
        self.assertIn("trække dit ja tilbage", danish)

    def test_the_migration_gives_programmes_without_texts_their_first_version(
        self,
    ) -> None:
        ConsentText.objects.filter(program=self.program).delete()
        texts_migration.texts_create(apps, None)
        texts_migration.texts_create(apps, None)  # running twice adds nothing
        texts = ConsentText.objects.filter(program=self.program)
        self.assertEqual(texts.count(), len(ConsentKind.values))
        self.assertEqual(set(texts.values_list("version", flat=True)), {1})

    def test_publishing_makes_the_next_version_and_leaves_the_old_one(self) -> None:
        first = consent_text_current(program=self.program, kind="evaluation")
        text = consent_text_publish(
            program=self.program,
            kind="evaluation",
            text_sv=" Ny text ",
            text_da="Ny tekst",
            text_en="New text",
            by=self.ada,
        )
        self.assertEqual(text.version, 2)
        self.assertEqual(text.text_sv, "Ny text")
        self.assertEqual(text.published_by, self.ada)
        first.refresh_from_db()
        self.assertEqual(first.version, 1)
        self.assertEqual(
            consent_text_current(program=self.program, kind="evaluation"), text
        )

    def test_the_same_or_empty_wording_is_not_published(self) -> None:
        current = consent_text_current(program=self.program, kind="evaluation")
        with self.assertRaises(ValidationError):
            consent_text_publish(
                program=self.program,
                kind="evaluation",
                text_sv=current.text_sv,
                text_da=current.text_da,
                text_en=current.text_en + "  ",
                by=self.ada,
            )
        with self.assertRaises(ValidationError):
            consent_text_publish(
                program=self.program,
                kind="evaluation",
                text_sv="Ny text",
                text_da="   ",
                text_en="New text",
                by=self.ada,
            )
        self.assertEqual(
            ConsentText.objects.filter(program=self.program, kind="evaluation").count(),
            1,
        )


class ConsentEventsTestCase(KamratTestCase):
    def test_grant_and_withdrawal_record_the_version_and_the_time(self) -> None:
        with time_machine.travel(
            datetime(2030, 3, 4, 10, tzinfo=STOCKHOLM), tick=False
        ):
            consent_set(
                participant=self.pia,
                program=self.program,
                kind="evaluation",
                granted=True,
            )
        self.assertTrue(consent_given(self.pia, self.program, "evaluation"))
        with time_machine.travel(
            datetime(2030, 3, 9, 15, tzinfo=STOCKHOLM), tick=False
        ):
            consent_set(
                participant=self.pia,
                program=self.program,
                kind="evaluation",
                granted=False,
            )
        self.assertFalse(consent_given(self.pia, self.program, "evaluation"))
        withdrawal, grant = ConsentEvent.objects.filter(participant=self.pia)
        self.assertEqual(
            (grant.granted, grant.at, grant.text.version),
            (True, datetime(2030, 3, 4, 10, tzinfo=STOCKHOLM), 1),
        )
        self.assertEqual(
            (withdrawal.granted, withdrawal.at),
            (False, datetime(2030, 3, 9, 15, tzinfo=STOCKHOLM)),
        )

    def test_an_unknown_kind_records_nothing(self) -> None:
        with self.assertRaises(ValueError):
            consent_set(
                participant=self.pia, program=self.program, kind="phone", granted=True
            )
        self.assertFalse(ConsentEvent.objects.exists())

    def test_ward_knows_names_one_unit_of_the_programme(self) -> None:
        elsewhere = make_workplace(program=make_program())
        for unit in (None, elsewhere):
            with self.assertRaises(ValueError):
                consent_set(
                    participant=self.pia,
                    program=self.program,
                    kind="ward_knows",
                    granted=True,
                    workplace=unit,
                )
        self.assertFalse(ConsentEvent.objects.exists())
        event = consent_set(
            participant=self.pia,
            program=self.program,
            kind="ward_knows",
            granted=True,
            workplace=self.ward,
        )
        self.assertEqual(event.workplace, self.ward)

    def test_a_grant_stays_tied_to_the_wording_the_person_saw(self) -> None:
        consent_set(
            participant=self.pia, program=self.program, kind="evaluation", granted=True
        )
        consent_text_publish(
            program=self.program,
            kind="evaluation",
            text_sv="Ny",
            text_da="Ny",
            text_en="New",
            by=self.ada,
        )
        self.assertTrue(consent_given(self.pia, self.program, "evaluation"))
        state = {
            s.kind: s
            for s in consent_states(participant=self.pia, program=self.program)
        }["evaluation"]
        self.assertEqual((state.latest.text.version, state.current.version), (1, 2))
        self.assertTrue(state.wording_changed)
        consent_set(
            participant=self.pia, program=self.program, kind="evaluation", granted=True
        )
        state = {
            s.kind: s
            for s in consent_states(participant=self.pia, program=self.program)
        }["evaluation"]
        self.assertFalse(state.wording_changed)
        self.assertEqual(state.latest.text.version, 2)


class ConsentListsTestCase(KamratTestCase):
    def grant(self, person, kind, granted=True, workplace=None) -> None:
        consent_set(
            participant=person,
            program=self.program,
            kind=kind,
            granted=granted,
            workplace=workplace,
        )

    def test_evaluation_list_follows_the_newest_event(self) -> None:
        self.grant(self.pia, "evaluation")
        self.assertEqual(evaluation_list(program=self.program), [self.pia])
        self.grant(self.pia, "evaluation", granted=False)
        self.assertEqual(evaluation_list(program=self.program), [])
        self.assertEqual(consents_given(self.program, "evaluation"), set())

    def test_has_supporter_lists_only_paired_people_who_named_this_unit(self) -> None:
        make_pairing(participant=self.pia, supporter=self.sam, program=self.program)
        other_unit = make_workplace(program=self.program)
        unpaired = make_user(name="Una Unpaired")
        make_membership(user=unpaired, program=self.program, role="participant")
        elsewhere = make_user(name="Erik Elsewhere")
        make_membership(user=elsewhere, program=self.program, role="participant")
        make_pairing(participant=elsewhere, supporter=self.sam, program=self.program)
        ended = make_user(name="Edda Ended")
        make_membership(user=ended, program=self.program, role="participant")
        make_pairing(
            participant=ended, supporter=self.sam, program=self.program, status="ended"
        )
        for person in (self.pia, unpaired, ended):
            self.grant(person, "ward_knows", workplace=self.ward)
        self.grant(elsewhere, "ward_knows", workplace=other_unit)
        self.assertEqual(
            has_supporter_list(program=self.program, workplace=self.ward), [self.pia]
        )
        self.assertEqual(
            has_supporter_list(program=self.program, workplace=other_unit), [elsewhere]
        )
        self.grant(self.pia, "ward_knows", granted=False)
        self.assertEqual(
            has_supporter_list(program=self.program, workplace=self.ward), []
        )
