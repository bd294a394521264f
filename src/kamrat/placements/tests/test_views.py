from datetime import timedelta

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from kamrat.core.testing import make_pairing
from kamrat.placements import services
from kamrat.placements.models import (
    EventMeeting,
    Interest,
    MatchingEvent,
    Offer,
    Placement,
)

from .base import STOCKHOLM, PlacementsTestCase, days_ahead

HUGE = "99999999999999999999999999"


def url(name: str, *args) -> str:
    return reverse(f"placements:{name}", args=args)


class OverviewViewTestCase(PlacementsTestCase):
    def test_the_coordinator_sees_events_and_current_placements(self) -> None:
        self.event(title="Spring matching day")
        services.placement_record(
            program=self.program,
            supporter=self.siri,
            workplace=self.clinic,
            starts_on=timezone.localdate(),
            by=self.ada,
        )
        self.login(self.ada)
        response = self.client.get(url("overview", "harbour"))
        self.assertContains(response, "Spring matching day")
        self.assertContains(response, "End the placement of Siri Supporter")

    def test_everyone_else_gets_404(self) -> None:
        for person in (self.sam, self.pia, self.wanda, self.olle, self.olga):
            with self.subTest(person.name):
                self.login(person)
                for name in ("overview", "event_new", "placement_new"):
                    response = self.client.get(url(name, "harbour"))
                    self.assertEqual(response.status_code, 404)


class EventNewViewTestCase(PlacementsTestCase):
    def form(self, **overrides) -> dict:
        data = {
            "title": "Harbour matching day",
            "day": days_ahead(10).date().isoformat(),
            "starts": "13:00",
            "place": "Town hall",
            "slot_minutes": "10",
            "gap_minutes": "5",
            "cohort": "",
        }
        data.update(overrides)
        return data

    def post(self, data: dict):
        self.login(self.ada)
        return self.client.post(url("event_new", "harbour"), data)

    def test_it_opens_the_event_in_the_programmes_time_zone(self) -> None:
        response = self.post(self.form())
        event = MatchingEvent.objects.get()
        self.assertRedirects(response, url("event", event.pk))
        self.assertEqual(event.starts_at.astimezone(STOCKHOLM).hour, 13)
        self.assertEqual(event.program, self.program)

    def test_bad_input_shows_a_message_and_saves_nothing(self) -> None:
        cases = {
            "no title": (self.form(title=""), "Give the event a name"),
            "short meetings": (
                self.form(slot_minutes="2"),
                "A meeting lasts between 5 and 60 minutes",
            ),
            "long gaps": (
                self.form(gap_minutes="45"),
                "The break between meetings is 0 to 30 minutes",
            ),
            "far away": (self.form(day="9999-12-31"), "Choose a day within"),
            "odd cohort": (self.form(cohort=HUGE), "Choose a cohort from the list"),
            "odd time": (self.form(starts="25:61"), "Write the time as HH:MM"),
        }
        for label, (data, message) in cases.items():
            with self.subTest(label):
                response = self.post(data)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, message)
        self.assertEqual(MatchingEvent.objects.count(), 0)


class EventViewTestCase(PlacementsTestCase):
    def test_the_coordinator_sees_offers_interest_and_the_timed_schedule(
        self,
    ) -> None:
        event, _ward, clinic = self.scheduled_event()
        Interest.objects.create(offer=clinic, supporter=self.siri, from_supporter=True)
        self.login(self.ada)
        response = self.client.get(url("event", event.pk))
        self.assertContains(response, "Talks with patients on the ward.")
        self.assertContains(response, "3 pairs want to meet from both sides.")
        self.assertContains(response, "Both want to meet", count=3)
        # 13:00 local, ten-minute meetings with five minutes between.
        self.assertContains(response, "13:00–13:10")
        self.assertContains(response, "13:15–13:25")
        self.assertNotContains(response, "13:30–13:40")
        self.assertContains(response, "Mark the event as held")
        link = (
            url("placement_new", "harbour")
            + f"?supporter={self.sam.pk}&amp;workplace={self.ward.pk}"
            + f"&amp;event={event.pk}"
        )
        self.assertContains(response, link)

    def test_building_from_the_page(self) -> None:
        event = self.event()
        ward = self.offer(event)
        self.login(self.ada)
        response = self.client.post(url("schedule_build", event.pk), follow=True)
        self.assertContains(response, "nothing to schedule")
        self.assertEqual(EventMeeting.objects.count(), 0)
        self.mutual(ward, self.sam)
        response = self.client.post(url("schedule_build", event.pk))
        self.assertRedirects(response, url("event", event.pk))
        self.assertEqual(
            list(EventMeeting.objects.values_list("supporter_id", "slot")),
            [(self.sam.pk, 0)],
        )
        event.refresh_from_db()
        self.assertEqual(event.status, MatchingEvent.Status.SCHEDULED)

    def test_marking_held(self) -> None:
        event, _ward, _clinic = self.scheduled_event(starts_at=days_ahead(-1))
        self.login(self.ada)
        self.client.post(url("held", event.pk))
        event.refresh_from_db()
        self.assertEqual(event.status, MatchingEvent.Status.HELD)
        response = self.client.get(url("event", event.pk))
        self.assertNotContains(response, "Make the schedule")

    def test_another_programmes_coordinator_and_the_units_get_404(self) -> None:
        event = self.event()
        ward = self.offer(event)
        self.mutual(ward, self.sam)
        for person in (self.olga, self.wanda, self.sam):
            with self.subTest(person.name):
                self.login(person)
                self.assertEqual(
                    self.client.get(url("event", event.pk)).status_code, 404
                )
                for name in ("schedule_build", "held"):
                    response = self.client.post(url(name, event.pk))
                    self.assertEqual(response.status_code, 404)
        event.refresh_from_db()
        self.assertEqual(event.status, MatchingEvent.Status.OPEN)
        self.assertEqual(EventMeeting.objects.count(), 0)


