"""Version 1 of every consent text for the programmes that exist already.

The wording is written out here, not imported, so this migration stays the same
when the defaults in the code change later.
"""

from django.db import migrations

TEXTS = {
    "recovery_plan": {
        "sv": "Din återhämtningsplan är din. Om du säger ja kan din "
        "peer supporter läsa det du väljer att dela från planen, "
        "så att ni kan prata om den tillsammans. Ingen annan i "
        "verksamheten ser den, och den lämnas aldrig ut utanför "
        "Kamrat. Du kan ta tillbaka ditt ja när du vill, här "
        "eller på sidan med din plan, och då slutar din peer "
        "supporter se den direkt. Att säga nej, eller att ändra "
        "dig, påverkar inte det stöd du får.",
        "da": "Din recovery-plan er din egen. Hvis du siger ja, kan din "
        "peer-støttemedarbejder læse det, du vælger at dele fra "
        "planen, så I kan tale om den sammen. Ingen andre i "
        "projektet ser den, og den bliver aldrig givet videre "
        "uden for Kamrat. Du kan trække dit ja tilbage når som "
        "helst, her eller på siden med din plan, og så kan din "
        "peer-støttemedarbejder ikke se den længere. At sige nej, "
        "eller at fortryde, ændrer ikke noget ved den støtte, du "
        "får.",
        "en": "Your recovery plan is yours. If you agree, your peer "
        "supporter can read what you choose to share from your "
        "plan, so the two of you can talk about it together. "
        "Nobody else in the programme sees it, and it is never "
        "passed on outside Kamrat. You can withdraw your "
        "agreement at any time, here or on your plan page, and "
        "your peer supporter stops seeing it straight away. "
        "Saying no, or changing your mind, changes nothing about "
        "the support you get.",
    },
    "ward_knows": {
        "sv": "Om du säger ja får kontaktpersonen på den avdelning eller "
        "mottagning du väljer se att du har en peer supporter. De "
        "ser ditt förnamn och att du har en peer supporter – inget "
        "annat: inte vem din peer supporter är, inte när ni träffas "
        "och ingenting om vad ni pratar om. Det kan hjälpa "
        "personalen där att stötta dig åt samma håll. Du kan ta "
        "tillbaka ditt ja när du vill, och från den stunden ser de "
        "det inte längre. Att säga nej ändrar ingenting i ditt stöd.",
        "da": "Hvis du siger ja, må kontaktpersonen på det afsnit eller "
        "ambulatorium, du vælger, se, at du har en "
        "peer-støttemedarbejder. De ser dit fornavn, og at du har en "
        "peer-støttemedarbejder – intet andet: ikke hvem det er, "
        "ikke hvornår I mødes, og intet om det, I taler om. Det kan "
        "hjælpe personalet der med at støtte dig i samme retning. Du "
        "kan trække dit ja tilbage når som helst, og fra det øjeblik "
        "kan de ikke se det længere. At sige nej ændrer intet ved "
        "din støtte.",
        "en": "If you agree, the contact person at the ward or clinic you "
        "choose may see that you have a peer supporter. They see "
        "your first name and that you have a peer supporter – "
        "nothing else: not who your peer supporter is, not when you "
        "meet, and nothing about what you talk about. It can help "
        "the staff there support you in the same direction. You can "
        "withdraw at any time, and from that moment they no longer "
        "see it. Saying no changes nothing about your support.",
    },
    "evaluation": {
        "sv": "Vi vill lära oss vad peer support betyder för dem som får "
        "det, så att stödet kan bli bättre och fortsätta att finnas. "
        "Om du säger ja får samordnaren se ditt namn och din "
        "e-postadress för att fråga om du vill vara med i en "
        "utvärdering, till exempel en kort enkät eller ett samtal. "
        "Det enda du säger ja till här är att bli tillfrågad: du "
        "bestämmer varje gång själv om du vill vara med. Dina svar "
        "används bara i sammanställningar där ingen kan kännas igen. "
        "Du kan ta tillbaka ditt ja när du vill, och att säga nej "
        "ändrar ingenting i ditt stöd.",
        "da": "Vi vil gerne lære, hvad peer-støtte betyder for dem, der "
        "får den, så støtten kan blive bedre og blive ved med at "
        "findes. Hvis du siger ja, må koordinatoren se dit navn og "
        "din e-mailadresse for at spørge, om du har lyst til at være "
        "med i en evaluering, for eksempel et kort spørgeskema eller "
        "en samtale. Det eneste, du siger ja til her, er at blive "
        "spurgt: du bestemmer hver gang selv, om du vil være med. "
        "Dine svar bruges kun i opgørelser, hvor ingen kan "
        "genkendes. Du kan trække dit ja tilbage når som helst, og "
        "at sige nej ændrer intet ved din støtte.",
        "en": "We want to learn what peer support means to the people who "
        "get it, so that it can get better and keep going. If you "
        "agree, the coordinator may see your name and email address "
        "to ask whether you would like to take part in an "
        "evaluation, for example a short questionnaire or a "
        "conversation. Being asked is all you agree to here: you "
        "decide each time whether to take part. Your answers are "
        "only used in summaries where nobody can be recognised. You "
        "can withdraw at any time, and saying no changes nothing "
        "about your support.",
    },
}


def texts_create(apps, schema_editor):
    program_model = apps.get_model("programs", "Program")
    text_model = apps.get_model("privacy", "ConsentText")
    for program in program_model.objects.all():
        for kind, words in TEXTS.items():
            if text_model.objects.filter(program=program, kind=kind).exists():
                continue
            text_model.objects.create(
                program=program,
                kind=kind,
                version=1,
                text_sv=words["sv"],
                text_da=words["da"],
                text_en=words["en"],
            )


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0003_consent_unit_and_publisher"),
    ]

    operations = [
        # Nothing to undo: texts that are referenced by grants must stay.
        migrations.RunPython(texts_create, migrations.RunPython.noop),
    ]
