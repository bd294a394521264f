"""Emails about urgent concerns, sent by the same worker as meeting mail.

Rows are written in the concern's transaction and sent after the commit. A row
is locked while it is sent and marked sent at once, so no one is told twice;
SMTP trouble leaves it for a retry. The mail names no one: it only says that
there is a concern and where to answer it.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import Concern, ConcernAlert

logger = logging.getLogger(__name__)


def alerts_enqueue(
    *,
    alert_ids: list[int],
    concern_id: int,
    step: int,
    escalate_at: datetime | None,
) -> None:
    """Send these alerts now and plan the next step if nobody answers."""
    from ..tasks import concern_alert_send, concern_escalate_step

    for pk in alert_ids:
        concern_alert_send.enqueue(pk)
    if escalate_at is not None:
        concern_escalate_step.using(run_after=escalate_at).enqueue(concern_id, step)


def concern_alert_send_now(*, alert_id: int) -> bool:
    """Send one alert if still unsent and still needed. True when it went out."""
    with transaction.atomic():
        alert = (
            ConcernAlert.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("concern__program", "recipient")
            .filter(pk=alert_id, sent_at__isnull=True)
            .first()
        )
        if alert is None:
            return False
        if alert.concern.status != Concern.Status.OPEN:
            # Answered meanwhile: nobody needs to be woken for it any more.
            alert.delete()
            return False
        try:
            _message(alert).send()
        except OSError:
            alert.attempts += 1
            alert.save(update_fields=["attempts"])
            logger.warning("concern alert %s not sent; will retry", alert.pk)
            retry_at = timezone.now() + timedelta(minutes=min(alert.attempts, 5))
            transaction.on_commit(lambda: _retry(alert.pk, retry_at))
            return False
        alert.sent_at = timezone.now()
        alert.attempts += 1
        alert.save(update_fields=["sent_at", "attempts"])
        return True


def _retry(alert_id: int, at: datetime) -> None:
    from ..tasks import concern_alert_send

    concern_alert_send.using(run_after=at).enqueue(alert_id)


def concern_alerts_sweep() -> int:
    """Send every alert still waiting, e.g. after the mail server was down."""
    waiting = ConcernAlert.objects.filter(
        sent_at__isnull=True, concern__status=Concern.Status.OPEN
    )
    return sum(
        concern_alert_send_now(alert_id=pk)
        for pk in waiting.values_list("pk", flat=True)
    )


def _message(alert: ConcernAlert) -> EmailMessage:
    concern = alert.concern
    recipient = alert.recipient
    language = recipient.preferred_language or concern.program.default_language
    with translation.override(language):
        context = {
            "concern": concern,
            "recipient": recipient,
            "everyone": alert.step > len(concern.ladder),
            "minutes": settings.CONCERN_ESCALATE_MINUTES,
            "link": settings.SITE_URL + reverse("concerns:detail", args=[concern.pk]),
        }
        body = render_to_string("concerns/email/concern.txt", context)
        return EmailMessage(
            subject=_("Kamrat: urgent concern"), body=body, to=[recipient.email]
        )