class OfferViewTestCase(PlacementsTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.open_event = self.event()

    def test_a_unit_registers_and_changes_its_offer(self) -> None:
        self.login(self.wanda)
        page = url("offer", self.open_event.pk)
        data = {"part": "offer", "description": "Walks", "places": "2"}
        self.assertRedirects(self.client.post(page, data), page)
        data["description"] = "Walks and talks"
        self.client.post(page, data)
        offer = Offer.objects.get()
        self.assertEqual(
            (offer.workplace, offer.description, offer.places, offer.registered_by),
            (self.ward, "Walks and talks", 2, self.wanda),
        )

    def test_bad_offers_show_a_message_and_save_nothing(self) -> None:
        self.login(self.wanda)
        page = url("offer", self.open_event.pk)
        cases = {
            "no text": ({"description": "", "places": "1"}, "Write a few words"),
            "hours": (
                {"description": "x", "places": "1", "hours_per_week": "99"},
                "Choose between 1 and 60 hours a week",
            ),
            "places": ({"description": "x", "places": HUGE}, "between 1 and 20"),
        }
        for label, (data, message) in cases.items():
            with self.subTest(label):
                response = self.client.post(page, {"part": "offer", **data})
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, message)
        self.assertEqual(Offer.objects.count(), 0)

    def test_a_unit_answers_only_about_its_own_offer(self) -> None:
        ward = self.offer(self.open_event)
        clinic = self.offer(self.open_event, self.clinic, by=self.carl, description="C")
        services.interest_set_supporter(
            event=self.open_event, supporter=self.sam, offer_ids={ward.pk}
        )
        services.interest_set_supporter(
            event=self.open_event, supporter=self.siri, offer_ids={clinic.pk}
        )
        services.interest_set_workplace(offer=clinic, supporter_ids={self.siri.pk})
        self.login(self.wanda)
        page = url("offer", self.open_event.pk)
        response = self.client.get(page)
        self.assertContains(response, "Sam Supporter")
        self.assertNotContains(response, "Siri Supporter")  # the clinic's interest
        # Answering about someone interested in the clinic is refused.
        response = self.client.post(
            page, {"part": "answers", "supporters": [str(self.siri.pk)]}
        )
        self.assertContains(response, "Choose among the peer supporters interested")
        self.assertFalse(Interest.objects.get(offer=ward).from_workplace)
        response = self.client.post(
            page, {"part": "answers", "supporters": [str(self.sam.pk)]}
        )
        self.assertRedirects(response, page)
        self.assertTrue(Interest.objects.get(offer=ward).is_mutual)

    def test_after_scheduling_the_unit_sees_its_own_meetings(self) -> None:
        event, _ward, _clinic = self.scheduled_event()
        self.login(self.carl)
        response = self.client.get(url("offer", event.pk))
        self.assertContains(response, "Your meetings")
        self.assertContains(response, "Sam Supporter")
        self.assertNotContains(response, "Siri Supporter")  # she meets the ward only
        self.assertNotContains(response, "Register the offer")

    def test_other_units_programmes_and_held_events_get_404(self) -> None:
        inland = self.event(program=self.other, by=self.olga)
        held, _w, _c = self.scheduled_event(starts_at=days_ahead(-1))
        services.event_mark_held(event=held)
        cases = [
            (self.wanda, inland),
            (self.ines, self.open_event),
            (self.wanda, held),
            (self.sam, self.open_event),
            (self.ada, self.open_event),
        ]
        for person, event in cases:
            with self.subTest(person=person.name, event=event.title):
                self.login(person)
                page = url("offer", event.pk)
                self.assertEqual(self.client.get(page).status_code, 404)
                response = self.client.post(
                    page, {"part": "offer", "description": "x", "places": "1"}
                )
                self.assertEqual(response.status_code, 404)
        self.assertFalse(Offer.objects.filter(description="x").exists())


