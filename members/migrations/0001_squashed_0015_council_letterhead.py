# members's migrations 0001 to 0015 in one, as makemigrations writes the models of today
# from nothing: a new database (each test run's) is made in a fraction of the time the
# steps took one by one, mostly spent redrawing Django's picture of the models after each.
# A database that has applied all of them takes this one as applied; one part-way
# through goes on with the steps. The dependencies are the steps' own, not today's; the
# steps that moved data (0007, 0010) have none to move in a new database.

import django.db.models.deletion
import django.utils.timezone
import members.collation
import members.models
import members.records
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('members', '0001_initial'),
        ('members', '0002_roles'),
        ('members', '0003_council_convocation_days'),
        ('members', '0004_council_name_genitive'),
        ('members', '0005_history_and_lock_version'),
        ('members', '0006_council_data_version'),
        ('members', '0007_members_version_and_history'),
        ('members', '0008_security_password_reset_request'),
        ('members', '0009_remove_council_data_version'),
        ('members', '0010_council_access'),
        ('members', '0011_second_factor_reset'),
        ('members', '0012_password_reset_request_moves_to_sosvet'),
        ('members', '0013_organization_group_in_the_report'),
        ('members', '0014_slovenian_order'),
        ('members', '0015_council_letterhead'),
    ]

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Council',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('slug', models.SlugField(max_length=60, unique=True, validators=[members.models.validate_not_reserved], verbose_name='short name in addresses')),
                ('name_genitive', models.CharField(blank=True, help_text='As documents say it: poročilo o delu Varnostnega sosveta Mestne občine Ptuj.', max_length=200, verbose_name='name in the genitive')),
                ('municipality', models.CharField(max_length=200, verbose_name='municipality')),
                ('place', models.CharField(blank=True, help_text="Documents are dated from it: Ptuj, 14. 3. 2024. Left empty, the town in the municipality's name is taken (Mestna občina Ptuj: Ptuj).", max_length=100, verbose_name='place on documents')),
                ('address', models.CharField(blank=True, help_text='For example: Mestni trg 1, 2250 Ptuj.', max_length=200, verbose_name='address')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                ('phone', models.CharField(blank=True, max_length=40, verbose_name='phone')),
                ('crest', models.FileField(blank=True, help_text="The municipality's crest or logo for the letterhead: PNG or SVG, up to 1 MB.", upload_to=members.models.crest_upload_to, verbose_name='crest or logo')),
                ('founded_year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='founded in')),
                ('legal_basis', models.TextField(blank=True, verbose_name='legal basis')),
                ('purpose', models.TextField(blank=True, verbose_name='purpose')),
                ('convocation_days', models.PositiveSmallIntegerField(default=7, help_text='How many days before a session the invitation should go out.', verbose_name='convocation period in days')),
                ('lock_version', models.PositiveIntegerField(default=0, editable=False)),
            ],
            options={
                'verbose_name': 'council',
                'verbose_name_plural': 'councils',
                'ordering': [members.collation.Slovenian('name')],
            },
        ),
        migrations.CreateModel(
            name='HistoricalCouncilAccess',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('role', models.CharField(choices=[('secretary', 'secretary'), ('member', 'member'), ('mayors_office', "mayor's office")], max_length=16, verbose_name='role')),
                ('granted_at', models.DateTimeField(blank=True, editable=False, verbose_name='granted')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('council', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.council', verbose_name='council')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('user', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='login')),
            ],
            options={
                'verbose_name': 'historical access to a council',
                'verbose_name_plural': 'historical accesses to councils',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalMandate',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('label', models.CharField(blank=True, help_text='Left empty, it reads like 2022 – 2026.', max_length=40, verbose_name='label')),
                ('starts_on', models.DateField(verbose_name='starts on')),
                ('ends_on', models.DateField(verbose_name='ends on')),
                ('lock_version', models.PositiveIntegerField(default=0, editable=False)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('council', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.council', verbose_name='council')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical mandate',
                'verbose_name_plural': 'historical mandates',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalOrganization',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('short_name', models.CharField(blank=True, help_text='For example: PP Ptuj.', max_length=60, verbose_name='short name')),
                ('report_group', models.CharField(blank=True, help_text="How the annual report names this organization's group after “Člani varnostnega sosveta so predstavniki”, in the genitive: policije, občinske uprave, krajevnih skupnosti. Organizations with the same words are named once, together; left empty, the organization is named by its own name.", max_length=200, verbose_name='group in the annual report')),
                ('report_order', models.PositiveSmallIntegerField(default=0, help_text='Groups and organizations are named from the smallest number up.', verbose_name='order in the annual report')),
                ('lock_version', models.PositiveIntegerField(default=0, editable=False)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('council', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.council', verbose_name='council')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical organization',
                'verbose_name_plural': 'historical organizations',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalPerson',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('honorific', models.CharField(blank=True, help_text='For example: mag., dr.', max_length=30, verbose_name='title')),
                ('first_name', models.CharField(max_length=100, verbose_name='first name')),
                ('last_name', models.CharField(max_length=100, verbose_name='last name')),
                ('gender', models.CharField(choices=[('m', 'male'), ('f', 'female')], help_text='Used for Slovenian agreement: Pripravil / Pripravila.', max_length=1, verbose_name='grammatical gender')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                ('phone', models.CharField(blank=True, max_length=40, verbose_name='phone')),
                ('lock_version', models.PositiveIntegerField(default=0, editable=False)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('council', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.council', verbose_name='council')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('user', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='user account')),
            ],
            options={
                'verbose_name': 'historical person',
                'verbose_name_plural': 'historical people',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Mandate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('label', models.CharField(blank=True, help_text='Left empty, it reads like 2022 – 2026.', max_length=40, verbose_name='label')),
                ('starts_on', models.DateField(verbose_name='starts on')),
                ('ends_on', models.DateField(verbose_name='ends on')),
                ('lock_version', models.PositiveIntegerField(default=0, editable=False)),
                ('council', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='mandates', to='members.council', verbose_name='council')),
            ],
            options={
                'verbose_name': 'mandate',
                'verbose_name_plural': 'mandates',
                'ordering': ['-starts_on'],
            },
            bases=(members.records.KeptInRecord, models.Model),
        ),
        migrations.CreateModel(
            name='Organization',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('short_name', models.CharField(blank=True, help_text='For example: PP Ptuj.', max_length=60, verbose_name='short name')),
                ('report_group', models.CharField(blank=True, help_text="How the annual report names this organization's group after “Člani varnostnega sosveta so predstavniki”, in the genitive: policije, občinske uprave, krajevnih skupnosti. Organizations with the same words are named once, together; left empty, the organization is named by its own name.", max_length=200, verbose_name='group in the annual report')),
                ('report_order', models.PositiveSmallIntegerField(default=0, help_text='Groups and organizations are named from the smallest number up.', verbose_name='order in the annual report')),
                ('lock_version', models.PositiveIntegerField(default=0, editable=False)),
                ('council', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='organizations', to='members.council', verbose_name='council')),
            ],
            options={
                'verbose_name': 'organization',
                'verbose_name_plural': 'organizations',
                'ordering': [members.collation.Slovenian('name')],
            },
            bases=(members.models.ChecksFieldsSetByCode, members.records.KeptInRecord, models.Model),
        ),
        migrations.CreateModel(
            name='Person',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('honorific', models.CharField(blank=True, help_text='For example: mag., dr.', max_length=30, verbose_name='title')),
                ('first_name', models.CharField(max_length=100, verbose_name='first name')),
                ('last_name', models.CharField(max_length=100, verbose_name='last name')),
                ('gender', models.CharField(choices=[('m', 'male'), ('f', 'female')], help_text='Used for Slovenian agreement: Pripravil / Pripravila.', max_length=1, verbose_name='grammatical gender')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                ('phone', models.CharField(blank=True, max_length=40, verbose_name='phone')),
                ('lock_version', models.PositiveIntegerField(default=0, editable=False)),
                ('council', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='people', to='members.council', verbose_name='council')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='people', to=settings.AUTH_USER_MODEL, verbose_name='user account')),
            ],
            options={
                'verbose_name': 'person',
                'verbose_name_plural': 'people',
                'ordering': [members.collation.Slovenian('last_name'), members.collation.Slovenian('first_name')],
            },
            bases=(members.models.ChecksFieldsSetByCode, members.records.KeptInRecord, models.Model),
        ),
        migrations.CreateModel(
            name='Membership',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('chair', 'chair'), ('deputy', 'deputy chair'), ('member', 'member'), ('secretary', 'secretary')], default='member', max_length=12, verbose_name='role')),
                ('function_title', models.CharField(blank=True, help_text='For example: načelnik PP Ptuj.', max_length=200, verbose_name='function')),
                ('starts_on', models.DateField(verbose_name='from')),
                ('ends_on', models.DateField(blank=True, help_text='Left empty: until the end of the mandate.', null=True, verbose_name='until')),
                ('lock_version', models.PositiveIntegerField(default=0, editable=False)),
                ('mandate', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='members.mandate', verbose_name='mandate')),
                ('organization', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='memberships', to='members.organization', verbose_name='organization represented')),
                ('person', models.ForeignKey(blank=True, help_text='Leave empty if the organization has not named its representative yet.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='memberships', to='members.person', verbose_name='person')),
            ],
            options={
                'verbose_name': 'membership',
                'verbose_name_plural': 'memberships',
                'ordering': [members.collation.Slovenian('organization__name'), 'starts_on'],
            },
            bases=(members.records.KeptInRecord, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalMembership',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('role', models.CharField(choices=[('chair', 'chair'), ('deputy', 'deputy chair'), ('member', 'member'), ('secretary', 'secretary')], default='member', max_length=12, verbose_name='role')),
                ('function_title', models.CharField(blank=True, help_text='For example: načelnik PP Ptuj.', max_length=200, verbose_name='function')),
                ('starts_on', models.DateField(verbose_name='from')),
                ('ends_on', models.DateField(blank=True, help_text='Left empty: until the end of the mandate.', null=True, verbose_name='until')),
                ('lock_version', models.PositiveIntegerField(default=0, editable=False)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('mandate', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.mandate', verbose_name='mandate')),
                ('organization', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.organization', verbose_name='organization represented')),
                ('person', models.ForeignKey(blank=True, db_constraint=False, help_text='Leave empty if the organization has not named its representative yet.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.person', verbose_name='person')),
            ],
            options={
                'verbose_name': 'historical membership',
                'verbose_name_plural': 'historical memberships',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='SecondFactorReset',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='when')),
                ('council', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='second_factor_resets', to='members.council', verbose_name='council')),
                ('reset_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='reset by')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='second_factor_resets', to=settings.AUTH_USER_MODEL, verbose_name='login')),
            ],
            options={
                'verbose_name': 'second factor reset',
                'verbose_name_plural': 'second factor resets',
                'ordering': ['-at'],
            },
        ),
        migrations.CreateModel(
            name='CouncilAccess',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('secretary', 'secretary'), ('member', 'member'), ('mayors_office', "mayor's office")], max_length=16, verbose_name='role')),
                ('granted_at', models.DateTimeField(auto_now_add=True, verbose_name='granted')),
                ('council', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='accesses', to='members.council', verbose_name='council')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='council_accesses', to=settings.AUTH_USER_MODEL, verbose_name='login')),
            ],
            options={
                'verbose_name': 'access to a council',
                'verbose_name_plural': 'accesses to councils',
                'ordering': ['council', 'role'],
                'constraints': [models.UniqueConstraint(fields=('council', 'user'), name='access_one_role_per_council', violation_error_message='This login already has a role in this council.')],
            },
        ),
        migrations.AddConstraint(
            model_name='mandate',
            constraint=models.CheckConstraint(condition=models.Q(('ends_on__gt', models.F('starts_on'))), name='mandate_ends_after_start', violation_error_message='A mandate must end after it starts.'),
        ),
        migrations.AddConstraint(
            model_name='organization',
            constraint=models.UniqueConstraint(fields=('council', 'name'), name='organization_unique_name_per_council', violation_error_message='This council already has an organization of that name.'),
        ),
        migrations.AddConstraint(
            model_name='person',
            constraint=models.UniqueConstraint(fields=('council', 'user'), name='person_one_per_login_and_council', violation_error_message='This login is already a person of this council.'),
        ),
        migrations.AddIndex(
            model_name='membership',
            index=models.Index(fields=['mandate', 'starts_on'], name='membership_mandate_start'),
        ),
        migrations.AddConstraint(
            model_name='membership',
            constraint=models.CheckConstraint(condition=models.Q(('ends_on__isnull', True), ('ends_on__gte', models.F('starts_on')), _connector='OR'), name='membership_ends_after_start', violation_error_message='A membership cannot end before it starts.'),
        ),
        migrations.AddConstraint(
            model_name='membership',
            constraint=models.UniqueConstraint(condition=models.Q(('ends_on__isnull', True)), fields=('mandate', 'person'), name='membership_one_open_seat_per_person', violation_error_message='This person already holds a seat in this mandate.'),
        ),
        migrations.AddConstraint(
            model_name='membership',
            constraint=models.UniqueConstraint(condition=models.Q(('ends_on__isnull', True), ('role', 'chair')), fields=('mandate',), name='membership_one_open_chair', violation_error_message='The council already has a chair at that time.'),
        ),
        # The password-reset requests' table (0008 made it), whose model sosvet's migration 0001
        # takes over (0012 gave it away): made here in the database, known there.
        migrations.SeparateDatabaseAndState(
            database_operations=[
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
                        'ordering': ['-requested_at'],
                        'indexes': [models.Index(fields=['address', 'requested_at'], name='reset_by_address'), models.Index(fields=['email', 'requested_at'], name='reset_by_email')],
                    },
                ),
            ],
        ),
    ]
