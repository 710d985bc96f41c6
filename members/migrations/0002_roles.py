"""Once created the three roles as auth groups; roles are per council since 0010, which turns the
groups that earlier installations have into council roles. Kept so that the history of
migrations stays intact."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
