"""A demo participant's recovery plan, partly shared with their peer supporter."""

from kamrat.accounts.models import User
from kamrat.privacy.models import AccessEntry, ConsentKind, ConsentText
from kamrat.privacy.services import access_log
from kamrat.programs.models import Program

from .models import Part
from .services import item_add, plan_sharing_set, step_mark

CONSENT_TEXT = {
    "text_sv": "Min kamratstödjare får se de delar av min återhämtningsplan som jag "
    "väljer att dela. Jag kan sluta dela när jag vill.",
    "text_da": "Min peer-støttemedarbejder må se de dele af min recovery-plan, som "
    "jeg vælger at dele. Jeg kan stoppe med at dele, når jeg vil.",
    "text_en": "My peer supporter may see the parts of my recovery plan that I choose "
    "to share. I can stop sharing whenever I want.",
}

# (part, text, shared); a goal's steps follow it as (step, text, shared, done).
PLANS = {
    "sv": [
        (Part.STRENGTH, "Jag är envis på ett bra sätt.", True),
        (Part.STRENGTH, "Jag är snäll mot djur och småsyskon.", False),
        (Part.GOAL, "Börja plugga igen till hösten.", True),
        (Part.STEP, "Ringa studievägledaren.", True, True),
        (Part.STEP, "Gå förbi komvux och titta.", True, False),
        (Part.SLEEP, "Mobilen i köket efter klockan 23.", True),
        (Part.FOOD, "Frukost, även en liten.", False),
        (Part.MOVEMENT, "En promenad runt sjön efter lunch.", True),
        (Part.EARLY_SIGN, "Jag slutar svara i telefon.", True),
        (Part.HELPS, "Musik i hörlurar och en varm dusch.", True),
        (Part.OTHERS_CAN_DO, "Fråga om vi ska ta en promenad. Inga råd direkt.", True),
        (Part.SUPPORT, "Min moster Lena.", False),
        (Part.SUPPORT, "Biblioteket på torget.", True),
    ],
    "da": [
        (Part.STRENGTH, "Jeg er god til at lytte.", True),
        (Part.STRENGTH, "Jeg giver ikke op.", False),
        (Part.GOAL, "Komme i gang med at svømme igen.", True),
        (Part.STEP, "Finde ud af, hvornår svømmehallen åbner.", True, True),
        (Part.STEP, "Købe et nyt badehåndklæde.", True, False),
        (Part.SLEEP, "Telefonen ud af soveværelset kl. 23.", True),
        (Part.FOOD, "Morgenmad, også en lille en.", False),
        (Part.MOVEMENT, "En gåtur langs søerne efter frokost.", True),
        (Part.EARLY_SIGN, "Jeg holder op med at tage telefonen.", True),
        (Part.HELPS, "Musik og et varmt bad.", True),
        (Part.OTHERS_CAN_DO, "Spørg, om vi skal gå en tur. Lyt først.", True),
        (Part.SUPPORT, "Min nabo Jens.", False),
        (Part.SUPPORT, "Recovery-caféen om torsdagen.", True),
    ],
}


def demo_plan_load(
    *, program: Program, participant: User, supporter: User, language: str
) -> None:
    """Give the participant a plan, share part of it, and record one supporter read."""
    ConsentText.objects.get_or_create(
        program=program,
        kind=ConsentKind.RECOVERY_PLAN,
        version=1,
        defaults=CONSENT_TEXT,
    )
    goal = None
    for row in PLANS.get(language, PLANS["sv"]):
        part, text, shared = row[:3]
        item = item_add(
            participant=participant,
            program=program,
            part=part,
            text=text,
            shared=shared,
            goal=goal if part == Part.STEP else None,
        )
        if part == Part.GOAL:
            goal = item
        if part == Part.STEP and row[3]:
            step_mark(item=item, done=True)
    plan_sharing_set(participant=participant, program=program, shared=True)
    access_log(
        reader=supporter,
        participants=[participant],
        program=program,
        what=AccessEntry.What.RECOVERY_PLAN,
        purpose=AccessEntry.Purpose.SUPPORT,
    )
