"""Pia keeps a plan in the Harbour programme; Sam is her peer supporter."""

from kamrat.accounts.middleware import TWO_FACTOR_KEY
from kamrat.core.testing import KamratTestCase, make_pairing
from kamrat.privacy.models import ConsentKind, ConsentText
from kamrat.recovery.models import Item, Part
from kamrat.recovery.services import item_add, plan_sharing_set


class RecoveryTestCase(KamratTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.pairing = make_pairing(
            participant=cls.pia, supporter=cls.sam, program=cls.program
        )
        ConsentText.objects.get_or_create(
            program=cls.program,
            kind=ConsentKind.RECOVERY_PLAN,
            version=1,
            defaults={
                "text_sv": "Min kamratstödjare får se det jag delar.",
                "text_da": "Min peer-støttemedarbejder må se det, jeg deler.",
                "text_en": "My peer supporter may see what I share.",
            },
        )

    def setUp(self) -> None:
        super().setUp()
        # These tests read the pages' English wording.
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    def login(self, user) -> None:
        """Sign in; staff count as having passed their second factor."""
        self.client.force_login(user)
        session = self.client.session
        session[TWO_FACTOR_KEY] = True
        session.save()

    def add(self, text: str, part: str = Part.STRENGTH, **kwargs) -> Item:
        fields = {"participant": self.pia, "program": self.program}
        fields.update(kwargs)
        return item_add(part=part, text=text, **fields)

    def share_plan(self, shared: bool = True) -> None:
        plan_sharing_set(participant=self.pia, program=self.program, shared=shared)