class InterestViewTestCase(PlacementsTestCase):
    def test_a_supporter_ticks_offers_and_sees_nobody_elses_choices(self) -> None:
        event = self.event()
        ward = self.offer(event)
        clinic = self.offer(event, self.clinic, by=self.carl, description="Clinic")
        services.interest_set_supporter(
            event=event, supporter=self.siri, offer_ids={clinic.pk}
        )
        services.interest_set_workplace(offer=clinic, supporter_ids={self.siri.pk})
        self.login(self.sam)
        page = url("interest", event.pk)
        response = self.client.get(page)
        self.assertContains(response, "Talks with patients on the ward.")
        self.assertNotContains(response, "Siri Supporter")
        response = self.client.post(page, {"offers": [str(ward.pk), str(clinic.pk)]})
        self.assertRedirects(response, page)
        self.assertEqual(
            set(
                Interest.objects.filter(supporter=self.sam).values_list(
                    "offer_id", flat=True
                )
            ),
            {ward.pk, clinic.pk},
        )
        response = self.client.post(page, {"offers": [HUGE]})
        self.assertContains(response, "Choose among the offers of this event")
        self.assertEqual(Interest.objects.filter(supporter=self.sam).count(), 2)

    def test_after_scheduling_a_supporter_sees_their_own_times_and_place(self) -> None:
        event, _ward, _clinic = self.scheduled_event()
        self.login(self.siri)
        response = self.client.get(url("interest", event.pk))
        self.assertContains(response, "Your meetings")
        # Siri meets the ward only; her one meeting is in the first or second slot.
        body = response.content.decode()
        self.assertTrue("13:00–13:10" in body or "13:15–13:25" in body)
        self.assertEqual(body.count("–13:"), 1)
        self.assertContains(response, "All meetings are at Town hall")
        self.assertNotContains(response, "Sam Supporter")

    def test_strangers_and_units_get_404(self) -> None:
        event = self.event()
        ward = self.offer(event)
        for person in (self.otto, self.wanda, self.pia, self.ada):
            with self.subTest(person.name):
                self.login(person)
                page = url("interest", event.pk)
                self.assertEqual(self.client.get(page).status_code, 404)
                response = self.client.post(page, {"offers": [str(ward.pk)]})
                self.assertEqual(response.status_code, 404)
        self.assertEqual(Interest.objects.count(), 0)


class EventsViewTestCase(PlacementsTestCase):
    def test_supporters_and_units_see_the_events_open_to_them(self) -> None:
        event = self.event(title="Open day")
        held = self.event(title="Old day")
        MatchingEvent.objects.filter(pk=held.pk).update(status="held")
        for person, link in (
            (self.sam, url("interest", event.pk)),
            (self.wanda, url("offer", event.pk)),
        ):
            with self.subTest(person.name):
                self.login(person)
                response = self.client.get(url("events", "harbour"))
                self.assertContains(response, "Open day")
                self.assertContains(response, link)
                self.assertNotContains(response, "Old day")
        for person in (self.pia, self.olle, self.otto):
            self.login(person)
            self.assertEqual(self.client.get(url("events", "harbour")).status_code, 404)


