from django.urls import reverse

from kamrat.core.testing import make_membership, make_program
from kamrat.privacy.consents import consent_given, consent_text_current
from kamrat.privacy.models import ConsentEvent, ConsentKind
from kamrat.recovery.models import Item, Part, Plan
from kamrat.recovery.selectors import plan_items

from .base import RecoveryTestCase


def texts(user) -> list[str]:
    plan = Plan.objects.get(participant=user)
    return [v.text for item in plan_items(plan=plan) for v in (item, *item.steps)]


class PlanPageTestCase(RecoveryTestCase):
    def url(self) -> str:
        return reverse("recovery:plan", args=[self.program.slug])

    def test_it_shows_the_empty_plan_with_hints(self) -> None:
        self.login(self.pia)
        response = self.client.get(self.url())
        self.assertContains(response, "My recovery plan")
        self.assertContains(response, "Add a strength")
        self.assertContains(response, "For example: Phone off at 11 pm.")
        self.assertContains(response, reverse("recovery:print", args=["harbour"]))
        self.assertFalse(Plan.objects.exists())  # reading makes no plan

    def test_it_shows_the_persons_own_words(self) -> None:
        self.add("I keep going", shared=True)
        self.login(self.pia)
        response = self.client.get(self.url())
        self.assertContains(response, "I keep going")
        self.assertContains(response, "Your peer supporter may see this")

    def test_plans_redirects_to_the_only_programme(self) -> None:
        self.login(self.pia)
        response = self.client.get(reverse("recovery:plans"))
        self.assertRedirects(response, self.url())

    def test_plans_lists_each_programme(self) -> None:
        second = make_program(slug="second", name="Second Programme")
        make_membership(user=self.pia, program=second, role="participant")
        self.login(self.pia)
        response = self.client.get(reverse("recovery:plans"))
        self.assertContains(response, "Second Programme")
        self.assertContains(response, "Harbour Peer Support")

    def test_staff_and_strangers_get_404(self) -> None:
        for person in (self.ada, self.sam, self.wanda, self.olle):
            self.login(person)
            with self.subTest(person=person.name):
                self.assertEqual(self.client.get(self.url()).status_code, 404)
                response = self.client.post(
                    reverse("recovery:item_add", args=["harbour", "strength"]),
                    {"text": "sneaky"},
                )
                self.assertEqual(response.status_code, 404)
        self.assertFalse(Item.objects.exists())

    def test_the_home_page_links_to_the_plan(self) -> None:
        self.login(self.pia)
        self.assertContains(self.client.get(reverse("accounts:home")), self.url())

    def test_anonymous_people_are_sent_to_sign_in(self) -> None:
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/login/", response["Location"])


