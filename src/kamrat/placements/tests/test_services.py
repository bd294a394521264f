from collections import Counter
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from kamrat.accounts.models import Membership, Role
from kamrat.placements import selectors, services
from kamrat.placements.models import (
    EventMeeting,
    Interest,
    MatchingEvent,
    Offer,
    Placement,
)
from kamrat.training.models import Cohort

from .base import PlacementsTestCase, days_ahead

Status = MatchingEvent.Status


class EventCreateTestCase(PlacementsTestCase):
    def test_it_opens_an_event_with_the_default_timing(self) -> None:
        event = self.event()
        self.assertEqual(event.status, Status.OPEN)
        self.assertEqual((event.slot_minutes, event.gap_minutes), (10, 5))
        self.assertEqual(event.created_by, self.ada)

    def test_broken_rules_save_nothing(self) -> None:
        inland_cohort = Cohort.objects.create(
            program=self.other,
            name="Inland cohort",
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate() + timedelta(days=30),
            place="Inland",
        )
        cases = {
            "no title": {"title": "  "},
            "long title": {"title": "x" * 161},
            "no place": {"place": ""},
            "long place": {"place": "x" * 201},
            "years ahead": {"starts_at": days_ahead(900)},
            "years ago": {"starts_at": days_ahead(-400)},
            "short meetings": {"slot_minutes": 4},
            "long meetings": {"slot_minutes": 61},
            "long gaps": {"gap_minutes": 31},
            "negative gaps": {"gap_minutes": -1},
            "another programme's cohort": {"cohort": inland_cohort},
        }
        for label, overrides in cases.items():
            with self.subTest(label):
                with self.assertRaises(ValidationError):
                    self.event(**overrides)
        self.assertEqual(MatchingEvent.objects.count(), 0)


class OfferSaveTestCase(PlacementsTestCase):
    def test_a_workplace_has_one_offer_per_event_and_can_change_it(self) -> None:
        event = self.event()
        first = self.offer(event)
        second = self.offer(event, description="  Now with walks too.  ", places=2)
        self.assertEqual(first.pk, second.pk)
        second.refresh_from_db()
        self.assertEqual(
            (second.description, second.places), ("Now with walks too.", 2)
        )
        self.assertEqual(Offer.objects.count(), 1)

    def test_broken_rules_save_nothing(self) -> None:
        event = self.event()
        cases = {
            "another programme's workplace": {"workplace": self.inland_unit},
            "no description": {"description": " "},
            "long description": {"description": "x" * 2001},
            "no hours": {"hours_per_week": 0},
            "too many hours": {"hours_per_week": 61},
            "no places": {"places": 0},
            "too many places": {"places": 21},
        }
        for label, overrides in cases.items():
            with self.subTest(label):
                with self.assertRaises(ValidationError):
                    self.offer(event, **overrides)
        self.assertEqual(Offer.objects.count(), 0)

    def test_a_scheduled_event_takes_no_new_offers(self) -> None:
        event, ward, _clinic = self.scheduled_event()
        with self.assertRaises(ValidationError):
            self.offer(event, description="Changed")
        ward.refresh_from_db()
        self.assertEqual(ward.description, "Talks with patients on the ward.")


