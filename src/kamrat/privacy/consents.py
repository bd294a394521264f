"""Consents: what a participant has agreed to, per programme, right now.

Every change appends a `ConsentEvent`; nothing is overwritten. What holds now is
the newest event for a kind, read fresh on every use and never cached, so a
withdrawal takes effect everywhere at once.

When a coordinator publishes new wording, existing grants stay valid and stay
tied to the version the person saw. The participant's page then says the
wording has changed and asks them to read it again; agreeing again records a
grant of the new version.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils.translation import gettext as _

from kamrat.accounts.models import Membership, Role, User
from kamrat.accounts.permissions import roles_in
from kamrat.programs.models import Program, Workplace

from .models import ConsentEvent, ConsentKind, ConsentText

RUNS_PROGRAM = {Role.COORDINATOR, Role.PROGRAM_ADMIN}
LISTED_PAIRING_STATES = ("active", "paused")


# Who may do what -----------------------------------------------------------


def can_manage_consent_texts(user: User, program: Program) -> bool:
    """Those who run the programme publish its consent wording."""
    if roles_in(user, program.pk) & RUNS_PROGRAM:
        return True
    return False


def can_view_evaluation_list(user: User, program: Program) -> bool:
    """Those who run the programme contact people who agreed to evaluation."""
    if roles_in(user, program.pk) & RUNS_PROGRAM:
        return True
    return False


def can_give_consents(user: User, program: Program) -> bool:
    """Participants decide about their own consents in the programme."""
    if Role.PARTICIPANT in roles_in(user, program.pk):
        return True
    return False


def workplace_of_contact(user: User, program: Program) -> Workplace | None:
    """The unit a workplace contact speaks for in this programme, if any."""
    if Role.WORKPLACE_CONTACT not in roles_in(user, program.pk):
        return None
    membership = (
        Membership.objects.active()
        .filter(
            user=user,
            program=program,
            role=Role.WORKPLACE_CONTACT,
            workplace__isnull=False,
        )
        .select_related("workplace")
        .first()
    )
    return membership.workplace if membership else None


# Reading -------------------------------------------------------------------


def consent_text_current(*, program: Program, kind: str) -> ConsentText | None:
    """The newest published wording of a consent in a programme."""
    return (
        ConsentText.objects.filter(program=program, kind=kind)
        .order_by("-version")
        .first()
    )


def consent_given(participant: User | int, program: Program | int, kind: str) -> bool:
    """True only while the newest event for this kind is a grant.

    Read on every use and never cached, so a withdrawal holds at once everywhere.
    """
    latest = (
        ConsentEvent.objects.filter(participant=participant, program=program, kind=kind)
        .order_by("-at", "-id")
        .values_list("granted", flat=True)
        .first()
    )
    return bool(latest)


def consents_given(program: Program | int, kind: str) -> set[int]:
    """Ids of the participants whose newest event for this kind is a grant."""
    latest: dict[int, bool] = {}
    for participant_id, granted in (
        ConsentEvent.objects.filter(program=program, kind=kind)
        .order_by("participant_id", "-at", "-id")
        .values_list("participant_id", "granted")
    ):
        latest.setdefault(participant_id, granted)
    return {pid for pid, granted in latest.items() if granted}


def ward_knows_given(program: Program | int, workplace: Workplace | int) -> set[int]:
    """Ids of the participants whose newest WARD_KNOWS grant names this unit."""
    workplace_id = workplace if isinstance(workplace, int) else workplace.pk
    latest: dict[int, tuple[bool, int | None]] = {}
    for participant_id, granted, unit in (
        ConsentEvent.objects.filter(program=program, kind=ConsentKind.WARD_KNOWS)
        .order_by("participant_id", "-at", "-id")
        .values_list("participant_id", "granted", "workplace_id")
    ):
        latest.setdefault(participant_id, (granted, unit))
    return {
        pid
        for pid, (granted, unit) in latest.items()
        if granted and unit == workplace_id
    }


@dataclass(frozen=True)
class ConsentState:
    """One kind of consent as a participant sees it on their page."""

    kind: str
    label: str
    current: ConsentText | None
    latest: ConsentEvent | None

    @property
    def granted(self) -> bool:
        return bool(self.latest and self.latest.granted)

    @property
    def wording_changed(self) -> bool:
        """Agreed to an older wording than the one published now."""
        return bool(
            self.granted
            and self.current
            and self.latest.text.version < self.current.version
        )


def consent_states(*, participant: User, program: Program) -> list[ConsentState]:
    """Each consent kind with its current wording and the person's newest event."""
    latest: dict[str, ConsentEvent] = {}
    for event in (
        ConsentEvent.objects.filter(participant=participant, program=program)
        .select_related("text", "workplace")
        .order_by("kind", "-at", "-id")
    ):
        latest.setdefault(event.kind, event)
    current: dict[str, ConsentText] = {}
    for text in ConsentText.objects.filter(program=program).order_by("-version"):
        current.setdefault(text.kind, text)
    return [
        ConsentState(
            kind=kind,
            label=str(label),
            current=current.get(kind),
            latest=latest.get(kind),
        )
        for kind, label in ConsentKind.choices
    ]


