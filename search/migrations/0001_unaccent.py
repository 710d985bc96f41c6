from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """PostgreSQL's unaccent, for searching without diacritics (search/finding.py). The operation
    does nothing on other databases."""

    initial = True
    dependencies = []
    operations = [UnaccentExtension()]