class WorkplaceViewTestCase(PlacementsTestCase):
    def place(self, supporter, workplace, **overrides) -> Placement:
        fields = {
            "program": self.program,
            "supporter": supporter,
            "workplace": workplace,
            "starts_on": timezone.localdate() - timedelta(days=40),
            "hours_per_week": 16,
            "by": self.ada,
        }
        fields.update(overrides)
        return services.placement_record(**fields)

    def test_the_unit_sees_its_own_peer_supporters_and_no_participant(self) -> None:
        self.place(self.sam, self.ward)
        self.place(self.siri, self.clinic)
        # Sam supports Pia; nothing about her belongs on the unit's page.
        make_pairing(participant=self.pia, supporter=self.sam, program=self.program)
        self.login(self.wanda)
        response = self.client.get(url("workplace", "harbour"))
        self.assertContains(response, "Sam Supporter")
        self.assertContains(response, self.sam.email)
        self.assertContains(response, "16 hours a week")
        self.assertNotContains(response, "Siri Supporter")
        self.assertNotContains(response, self.siri.email)
        self.assertNotContains(response, "Pia")
        self.assertNotContains(response, self.pia.email)
        self.assertContains(response, reverse("support:refer", args=["harbour"]))
        self.assertContains(response, reverse("support:codes", args=["harbour"]))
        self.assertContains(response, "What they don't do")
        self.assertContains(response, "journal notes")

    def test_an_ended_placement_is_gone_from_the_page(self) -> None:
        placement = self.place(self.sam, self.ward)
        services.placement_end(placement=placement)
        self.login(self.wanda)
        response = self.client.get(url("workplace", "harbour"))
        self.assertNotContains(response, "Sam Supporter")

    def test_only_workplace_contacts_have_the_page(self) -> None:
        for person in (self.ada, self.sam, self.pia, self.olle, self.ines):
            with self.subTest(person.name):
                self.login(person)
                response = self.client.get(url("workplace", "harbour"))
                self.assertEqual(response.status_code, 404)


class PlacementViewsTestCase(PlacementsTestCase):
    def test_a_placement_from_a_meeting_is_prefilled_and_recorded(self) -> None:
        event, _ward, _clinic = self.scheduled_event()
        self.login(self.ada)
        page = url("placement_new", "harbour")
        response = self.client.get(
            page,
            {"supporter": self.sam.pk, "workplace": self.ward.pk, "event": event.pk},
        )
        form = response.context["form"]
        self.assertEqual(form["supporter"].value(), str(self.sam.pk))
        self.assertEqual(form["event"].value(), str(event.pk))
        response = self.client.post(
            page,
            {
                "supporter": str(self.sam.pk),
                "workplace": str(self.ward.pk),
                "starts_on": timezone.localdate().isoformat(),
                "hours_per_week": "20",
                "event": str(event.pk),
            },
        )
        self.assertRedirects(response, url("overview", "harbour"))
        placement = Placement.objects.get()
        self.assertEqual((placement.event, placement.recorded_by), (event, self.ada))

    def test_odd_and_foreign_choices_are_refused(self) -> None:
        self.login(self.ada)
        page = url("placement_new", "harbour")
        self.assertEqual(self.client.get(page, {"supporter": HUGE}).status_code, 200)
        base = {
            "supporter": str(self.sam.pk),
            "workplace": str(self.ward.pk),
            "starts_on": timezone.localdate().isoformat(),
        }
        cases = {
            "another programme's supporter": {"supporter": str(self.otto.pk)},
            "a participant": {"supporter": str(self.pia.pk)},
            "another programme's unit": {"workplace": str(self.inland_unit.pk)},
            "huge id": {"workplace": HUGE},
            "far date": {"starts_on": "0001-01-01"},
        }
        for label, overrides in cases.items():
            with self.subTest(label):
                response = self.client.post(page, {**base, **overrides})
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "errorlist")
        self.assertEqual(Placement.objects.count(), 0)

    def test_ending_a_placement(self) -> None:
        placement = services.placement_record(
            program=self.program,
            supporter=self.sam,
            workplace=self.ward,
            starts_on=timezone.localdate() - timedelta(days=3),
            by=self.ada,
        )
        self.login(self.olga)
        end = url("placement_end", placement.pk)
        self.assertEqual(self.client.post(end).status_code, 404)
        placement.refresh_from_db()
        self.assertIsNone(placement.ends_on)
        self.login(self.ada)
        response = self.client.post(end, follow=True)
        self.assertContains(response, "The placement has ended.")
        placement.refresh_from_db()
        self.assertEqual(placement.ends_on, timezone.localdate())


class HomeLinksTestCase(PlacementsTestCase):
    def home(self, person) -> str:
        cache.clear()
        self.login(person)
        return self.client.get(reverse("accounts:home")).content.decode()

    def test_each_role_finds_its_way_in(self) -> None:
        self.assertIn(url("overview", "harbour"), self.home(self.ada))
        self.assertIn(url("workplace", "harbour"), self.home(self.wanda))
        self.assertNotIn(url("events", "harbour"), self.home(self.sam))
        self.assertNotIn(url("events", "harbour"), self.home(self.wanda))
        self.event()
        self.assertIn(url("events", "harbour"), self.home(self.sam))
        self.assertIn(url("events", "harbour"), self.home(self.wanda))
        participant = self.home(self.pia)
        self.assertNotIn("/placements/", participant)