def consent_history(*, participant: User, program: Program) -> QuerySet[ConsentEvent]:
    """The person's own grants and withdrawals in a programme, newest first."""
    return (
        ConsentEvent.objects.filter(participant=participant, program=program)
        .select_related("text", "workplace")
        .order_by("-at", "-id")
    )


def consent_text_versions(*, program: Program) -> dict[str, list[ConsentText]]:
    """Every published version per kind, newest first."""
    versions: dict[str, list[ConsentText]] = {kind: [] for kind in ConsentKind.values}
    for text in (
        ConsentText.objects.filter(program=program)
        .select_related("published_by")
        .order_by("kind", "-version")
    ):
        versions[text.kind].append(text)
    return versions


def _participants(program: Program, ids: set[int]) -> QuerySet[User]:
    return (
        User.objects.filter(
            pk__in=ids,
            memberships__program=program,
            memberships__role=Role.PARTICIPANT,
            memberships__is_active=True,
        )
        .distinct()
        .order_by("name", "pk")
    )


def has_supporter_list(*, program: Program, workplace: Workplace) -> list[User]:
    """Participants with a peer supporter who let this unit know it.

    Only people whose newest WARD_KNOWS event is a grant naming this unit, and
    who have an active or paused pairing.
    """
    from kamrat.support.models import Pairing

    agreed = ward_knows_given(program, workplace)
    paired = set(
        Pairing.objects.filter(
            program=program,
            participant_id__in=agreed,
            status__in=LISTED_PAIRING_STATES,
        ).values_list("participant_id", flat=True)
    )
    return list(_participants(program, paired))


def evaluation_list(*, program: Program) -> list[User]:
    """Participants who agreed to be contacted about an evaluation."""
    return list(_participants(program, consents_given(program, ConsentKind.EVALUATION)))


def referral_workplace(*, participant: User, program: Program) -> Workplace | None:
    """The unit that referred the person: offered first when they choose a unit."""
    from kamrat.support.models import SupportRequest

    referrers = (
        SupportRequest.objects.filter(
            program=program, participant=participant, referred_by__isnull=False
        )
        .order_by("-created_at")
        .values_list("referred_by_id", flat=True)
    )
    for referrer in referrers:
        membership = (
            Membership.objects.filter(
                user_id=referrer,
                program=program,
                role=Role.WORKPLACE_CONTACT,
                workplace__isnull=False,
            )
            .select_related("workplace")
            .first()
        )
        if membership:
            return membership.workplace
    return None


# Writing -------------------------------------------------------------------


