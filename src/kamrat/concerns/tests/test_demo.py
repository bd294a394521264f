from django.test import TestCase
from django.utils import timezone

from kamrat.concerns.models import Concern, EscalationStep
from kamrat.concerns.selectors import on_call_staff, shift_at
from kamrat.core.demo import demo_load
from kamrat.programs.models import Program


class DemoTestCase(TestCase):
    def test_every_demo_programme_has_someone_on_call_and_an_order(self) -> None:
        demo_load()
        for program in Program.objects.all():
            with self.subTest(program=program.slug):
                shift = shift_at(program=program, at=timezone.now())
                self.assertIsNotNone(shift)
                staff = on_call_staff(program=program)
                self.assertIn(shift.person, staff)
                order = EscalationStep.objects.filter(program=program)
                self.assertGreaterEqual(order.count(), 2)
        concern = Concern.objects.get(program__slug="unga-vuxna")
        self.assertEqual(concern.status, Concern.Status.ACKNOWLEDGED)
        self.assertIsNotNone(concern.acknowledged_by)
        self.assertEqual(concern.alerts.filter(sent_at__isnull=False).count(), 1)
