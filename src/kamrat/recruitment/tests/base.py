from datetime import timedelta

from django.utils import timezone

from kamrat.core.testing import KamratTestCase
from kamrat.recruitment.models import Application, Call


class RecruitmentTestCase(KamratTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        today = timezone.localdate()
        self.call = Call.objects.create(
            program=self.program,
            title_sv="Bli kamratstödjare",
            title_en="Become a peer supporter",
            text_sv="Vi söker sju personer.",
            text_en="We are looking for seven people.",
            opens_on=today - timedelta(days=3),
            closes_on=today + timedelta(days=20),
            places=7,
            training_place="Folkets hus, Göteborg",
        )

    def applicant(self, call: Call | None = None, **fields) -> Application:
        values = {
            "name": "Alva Applicant",
            "email": "alva@applicants.test",
            "motivation": "I want to give back what I was given.",
            "availability": ["evenings"],
            "language": "en",
        }
        values.update(fields)
        return Application.objects.create(call=call or self.call, **values)

    def form(self, **overrides) -> dict:
        data = {
            "name": "Alva Applicant",
            "email": "Alva@Applicants.test",
            "phone": "",
            "motivation": "Peer support helped me find my way back.",
            "lived_experience": "",
            "availability": ["weekdays", "evenings"],
            "language": "sv",
        }
        data.update(overrides)
        return data