@transaction.atomic
def consent_set(
    *,
    participant: User,
    program: Program,
    kind: str,
    granted: bool,
    workplace: Workplace | None = None,
) -> ConsentEvent:
    """Record a grant or withdrawal against the current text version.

    A WARD_KNOWS grant names the one unit that may know; other kinds name none.
    Raises ValueError for a kind, text or unit that does not belong here.
    """
    if kind not in ConsentKind.values:
        raise ValueError(f"unknown consent kind {kind!r}")
    text = consent_text_current(program=program, kind=kind)
    if text is None:
        raise ValueError(f"programme has no text for consent {kind!r}")
    if kind != ConsentKind.WARD_KNOWS or not granted:
        workplace = None
    elif workplace is None or workplace.program_id != program.pk:
        raise ValueError("a ward-knows grant names a unit of the programme")
    return ConsentEvent.objects.create(
        participant=participant,
        program=program,
        kind=kind,
        text=text,
        granted=granted,
        workplace=workplace,
    )


@transaction.atomic
def consent_text_publish(
    *,
    program: Program,
    kind: str,
    text_sv: str,
    text_da: str,
    text_en: str,
    by: User | None,
) -> ConsentText:
    """Publish the next version of a consent's wording; earlier versions stay.

    Grants of earlier versions remain valid and point at what the person read.
    Raises ValidationError when the wording is empty or unchanged.
    """
    if kind not in ConsentKind.values:
        raise ValueError(f"unknown consent kind {kind!r}")
    # Lock the programme row so two publishers cannot take the same number.
    Program.objects.select_for_update().filter(pk=program.pk).exists()
    current = consent_text_current(program=program, kind=kind)
    texts = {"text_sv": text_sv, "text_da": text_da, "text_en": text_en}
    texts = {field: value.strip() for field, value in texts.items()}
    if current and all(getattr(current, f) == v for f, v in texts.items()):
        raise ValidationError(
            _("This is the same wording as version %(version)s. Nothing was changed.")
            % {"version": current.version}
        )
    latest = ConsentText.objects.filter(program=program, kind=kind).aggregate(
        Max("version")
    )["version__max"]
    text = ConsentText(
        program=program,
        kind=kind,
        version=(latest or 0) + 1,
        published_by=by,
        **texts,
    )
    text.full_clean()
    text.save()
    return text


def consent_defaults_create(*, program: Program) -> list[ConsentText]:
    """Give a programme version 1 of every consent text it lacks."""
    made = []
    for kind, texts in DEFAULT_TEXTS.items():
        if ConsentText.objects.filter(program=program, kind=kind).exists():
            continue
        made.append(
            ConsentText.objects.create(
                program=program,
                kind=kind,
                version=1,
                text_sv=texts["sv"],
                text_da=texts["da"],
                text_en=texts["en"],
            )
        )
    return made