class EditingTestCase(RecoveryTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.login(self.pia)

    def post_add(self, part: str, **data):
        return self.client.post(
            reverse("recovery:item_add", args=["harbour", part]), data
        )

    def test_adding_an_item_keeps_it_private_by_default(self) -> None:
        response = self.post_add("helps", text="  Music and a shower  ")
        self.assertRedirects(
            response, reverse("recovery:plan", args=["harbour"]) + "#part-helps"
        )
        item = Item.objects.get()
        self.assertEqual((item.part, item.shared), (Part.HELPS, False))
        self.assertEqual(texts(self.pia), ["Music and a shower"])

    def test_adding_a_shared_item(self) -> None:
        self.post_add("support", text="The library", shared="on")
        self.assertTrue(Item.objects.get().shared)

    def test_bad_input_changes_nothing(self) -> None:
        for data in ({"text": ""}, {"text": "   "}, {"text": "x" * 1001}, {}):
            with self.subTest(data=str(data)[:20]):
                response = self.post_add("strength", **data)
                self.assertEqual(response.status_code, 302)
                page = self.client.get(response["Location"])
                self.assertContains(page, "Nothing was saved")
        for part in ("step", "diary"):
            self.assertEqual(self.post_add(part, text="x").status_code, 404)
        self.assertFalse(Item.objects.exists())
        self.assertFalse(Plan.objects.exists())

    def test_adding_a_step_to_a_goal_and_marking_it_done(self) -> None:
        goal = self.add("Swim again", part=Part.GOAL)
        self.client.post(
            reverse("recovery:step_add", args=[goal.pk]), {"text": "Find a pool"}
        )
        step = Item.objects.get(part=Part.STEP)
        self.assertEqual(step.goal, goal)
        self.client.post(reverse("recovery:item_action", args=[step.pk, "done"]))
        step.refresh_from_db()
        self.assertTrue(step.done)
        self.assertContains(
            self.client.get(reverse("recovery:plan", args=["harbour"])), "Done:"
        )
        self.client.post(reverse("recovery:item_action", args=[step.pk, "undone"]))
        step.refresh_from_db()
        self.assertFalse(step.done)

    def test_steps_can_only_go_under_a_goal(self) -> None:
        strength = self.add("Patient")
        response = self.client.post(
            reverse("recovery:step_add", args=[strength.pk]), {"text": "x"}
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(Item.objects.count(), 1)

    def test_changing_an_item(self) -> None:
        item = self.add("Old words")
        url = reverse("recovery:item_edit", args=[item.pk])
        self.assertContains(self.client.get(url), "Old words")
        response = self.client.post(url, {"text": "New words", "shared": "on"})
        self.assertEqual(response.status_code, 302)
        item.refresh_from_db()
        self.assertTrue(item.shared)
        self.assertEqual(texts(self.pia), ["New words"])

    def test_changing_to_empty_words_shows_the_form_and_keeps_the_old(self) -> None:
        item = self.add("Old words")
        url = reverse("recovery:item_edit", args=[item.pk])
        response = self.client.post(url, {"text": " ", "shared": "on"})
        self.assertContains(response, "Nothing was saved", status_code=200)
        item.refresh_from_db()
        self.assertFalse(item.shared)
        self.assertEqual(texts(self.pia), ["Old words"])

    def test_share_move_and_remove(self) -> None:
        first = self.add("one")
        second = self.add("two")
        action = lambda item, name: self.client.post(  # noqa: E731
            reverse("recovery:item_action", args=[item.pk, name])
        )
        action(second, "share")
        second.refresh_from_db()
        self.assertTrue(second.shared)
        action(second, "unshare")
        second.refresh_from_db()
        self.assertFalse(second.shared)
        action(second, "up")
        self.assertEqual(texts(self.pia), ["two", "one"])
        action(first, "remove")
        self.assertEqual(texts(self.pia), ["two"])
        self.assertEqual(action(second, "explode").status_code, 404)
        self.assertEqual(
            self.client.get(
                reverse("recovery:item_action", args=[second.pk, "remove"])
            ).status_code,
            405,
        )
        self.assertEqual(texts(self.pia), ["two"])

    def test_another_persons_item_ids_give_404_and_change_nothing(self) -> None:
        theirs = self.add("Their words", participant=self.sam, part=Part.GOAL)
        urls = [
            reverse("recovery:item_edit", args=[theirs.pk]),
            reverse("recovery:step_add", args=[theirs.pk]),
            *(
                reverse("recovery:item_action", args=[theirs.pk, action])
                for action in ("up", "share", "remove")
            ),
        ]
        self.assertEqual(self.client.get(urls[0]).status_code, 404)
        for url in urls:
            with self.subTest(url=url):
                response = self.client.post(url, {"text": "mine now", "shared": "on"})
                self.assertEqual(response.status_code, 404)
        theirs.refresh_from_db()
        self.assertFalse(theirs.shared)
        self.assertEqual(texts(self.sam), ["Their words"])
        self.assertEqual(Item.objects.count(), 1)

    def test_turning_sharing_on_and_off_records_consent(self) -> None:
        url = reverse("recovery:sharing", args=["harbour"])
        page = self.client.get(reverse("recovery:plan", args=["harbour"]))
        wording = consent_text_current(
            program=self.program, kind=ConsentKind.RECOVERY_PLAN
        )
        self.assertContains(page, wording.text("en"))
        self.client.post(url, {"shared": "on"})
        self.assertTrue(
            consent_given(self.pia, self.program, ConsentKind.RECOVERY_PLAN)
        )
        self.client.post(url, {"shared": "off"})
        self.assertFalse(
            consent_given(self.pia, self.program, ConsentKind.RECOVERY_PLAN)
        )
        response = self.client.post(url, {"shared": "maybe"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(ConsentEvent.objects.count(), 2)

    def test_print_page_shows_the_whole_plan_without_forms(self) -> None:
        self.add("Shared strength", shared=True)
        goal = self.add("Private goal", part=Part.GOAL)
        self.add("First step", part=Part.STEP, goal=goal)
        response = self.client.get(reverse("recovery:print", args=["harbour"]))
        for text in ("Shared strength", "Private goal", "First step", "Ctrl+P"):
            self.assertContains(response, text)
        body = response.content.decode()
        self.assertNotIn('action="/recovery/', body)
        self.assertIn("recovery/plan.css", body)
