import json

from django.urls import reverse
from django.utils.html import escape

from kamrat.privacy.models import AccessEntry
from kamrat.privacy.rights import SCHEMA_VERSION, person_export, rights_modules

from .test_rights_base import EMAIL, MESSAGE, NAME, PLACE, PLAN_TEXT, RightsTestCase


class ExportTestCase(RightsTestCase):
    def download(self) -> dict:
        response = self.client.get(reverse("privacy:export"), {"format": "json"})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(
            response["Content-Disposition"].startswith("attachment; filename=")
        )
        self.assertIn("application/json", response["Content-Type"])
        return json.loads(response.content)

    def test_every_app_with_personal_data_is_found(self) -> None:
        labels = [label for label, _module in rights_modules()]
        for label in ("accounts", "support", "privacy", "recovery"):
            self.assertIn(label, labels)
        self.assertEqual(labels[0], "accounts")
        self.assertNotIn("programs", labels)

    def test_download_parses_and_holds_everything_listed(self) -> None:
        self.login(self.zelda)
        document = self.download()
        self.assertEqual(document["schema_version"], SCHEMA_VERSION)
        self.assertTrue(document["exported_at"])
        data = document["data"]
        profile = data["accounts"]["profile"]
        self.assertEqual((profile["name"], profile["email"]), (NAME, EMAIL))
        self.assertEqual(profile["preferred_language"], "en")
        self.assertEqual(
            [(m["programme"], m["role"]) for m in data["accounts"]["memberships"]],
            [(self.program.name, "participant")],
        )
        support = data["support"]
        self.assertEqual([r["message"] for r in support["requests"]], [MESSAGE])
        self.assertEqual(support["requests"][0]["topics"], ["talk"])
        self.assertEqual([p["supporter"] for p in support["pairings"]], ["Sam"])
        self.assertEqual(
            sorted((m["mode"], m["status"]) for m in support["meetings"]),
            [("fika", "scheduled"), ("video", "kept"), ("walk", "kept")],
        )
        self.assertIn(PLACE, [m["place"] for m in support["meetings"]])
        self.assertEqual(len(support["calendar_feeds"]), 1)
        self.assertEqual([n["kind"] for n in support["notifications"]], ["booked"])
        consents = data["privacy"]["consents"]
        self.assertEqual(
            sorted(c["kind"] for c in consents), ["evaluation", "ward_knows"]
        )
        ward = next(c for c in consents if c["kind"] == "ward_knows")
        self.assertEqual((ward["text_version"], ward["workplace"]), (1, "Ward 7"))
        self.assertTrue(ward["text"])
        self.assertEqual(
            sorted(e["what"] for e in data["privacy"]["access_log"]),
            ["meetings", "request"],
        )
        plan_texts = [
            item["text"]
            for plan in data["recovery"]["recovery_plans"]
            for item in plan["items"]
        ]
        self.assertEqual(plan_texts, [PLAN_TEXT])

    def test_nothing_of_other_people_is_in_it(self) -> None:
        self.login(self.zelda)
        text = json.dumps(self.download(), ensure_ascii=False)
        for foreign in (
            "Pia's private words",
            "Pia's clinic room",
            self.pia.email,
            self.pia.name,
            self.sam.email,
            self.sam.name,
            self.ada.name,
            "quinterossa-feed-token",
        ):
            self.assertNotIn(foreign, text)

    def test_page_shows_the_same_in_words(self) -> None:
        self.login(self.zelda)
        response = self.client.get(reverse("privacy:export"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Cache-Control"], "private, no-store")
        for shown in (NAME, EMAIL, MESSAGE, PLACE, PLAN_TEXT, "Walk-and-talk"):
            self.assertContains(response, escape(shown))
        self.assertNotContains(response, "Pia&#x27;s private words")
        self.assertNotContains(response, self.sam.email)

    def test_it_is_always_the_signed_in_persons_own_data(self) -> None:
        self.login(self.ada)
        response = self.client.get(
            reverse("privacy:export"), {"format": "json", "user": self.zelda.pk}
        )
        data = json.loads(response.content)["data"]
        self.assertEqual(data["accounts"]["profile"]["email"], self.ada.email)
        self.assertNotIn(MESSAGE, response.content.decode())
        self.assertEqual(data["support"]["requests"], [])

    def test_reading_ones_own_data_is_not_a_staff_read(self) -> None:
        before = AccessEntry.objects.count()
        self.login(self.zelda)
        self.client.get(reverse("privacy:export"))
        self.download()
        self.assertEqual(AccessEntry.objects.count(), before)

    def test_signed_out_visitor_is_sent_to_sign_in(self) -> None:
        response = self.client.get(reverse("privacy:export"), {"format": "json"})
        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/login/", response["Location"])

    def test_export_matches_the_service(self) -> None:
        self.login(self.zelda)
        document = self.download()
        self.assertEqual(document["data"], person_export(user=self.zelda)["data"])
