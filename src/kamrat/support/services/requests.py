"""Asking for a peer supporter, and turning the request into a pairing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kamrat.accounts.models import Membership, Role, User
from kamrat.programs.models import Area, Program

from ..choices import AgeGroup, Gender, Mode, OverrideReason, Topic
from ..models import OPEN_PAIRING_STATES, Pairing, SupportRequest

S = SupportRequest.Status


def _clean_choices(values: list[str], allowed: list[str], message: str) -> list[str]:
    cleaned = [v for v in dict.fromkeys(values) if v in allowed]
    if not cleaned or len(cleaned) != len(set(values)):
        raise ValidationError(message)
    return cleaned


@transaction.atomic
def support_request_create(
    *,
    program: Program,
    participant: User,
    topics: list[str],
    modes: list[str],
    languages: list[str],
    times: list[int],
    area: Area | None = None,
    preferred_gender: str = "",
    preferred_age_group: str = "",
    chooser: str = SupportRequest.Chooser.PARTICIPANT,
    message: str = "",
    referred_by: User | None = None,
) -> SupportRequest:
    """A request from the participant, or from a workplace for them to confirm."""
    if area is not None and area.program_id != program.pk:
        raise ValidationError(_("Choose an area in this programme."))
    if SupportRequest.objects.filter(
        program=program,
        participant=participant,
        status__in=[S.AWAITING_CONFIRMATION, S.OPEN, S.PROPOSED],
    ).exists():
        raise ValidationError(
            _("You already have a request waiting in this programme.")
        )
    if Pairing.objects.filter(
        program=program, participant=participant, status__in=OPEN_PAIRING_STATES
    ).exists():
        raise ValidationError(_("You already have a peer supporter in this programme."))
    request = SupportRequest(
        program=program,
        participant=participant,
        referred_by=referred_by,
        status=S.AWAITING_CONFIRMATION if referred_by else S.OPEN,
        topics=_clean_choices(
            topics, Topic.values, _("Choose what you would like support with.")
        ),
        modes=_clean_choices(modes, Mode.values, _("Choose at least one way to meet.")),
        languages=_clean_choices(
            languages, ["sv", "da", "en"], _("Choose a language.")
        ),
        times=sorted({int(t) for t in times if 0 <= int(t) <= 20}),
        area=area,
        preferred_gender=preferred_gender if preferred_gender in Gender.values else "",
        preferred_age_group=(
            preferred_age_group if preferred_age_group in AgeGroup.values else ""
        ),
        chooser=chooser,
        message=message.strip()[:2000],
    )
    if not request.times:
        raise ValidationError(_("Choose at least one time that suits you."))
    request.full_clean(exclude=["participant", "program"])
    request.save()
    Membership.objects.get_or_create(
        user=participant, program=program, role=Role.PARTICIPANT
    )
    return request


@transaction.atomic
def support_request_confirm(*, request: SupportRequest, by: User) -> SupportRequest:
    """The participant agrees to a request a workplace made for them."""
    request = SupportRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != S.AWAITING_CONFIRMATION or request.participant_id != by.pk:
        raise ValidationError(_("This request cannot be confirmed any more."))
    request.status = S.OPEN
    request.save(update_fields=["status"])
    return request


@transaction.atomic
def support_request_withdraw(*, request: SupportRequest, by: User) -> SupportRequest:
    """The participant changes their mind; their message is deleted with it."""
    request = SupportRequest.objects.select_for_update().get(pk=request.pk)
    if request.status not in {S.AWAITING_CONFIRMATION, S.OPEN, S.PROPOSED}:
        raise ValidationError(_("This request is already closed."))
    Pairing.objects.filter(request=request, status=Pairing.Status.PROPOSED).update(
        status=Pairing.Status.ENDED, ended_at=timezone.now()
    )
    request.status = S.WITHDRAWN
    request.closed_at = timezone.now()
    request.message = ""
    request.save(update_fields=["status", "closed_at", "message"])
    return request


@transaction.atomic
def support_request_take(*, request: SupportRequest, by: User) -> SupportRequest:
    """A coordinator takes the request; only they can read the participant's message."""
    request = SupportRequest.objects.select_for_update().get(pk=request.pk)
    request.handled_by = by
    request.save(update_fields=["handled_by"])
    return request


@transaction.atomic
def support_request_choose(
    *,
    request: SupportRequest,
    supporter: User,
    by: User,
    suggested_ids: list[int],
    override_reason: str = "",
) -> Pairing:
    """Propose a pairing to the peer supporter.

    The participant picks among the suggestions. A coordinator may pick someone
    else, but then gives a reason from the fixed list.
    """
    request = SupportRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != S.OPEN:
        raise ValidationError(_("This request is not waiting for a choice any more."))
    by_participant = by.pk == request.participant_id
    if supporter.pk not in suggested_ids:
        if by_participant:
            raise ValidationError(_("Choose one of the suggested peer supporters."))
        if override_reason not in OverrideReason.values:
            raise ValidationError(_("Give a reason for choosing someone else."))
    if supporter.pk in set(request.excluded.values_list("pk", flat=True)):
        raise ValidationError(
            _("This peer supporter cannot be chosen for this request.")
        )
    if (
        not Membership.objects.active()
        .filter(user=supporter, program=request.program, role=Role.PEER_SUPPORTER)
        .exists()
    ):
        raise ValidationError(_("Choose a peer supporter in this programme."))
    pairing = Pairing.objects.create(
        program=request.program,
        participant=request.participant,
        supporter=supporter,
        request=request,
        chosen_by=(
            SupportRequest.Chooser.PARTICIPANT
            if by_participant
            else SupportRequest.Chooser.COORDINATOR
        ),
        override_reason="" if supporter.pk in suggested_ids else override_reason,
    )
    request.status = S.PROPOSED
    request.save(update_fields=["status"])
    return pairing


@transaction.atomic
def support_request_refer(
    *,
    program: Program,
    by: User,
    participant_name: str,
    participant_email: str,
    **fields,
) -> SupportRequest:
    """A workplace asks on a person's behalf; nothing happens until they confirm.

    The person gets an email to set a password and confirm. Staff write no
    free text about them: the request holds the same choices as any other.
    """
    from kamrat.accounts.services import user_create

    email = participant_email.strip().lower()
    participant = User.objects.filter(email__iexact=email).first() or user_create(
        email=email, name=participant_name, preferred_language=program.default_language
    )
    fields.pop("message", None)
    request = support_request_create(
        program=program, participant=participant, referred_by=by, **fields
    )
    transaction.on_commit(lambda: _enqueue_invitation(request.pk))
    return request


def _enqueue_invitation(request_id: int) -> None:
    from ..tasks import referral_invitation_send

    referral_invitation_send.enqueue(request_id)


def referral_invitation_send_now(*, request_id: int) -> None:
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import translation

    request = SupportRequest.objects.select_related("participant", "program").get(
        pk=request_id
    )
    person = request.participant
    link = settings.SITE_URL + reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(person),
            "key": default_token_generator.make_token(person),
        },
    )
    language = person.preferred_language or request.program.default_language
    with translation.override(language):
        body = render_to_string(
            "support/email/referral.txt",
            {"person": person, "link": link, "site_url": settings.SITE_URL},
        )
        send_mail(_("Kamrat: a question for you"), body, None, [person.email])