class InterestTestCase(PlacementsTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.open_event = self.event()
        self.ward_offer = self.offer(self.open_event)
        self.clinic_offer = self.offer(
            self.open_event, self.clinic, by=self.carl, description="Clinic work"
        )

    def test_a_supporter_ticks_and_unticks_and_the_answer_goes_with_it(self) -> None:
        services.interest_set_supporter(
            event=self.open_event,
            supporter=self.sam,
            offer_ids={self.ward_offer.pk, self.clinic_offer.pk},
        )
        services.interest_set_workplace(
            offer=self.ward_offer, supporter_ids={self.sam.pk}
        )
        self.assertTrue(Interest.objects.get(offer=self.ward_offer).is_mutual)
        services.interest_set_supporter(
            event=self.open_event, supporter=self.sam, offer_ids={self.clinic_offer.pk}
        )
        self.assertEqual(
            list(Interest.objects.values_list("offer_id", "from_workplace")),
            [(self.clinic_offer.pk, False)],
        )

    def test_a_workplace_answers_only_those_interested_in_its_offer(self) -> None:
        services.interest_set_supporter(
            event=self.open_event, supporter=self.sam, offer_ids={self.ward_offer.pk}
        )
        services.interest_set_supporter(
            event=self.open_event,
            supporter=self.siri,
            offer_ids={self.clinic_offer.pk},
        )
        with self.assertRaises(ValidationError):
            services.interest_set_workplace(
                offer=self.ward_offer, supporter_ids={self.sam.pk, self.siri.pk}
            )
        self.assertFalse(Interest.objects.filter(from_workplace=True).exists())
        services.interest_set_workplace(
            offer=self.ward_offer, supporter_ids={self.sam.pk}
        )
        services.interest_set_workplace(offer=self.ward_offer, supporter_ids=set())
        self.assertFalse(Interest.objects.filter(from_workplace=True).exists())

    def test_broken_rules_change_nothing(self) -> None:
        inland_event = self.event(program=self.other, by=self.olga)
        inland_offer = self.offer(
            inland_event, self.inland_unit, by=self.ines, description="Inland"
        )
        cases = {
            "not a peer supporter": (self.pia, {self.ward_offer.pk}),
            "another programme's supporter": (self.otto, {self.ward_offer.pk}),
            "another event's offer": (self.sam, {inland_offer.pk}),
            "an offer that does not exist": (self.sam, {987654}),
        }
        for label, (person, offer_ids) in cases.items():
            with self.subTest(label):
                with self.assertRaises(ValidationError):
                    services.interest_set_supporter(
                        event=self.open_event, supporter=person, offer_ids=offer_ids
                    )
        self.assertEqual(Interest.objects.count(), 0)

    def test_interest_is_closed_once_scheduled(self) -> None:
        self.mutual(self.ward_offer, self.sam)
        services.schedule_build(event=self.open_event)
        self.open_event.refresh_from_db()
        with self.assertRaises(ValidationError):
            services.interest_set_supporter(
                event=self.open_event, supporter=self.sam, offer_ids=set()
            )
        with self.assertRaises(ValidationError):
            services.interest_set_workplace(offer=self.ward_offer, supporter_ids=set())
        self.assertTrue(Interest.objects.get().is_mutual)


class ScheduleBuildTestCase(PlacementsTestCase):
    def test_each_mutual_pair_gets_one_meeting_and_nobody_is_double_booked(
        self,
    ) -> None:
        event = self.event()
        ward = self.offer(event)
        clinic = self.offer(event, self.clinic, by=self.carl, description="Clinic")
        self.mutual(ward, self.sam, self.siri)
        self.mutual(clinic, self.sam)
        # Interest from one side only gets no meeting.
        Interest.objects.create(offer=clinic, supporter=self.siri, from_supporter=True)
        services.schedule_build(event=event)
        event.refresh_from_db()
        self.assertEqual(event.status, Status.SCHEDULED)
        meetings = list(EventMeeting.objects.filter(event=event))
        self.assertEqual(
            {(m.supporter_id, m.offer_id) for m in meetings},
            {(self.sam.pk, ward.pk), (self.siri.pk, ward.pk), (self.sam.pk, clinic.pk)},
        )
        by_supporter = Counter((m.supporter_id, m.slot) for m in meetings)
        by_offer = Counter((m.offer_id, m.slot) for m in meetings)
        self.assertEqual(max(by_supporter.values()), 1)
        self.assertEqual(max(by_offer.values()), 1)
        # Sam and Ward 7 each have two meetings: two slots are enough.
        self.assertEqual({m.slot for m in meetings}, {0, 1})

    def test_building_again_replaces_the_schedule(self) -> None:
        event, ward, clinic = self.scheduled_event()
        Membership.objects.filter(user=self.siri, role=Role.PEER_SUPPORTER).update(
            is_active=False
        )
        services.schedule_build(event=event)
        self.assertEqual(
            set(event.meetings.values_list("supporter_id", "offer_id")),
            {(self.sam.pk, ward.pk), (self.sam.pk, clinic.pk)},
        )

    def test_nothing_mutual_is_refused_and_changes_nothing(self) -> None:
        event = self.event()
        ward = self.offer(event)
        Interest.objects.create(offer=ward, supporter=self.sam, from_supporter=True)
        with self.assertRaises(ValidationError):
            services.schedule_build(event=event)
        event.refresh_from_db()
        self.assertEqual(event.status, Status.OPEN)
        self.assertEqual(EventMeeting.objects.count(), 0)

    def test_a_held_event_keeps_its_schedule(self) -> None:
        event, _ward, _clinic = self.scheduled_event(starts_at=days_ahead(-1))
        services.event_mark_held(event=event)
        before = list(event.meetings.values_list("pk", flat=True))
        with self.assertRaises(ValidationError):
            services.schedule_build(event=event)
        self.assertEqual(list(event.meetings.values_list("pk", flat=True)), before)

    def test_slot_times_follow_the_meeting_and_gap_minutes(self) -> None:
        event = self.event(slot_minutes=12, gap_minutes=3)
        start, end = selectors.slot_times(event, 2)
        self.assertEqual(start - event.starts_at, timedelta(minutes=30))
        self.assertEqual(end - start, timedelta(minutes=12))


class EventHeldTestCase(PlacementsTestCase):
    def test_only_a_scheduled_event_that_has_started_can_be_held(self) -> None:
        unscheduled = self.event(starts_at=days_ahead(-1))
        ahead, _ward, _clinic = self.scheduled_event()
        for event in (unscheduled, ahead):
            with self.subTest(event.pk):
                with self.assertRaises(ValidationError):
                    services.event_mark_held(event=event)
        self.assertFalse(MatchingEvent.objects.filter(status=Status.HELD).exists())
        MatchingEvent.objects.filter(pk=ahead.pk).update(starts_at=days_ahead(-1))
        services.event_mark_held(event=ahead)
        ahead.refresh_from_db()
        self.assertEqual(ahead.status, Status.HELD)


class PlacementTestCase(PlacementsTestCase):
    def record(self, **overrides) -> Placement:
        fields = {
            "program": self.program,
            "supporter": self.sam,
            "workplace": self.ward,
            "starts_on": timezone.localdate(),
            "by": self.ada,
            "hours_per_week": 20,
        }
        fields.update(overrides)
        return services.placement_record(**fields)

    def test_it_records_a_placement_from_an_event(self) -> None:
        event, _ward, _clinic = self.scheduled_event()
        placement = self.record(event=event)
        self.assertEqual(
            (placement.supporter, placement.workplace, placement.event),
            (self.sam, self.ward, event),
        )
        self.assertEqual(
            list(selectors.placed_with(program=self.program, workplace=self.ward)),
            [placement],
        )

    def test_broken_rules_save_nothing(self) -> None:
        self.record()
        inland_event = self.event(program=self.other, by=self.olga)
        today = timezone.localdate()
        cases = {
            "a participant": {"supporter": self.pia},
            "another programme's supporter": {"supporter": self.otto},
            "another programme's workplace": {"workplace": self.inland_unit},
            "another programme's event": {
                "supporter": self.siri,
                "event": inland_event,
            },
            "years ahead": {
                "supporter": self.siri,
                "starts_on": today + timedelta(days=3 * 365 + 5),
            },
            "no hours": {"supporter": self.siri, "hours_per_week": 0},
            "placed there already": {},
        }
        for label, overrides in cases.items():
            with self.subTest(label):
                with self.assertRaises(ValidationError):
                    self.record(**overrides)
        self.assertEqual(Placement.objects.count(), 1)

    def test_ending_today_takes_it_off_the_current_list(self) -> None:
        placement = self.record(starts_on=timezone.localdate() - timedelta(days=30))
        ended = services.placement_end(placement=placement)
        self.assertEqual(ended.ends_on, timezone.localdate())
        self.assertFalse(selectors.placements_current(program=self.program).exists())
        with self.assertRaises(ValidationError):
            services.placement_end(placement=placement)
        # The same pair may start again later.
        self.record(starts_on=timezone.localdate() + timedelta(days=1))

    def test_ending_one_not_yet_started_removes_it(self) -> None:
        placement = self.record(starts_on=timezone.localdate() + timedelta(days=14))
        self.assertIsNone(services.placement_end(placement=placement))
        self.assertFalse(Placement.objects.exists())
