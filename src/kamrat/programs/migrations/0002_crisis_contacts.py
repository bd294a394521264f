"""Every installation starts with the crisis numbers of Sweden and Denmark."""

from django.db import migrations

CONTACTS = [
    ("SE", "emergency", "SOS Alarm", "112", 0),
    ("SE", "health_advice", "1177 Vårdguiden", "1177", 1),
    ("SE", "suicide_line", "Mind Självmordslinjen", "90101", 2),
    ("DK", "emergency", "Alarm 112", "112", 0),
    ("DK", "suicide_line", "Livslinien", "70 201 201", 1),
]


def add_contacts(apps, schema_editor):
    CrisisContact = apps.get_model("programs", "CrisisContact")
    for country, kind, name, number, position in CONTACTS:
        CrisisContact.objects.get_or_create(
            country=country,
            number=number,
            defaults={"kind": kind, "name": name, "position": position},
        )


class Migration(migrations.Migration):
    dependencies = [("programs", "0001_initial")]
    operations = [migrations.RunPython(add_contacts, migrations.RunPython.noop)]
