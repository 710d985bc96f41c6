# The password-reset requests, taken over from members (its migration 0012) with their table
# members_passwordresetrequest, which members' migration 0008 created: nothing is run on the
# database.

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('members', '0012_password_reset_request_moves_to_sosvet'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='PasswordResetRequest',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('address', models.GenericIPAddressField(null=True)),
                        ('email', models.EmailField(max_length=254)),
                        ('requested_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ],
                    options={
                        'verbose_name': 'password reset request',
                        'verbose_name_plural': 'password reset requests',
                        'db_table': 'members_passwordresetrequest',
                        'ordering': ['-requested_at'],
                        'indexes': [models.Index(fields=['address', 'requested_at'], name='reset_by_address'), models.Index(fields=['email', 'requested_at'], name='reset_by_email')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
