from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """PostgreSQL's unaccent, for searching without diacritics (sosvet/search/finding.py). The operation
    does nothing on other databases."""

    dependencies = [("sosvet", "0001_password_reset_request_from_members")]
    operations = [UnaccentExtension()]
