from django.urls import reverse

from .base import TrainingTestCase


class TraineeHomeTestCase(TrainingTestCase):
    def test_a_trainee_with_no_role_yet_finds_their_training_at_home(self) -> None:
        cohort = self.make_cohort()
        self.enrol(cohort, self.tess)
        self.client.force_login(self.tess)
        response = self.client.get(reverse("accounts:home"))
        self.assertContains(response, self.program.name)
        self.assertContains(response, "You are taking the basic training")
        self.assertContains(response, reverse("training:mine"))
        self.assertNotContains(response, "You are not part of a programme yet")

    def test_someone_not_enrolled_sees_no_programme(self) -> None:
        self.client.force_login(self.tom)
        response = self.client.get(reverse("accounts:home"))
        self.assertContains(response, "You are not part of a programme yet")
        self.assertNotContains(response, self.program.name)
