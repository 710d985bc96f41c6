# The password-reset requests of the login throttle belong to the project package sosvet; its
# migration 0001 takes the model over. Only Django's picture of the models changes: the table
# (members_passwordresetrequest) and its rows stay as they are.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0011_second_factor_reset'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='PasswordResetRequest')],
            database_operations=[],
        ),
    ]
