# reports's migrations 0001 to 0004 in one, as makemigrations writes the models of today
# from nothing: a new database (each test run's) is made in a fraction of the time the
# steps took one by one, mostly spent redrawing Django's picture of the models after each.
# A database that has applied all of them takes this one as applied; one part-way
# through goes on with the steps. The dependencies are the steps' own, not today's.

import django.core.validators
import django.db.models.deletion
import django.db.models.expressions
import members.models
import reports.models
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('reports', '0001_initial'),
        ('reports', '0002_history_and_lock_version'),
        ('reports', '0003_annualreport_statistics_charts'),
        ('reports', '0004_report_document_number'),
    ]

    dependencies = [
        ('meetings', '0003_history_and_lock_version'),
        ('members', '0005_history_and_lock_version'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AnnualReport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('report_year', models.PositiveSmallIntegerField(verbose_name='report year')),
                ('plan_year', models.PositiveSmallIntegerField(verbose_name='plan year')),
                ('version', models.PositiveSmallIntegerField(default=1, verbose_name='version')),
                ('status', models.CharField(choices=[('draft', 'draft'), ('adopted', 'adopted'), ('published', 'published')], default='draft', max_length=10, verbose_name='status')),
                ('document_number', models.CharField(blank=True, help_text="The number in the municipality's filing system, e.g. 0110-1/2024-3.", max_length=60, validators=[django.core.validators.RegexValidator('^[0-9A-Za-zČčŠšŽžĆćĐđ]+(?:[-/. ]+[0-9A-Za-zČčŠšŽžĆćĐđ]+)*$', 'A document number may contain only digits, letters, hyphens (-), slashes (/), full stops (.) and spaces, for example 0110-1/2024-3.', code='document_number')], verbose_name='document number')),
                ('subject', models.CharField(max_length=300, verbose_name='subject')),
                ('salutation', models.CharField(default='Spoštovani,', max_length=100, verbose_name='salutation')),
                ('introduction', models.TextField(blank=True, verbose_name='introduction')),
                ('report_heading', models.CharField(max_length=200, verbose_name='heading of part 1')),
                ('background', models.TextField(blank=True, verbose_name='1.1 Introduction')),
                ('membership', models.TextField(blank=True, verbose_name='1.2 Membership (drafted)')),
                ('sessions', models.TextField(blank=True, verbose_name='1.3 Sessions (drafted)')),
                ('conclusion', models.TextField(blank=True, verbose_name='1.4 Conclusion')),
                ('plan_heading', models.CharField(max_length=200, verbose_name='heading of part 2')),
                ('schedule', models.TextField(blank=True, verbose_name='2.1 Schedule plan (drafted)')),
                ('schedule_note', models.TextField(blank=True, verbose_name='2.1 Note on the invitations')),
                ('topics', models.TextField(blank=True, verbose_name='2.2 Content plan (drafted)')),
                ('projects', models.TextField(blank=True, verbose_name="2.2 Presentations of stakeholders' projects")),
                ('charts', models.JSONField(blank=True, default=list, validators=[reports.models.validate_chart_keys], verbose_name='charts from the statistics')),
                ('charts_as_adopted', models.JSONField(blank=True, default=list, editable=False, verbose_name='charts as adopted')),
                ('adopted_on', models.DateField(blank=True, null=True, verbose_name='adopted on')),
                ('published_on', models.DateField(blank=True, null=True, verbose_name='published on')),
                ('pdf', models.FileField(blank=True, editable=False, upload_to=reports.models.report_upload_to, verbose_name='adopted PDF')),
                ('pdf_sha256', models.CharField(blank=True, max_length=64, verbose_name='SHA-256 of the PDF')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='last changed')),
                ('lock_version', models.PositiveIntegerField(default=0, editable=False)),
                ('adopted_at', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='meetings.session', verbose_name='adopted at the session')),
                ('council', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='annual_reports', to='members.council', verbose_name='council')),
                ('preparer', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='members.person', verbose_name='prepared by')),
                ('signatory', models.ForeignKey(blank=True, help_text='Usually the chair.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='members.person', verbose_name='signed by')),
                ('supersedes', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='superseded_by', to='reports.annualreport', verbose_name='corrects')),
                ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'annual report',
                'verbose_name_plural': 'annual reports',
                'ordering': ['-report_year', '-version'],
                'permissions': [('view_draft_annualreport', 'Can view draft annual reports')],
            },
            bases=(members.models.ChecksFieldsSetByCode, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalAnnualReport',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('report_year', models.PositiveSmallIntegerField(verbose_name='report year')),
                ('plan_year', models.PositiveSmallIntegerField(verbose_name='plan year')),
                ('version', models.PositiveSmallIntegerField(default=1, verbose_name='version')),
                ('status', models.CharField(choices=[('draft', 'draft'), ('adopted', 'adopted'), ('published', 'published')], default='draft', max_length=10, verbose_name='status')),
                ('document_number', models.CharField(blank=True, help_text="The number in the municipality's filing system, e.g. 0110-1/2024-3.", max_length=60, validators=[django.core.validators.RegexValidator('^[0-9A-Za-zČčŠšŽžĆćĐđ]+(?:[-/. ]+[0-9A-Za-zČčŠšŽžĆćĐđ]+)*$', 'A document number may contain only digits, letters, hyphens (-), slashes (/), full stops (.) and spaces, for example 0110-1/2024-3.', code='document_number')], verbose_name='document number')),
                ('subject', models.CharField(max_length=300, verbose_name='subject')),
                ('salutation', models.CharField(default='Spoštovani,', max_length=100, verbose_name='salutation')),
                ('introduction', models.TextField(blank=True, verbose_name='introduction')),
                ('report_heading', models.CharField(max_length=200, verbose_name='heading of part 1')),
                ('background', models.TextField(blank=True, verbose_name='1.1 Introduction')),
                ('membership', models.TextField(blank=True, verbose_name='1.2 Membership (drafted)')),
                ('sessions', models.TextField(blank=True, verbose_name='1.3 Sessions (drafted)')),
                ('conclusion', models.TextField(blank=True, verbose_name='1.4 Conclusion')),
                ('plan_heading', models.CharField(max_length=200, verbose_name='heading of part 2')),
                ('schedule', models.TextField(blank=True, verbose_name='2.1 Schedule plan (drafted)')),
                ('schedule_note', models.TextField(blank=True, verbose_name='2.1 Note on the invitations')),
                ('topics', models.TextField(blank=True, verbose_name='2.2 Content plan (drafted)')),
                ('projects', models.TextField(blank=True, verbose_name="2.2 Presentations of stakeholders' projects")),
                ('charts', models.JSONField(blank=True, default=list, validators=[reports.models.validate_chart_keys], verbose_name='charts from the statistics')),
                ('charts_as_adopted', models.JSONField(blank=True, default=list, editable=False, verbose_name='charts as adopted')),
                ('adopted_on', models.DateField(blank=True, null=True, verbose_name='adopted on')),
                ('published_on', models.DateField(blank=True, null=True, verbose_name='published on')),
                ('pdf', models.TextField(blank=True, editable=False, max_length=100, verbose_name='adopted PDF')),
                ('pdf_sha256', models.CharField(blank=True, max_length=64, verbose_name='SHA-256 of the PDF')),
                ('lock_version', models.PositiveIntegerField(default=0, editable=False)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('adopted_at', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='meetings.session', verbose_name='adopted at the session')),
                ('council', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.council', verbose_name='council')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('preparer', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.person', verbose_name='prepared by')),
                ('signatory', models.ForeignKey(blank=True, db_constraint=False, help_text='Usually the chair.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.person', verbose_name='signed by')),
                ('supersedes', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reports.annualreport', verbose_name='corrects')),
                ('updated_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical annual report',
                'verbose_name_plural': 'historical annual reports',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddConstraint(
            model_name='annualreport',
            constraint=models.UniqueConstraint(fields=('council', 'report_year', 'version'), name='annualreport_one_per_council_year_version', violation_error_message='This council already has a report for that year.'),
        ),
        migrations.AddConstraint(
            model_name='annualreport',
            constraint=models.CheckConstraint(condition=models.Q(('plan_year', django.db.models.expressions.CombinedExpression(models.F('report_year'), '+', models.Value(1)))), name='annualreport_plan_follows_report_year', violation_error_message='The plan year must follow the report year.'),
        ),
        migrations.AddConstraint(
            model_name='annualreport',
            constraint=models.CheckConstraint(condition=models.Q(('status', 'draft'), models.Q(('adopted_on__isnull', False), models.Q(('pdf_sha256', ''), _negated=True)), _connector='OR'), name='annualreport_adopted_has_date_and_pdf'),
        ),
    ]
