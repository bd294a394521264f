from datetime import datetime, timedelta

from django.test import override_settings
from django.utils import timezone

from kamrat.privacy.rights import rights_modules
from kamrat.recruitment import rights
from kamrat.recruitment.models import Application

from .base import RecruitmentTestCase

Step = Application.Step


class RetentionTestCase(RecruitmentTestCase):
    def at(self, days_after_close: int) -> datetime:
        closes = self.call.closes_on + timedelta(days=days_after_close)
        return timezone.make_aware(datetime(closes.year, closes.month, closes.day, 12))

    def test_applicants_go_after_the_period_except_who_accepted(self) -> None:
        self.applicant(email="a@x.test", step=Step.RECEIVED)
        self.applicant(email="b@x.test", step=Step.RESERVE)
        kept = self.applicant(email="c@x.test", step=Step.ACCEPTED)
        self.assertEqual(rights.retain(now=self.at(180)), 0)
        self.assertEqual(Application.objects.count(), 3)
        self.assertEqual(rights.retain(now=self.at(181)), 2)
        self.assertEqual(list(Application.objects.all()), [kept])

    @override_settings(APPLICANT_DAYS=30)
    def test_the_period_is_configurable(self) -> None:
        self.applicant()
        self.assertEqual(rights.retain(now=self.at(31)), 1)

    def test_the_privacy_job_finds_this_module(self) -> None:
        self.assertIn("recruitment", dict(rights_modules()))
        self.assertEqual(rights.export(self.pia), {})
