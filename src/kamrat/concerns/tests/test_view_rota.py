from datetime import datetime, timedelta

from django.urls import reverse

from kamrat.concerns.models import EscalationStep, Shift

from .base import NOW, STOCKHOLM, ConcernTestCase


class RotaViewTestCase(ConcernTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.url = reverse("concerns:rota", args=[self.program.slug])
        self.login(self.ada)

    def test_it_shows_who_is_on_call_now_and_next(self) -> None:
        Shift.objects.create(
            program=self.program,
            person=self.cleo,
            starts_at=NOW + timedelta(hours=10),
            ends_at=NOW + timedelta(hours=22),
        )
        response = self.client.get(self.url)
        now, following = response.context["now_shift"], response.context["next_shift"]
        self.assertEqual(now.person, self.ada)
        self.assertEqual(following.person, self.cleo)
        self.assertContains(response, "Cleo Coordinator is on call from")

    def test_an_overnight_shift_is_added_in_the_programme_time(self) -> None:
        response = self.client.post(
            reverse("concerns:shift_add", args=[self.program.slug]),
            {
                "person": self.bo.pk,
                "day": "2026-03-28",
                "starts": "20:00",
                "ends": "08:00",
            },
        )
        self.assertRedirects(response, self.url)
        shift = Shift.objects.get(person=self.bo)
        # Clocks go forward in the night to Sunday 29 March.
        self.assertEqual(shift.starts_at, datetime(2026, 3, 28, 20, tzinfo=STOCKHOLM))
        self.assertEqual(shift.ends_at, datetime(2026, 3, 29, 8, tzinfo=STOCKHOLM))
        self.assertEqual(shift.ends_at - shift.starts_at, timedelta(hours=11))

    def test_bad_shifts_get_a_message_and_change_nothing(self) -> None:
        add = reverse("concerns:shift_add", args=[self.program.slug])
        cases = [
            ({"person": self.sam.pk}, "Choose who is on call from the list."),
            ({"person": self.otto.pk}, "Choose who is on call from the list."),
            ({"day": "soon"}, "Write the day as YYYY-MM-DD."),
            ({"starts": "25:00"}, "Write the time as HH:MM."),
            ({"ends": "20:00"}, "A shift must end after it starts."),
            ({"day": "2026-03-01"}, "This shift is already over."),
        ]
        for overrides, message in cases:
            data = {"person": self.cleo.pk, "day": "2026-03-24", "starts": "20:00"}
            data["ends"] = "08:00"
            data.update(overrides)
            with self.subTest(**{k: str(v) for k, v in overrides.items()}):
                response = self.client.post(add, data)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, message)
        self.assertEqual(Shift.objects.count(), 1)

    def test_a_shift_is_removed_but_not_another_programmes(self) -> None:
        foreign = Shift.objects.create(
            program=self.elsewhere,
            person=self.otto,
            starts_at=NOW,
            ends_at=NOW + timedelta(hours=1),
        )
        for shift in (self.shift, foreign):
            self.client.post(
                reverse("concerns:shift_remove", args=[self.program.slug, shift.pk])
            )
        self.assertEqual(list(Shift.objects.all()), [foreign])

    def test_the_order_is_set_by_place(self) -> None:
        order = reverse("concerns:order", args=[self.program.slug])
        response = self.client.post(
            order,
            {
                f"place_{self.bo.pk}": "1",
                f"place_{self.ada.pk}": "2",
                f"place_{self.cleo.pk}": "",
            },
        )
        self.assertRedirects(response, self.url)
        people = [s.person for s in EscalationStep.objects.order_by("position")]
        self.assertEqual(people, [self.bo, self.ada])

    def test_a_bad_order_gets_a_message_and_changes_nothing(self) -> None:
        order = reverse("concerns:order", args=[self.program.slug])
        for data, message in (
            (
                {f"place_{self.bo.pk}": "1", f"place_{self.ada.pk}": "1"},
                "Give each person a different place.",
            ),
            ({f"place_{self.bo.pk}": "9"}, "Choose a place from the list."),
        ):
            with self.subTest(message=message):
                response = self.client.post(order, data)
                self.assertContains(response, message)
        people = [s.person for s in EscalationStep.objects.order_by("position")]
        self.assertEqual(people, [self.cleo, self.bo])

    def test_only_who_runs_the_programme_keeps_the_rota(self) -> None:
        add = reverse("concerns:shift_add", args=[self.program.slug])
        for person in (self.sam, self.pia, self.wanda, self.olle, self.otto):
            with self.subTest(person=person.name):
                self.login(person)
                self.assertEqual(self.client.get(self.url).status_code, 404)
                response = self.client.post(
                    add,
                    {
                        "person": person.pk,
                        "day": "2026-03-24",
                        "starts": "08:00",
                        "ends": "09:00",
                    },
                )
                self.assertEqual(response.status_code, 404)
        self.assertEqual(Shift.objects.count(), 1)
