"""The email that welcomes a person to their training and to Kamrat.

It goes after the enrolment is committed, through the worker, in the person's
language. A person without a password gets a link to choose one. When the mail
server is away, the task tries again later with a growing pause.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from .models import Enrolment

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 8


def invitation_enqueue(
    enrolment_id: int, attempt: int = 0, at: datetime | None = None
) -> None:
    from .tasks import training_invitation_send

    task = training_invitation_send
    if at is not None:
        task = task.using(run_after=at)
    task.enqueue(enrolment_id, attempt)


def invitation_send_now(*, enrolment_id: int, attempt: int = 0) -> bool:
    """Send the invitation if the person is still enrolled. True when it went out."""
    enrolment = (
        Enrolment.objects.select_related("user", "cohort__program")
        .filter(pk=enrolment_id, status=Enrolment.Status.ENROLLED)
        .first()
    )
    if enrolment is None or not enrolment.user.email:
        return False
    subject, body = _message(enrolment)
    try:
        send_mail(subject, body, None, [enrolment.user.email])
    except OSError:
        logger.warning(
            "training invitation for enrolment %s not sent (try %s)",
            enrolment.pk,
            attempt + 1,
        )
        if attempt + 1 < MAX_ATTEMPTS:
            retry_at = timezone.now() + timedelta(minutes=min(2 ** (attempt + 1), 60))
            invitation_enqueue(enrolment.pk, attempt + 1, retry_at)
        return False
    return True


def _password_link(user) -> str:
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    return settings.SITE_URL + reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )


def _message(enrolment: Enrolment) -> tuple[str, str]:
    user = enrolment.user
    cohort = enrolment.cohort
    program = cohort.program
    needs_password = not user.has_usable_password()
    language = user.preferred_language or program.default_language
    with translation.override(language):
        context = {
            "person": user,
            "cohort": cohort,
            "program": program,
            "starts": formats.date_format(cohort.starts_on, "j F Y"),
            "ends": formats.date_format(cohort.ends_on, "j F Y"),
            "needs_password": needs_password,
            "link": (
                _password_link(user)
                if needs_password
                else settings.SITE_URL + reverse("account_login")
            ),
            "schedule": settings.SITE_URL + reverse("training:mine"),
        }
        subject = _("%(programme)s: welcome to the basic training") % {
            "programme": program.name
        }
        body = render_to_string("training/email/invitation.txt", context)
    return subject, body