# Version 1 of every consent, given to each new programme. Stored, not
# translated: each version is the exact wording a person agreed to. Migration
# 0004 holds its own copy, because migrations must not change with the code.
DEFAULT_TEXTS: dict[str, dict[str, str]] = {
    ConsentKind.RECOVERY_PLAN: {
        "sv": (
            "Din återhämtningsplan är din. Om du säger ja kan din peer supporter "
            "läsa det du väljer att dela från planen, så att ni kan prata om den "
            "tillsammans. Ingen annan i verksamheten ser den, och den lämnas "
            "aldrig ut utanför Kamrat. Du kan ta tillbaka ditt ja när du vill, "
            "här eller på sidan med din plan, och då slutar din peer supporter "
            "se den direkt. Att säga nej, eller att ändra dig, påverkar inte det "
            "stöd du får."
        ),
        "da": (
            "Din recovery-plan er din egen. Hvis du siger ja, kan din "
            "peer-støttemedarbejder læse det, du vælger at dele fra planen, så I "
            "kan tale om den sammen. Ingen andre i projektet ser den, og den "
            "bliver aldrig givet videre uden for Kamrat. Du kan trække dit ja "
            "tilbage når som helst, her eller på siden med din plan, og så kan "
            "din peer-støttemedarbejder ikke se den længere. At sige nej, eller "
            "at fortryde, ændrer ikke noget ved den støtte, du får."
        ),
        "en": (
            "Your recovery plan is yours. If you agree, your peer supporter can "
            "read what you choose to share from your plan, so the two of you can "
            "talk about it together. Nobody else in the programme sees it, and it "
            "is never passed on outside Kamrat. You can withdraw your agreement "
            "at any time, here or on your plan page, and your peer supporter "
            "stops seeing it straight away. Saying no, or changing your mind, "
            "changes nothing about the support you get."
        ),
    },
    ConsentKind.WARD_KNOWS: {
        "sv": (
            "Om du säger ja får kontaktpersonen på den avdelning eller mottagning "
            "du väljer se att du har en peer supporter. De ser ditt förnamn och "
            "att du har en peer supporter – inget annat: inte vem din peer "
            "supporter är, inte när ni träffas och ingenting om vad ni pratar om. "
            "Det kan hjälpa personalen där att stötta dig åt samma håll. Du kan "
            "ta tillbaka ditt ja när du vill, och från den stunden ser de det "
            "inte längre. Att säga nej ändrar ingenting i ditt stöd."
        ),
        "da": (
            "Hvis du siger ja, må kontaktpersonen på det afsnit eller "
            "ambulatorium, du vælger, se, at du har en peer-støttemedarbejder. De "
            "ser dit fornavn, og at du har en peer-støttemedarbejder – intet "
            "andet: ikke hvem det er, ikke hvornår I mødes, og intet om det, I "
            "taler om. Det kan hjælpe personalet der med at støtte dig i samme "
            "retning. Du kan trække dit ja tilbage når som helst, og fra det "
            "øjeblik kan de ikke se det længere. At sige nej ændrer intet ved din "
            "støtte."
        ),
        "en": (
            "If you agree, the contact person at the ward or clinic you choose "
            "may see that you have a peer supporter. They see your first name and "
            "that you have a peer supporter – nothing else: not who your peer "
            "supporter is, not when you meet, and nothing about what you talk "
            "about. It can help the staff there support you in the same "
            "direction. You can withdraw at any time, and from that moment they "
            "no longer see it. Saying no changes nothing about your support."
        ),
    },
    ConsentKind.EVALUATION: {
        "sv": (
            "Vi vill lära oss vad peer support betyder för dem som får det, så "
            "att stödet kan bli bättre och fortsätta att finnas. Om du säger ja "
            "får samordnaren se ditt namn och din e-postadress för att fråga om "
            "du vill vara med i en utvärdering, till exempel en kort enkät eller "
            "ett samtal. Det enda du säger ja till här är att bli tillfrågad: du "
            "bestämmer varje gång själv om du vill vara med. Dina svar används "
            "bara i sammanställningar där ingen kan kännas igen. Du kan ta "
            "tillbaka ditt ja när du vill, och att säga nej ändrar ingenting i "
            "ditt stöd."
        ),
        "da": (
            "Vi vil gerne lære, hvad peer-støtte betyder for dem, der får den, så "
            "støtten kan blive bedre og blive ved med at findes. Hvis du siger "
            "ja, må koordinatoren se dit navn og din e-mailadresse for at spørge, "
            "om du har lyst til at være med i en evaluering, for eksempel et kort "
            "spørgeskema eller en samtale. Det eneste, du siger ja til her, er at "
            "blive spurgt: du bestemmer hver gang selv, om du vil være med. Dine "
            "svar bruges kun i opgørelser, hvor ingen kan genkendes. Du kan "
            "trække dit ja tilbage når som helst, og at sige nej ændrer intet ved "
            "din støtte."
        ),
        "en": (
            "We want to learn what peer support means to the people who get it, "
            "so that it can get better and keep going. If you agree, the "
            "coordinator may see your name and email address to ask whether you "
            "would like to take part in an evaluation, for example a short "
            "questionnaire or a conversation. Being asked is all you agree to "
            "here: you decide each time whether to take part. Your answers are "
            "only used in summaries where nobody can be recognised. You can "
            "withdraw at any time, and saying no changes nothing about your "
            "support."
        ),
    },
}
