from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor) -> None:
    """The lockout counters' table when there is no Redis (see settings)."""
    call_command(
        "createcachetable", database=schema_editor.connection.alias, verbosity=0
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_email_optional_for_guests")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
