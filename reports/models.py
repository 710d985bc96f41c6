"""The annual report-and-plan: last year's work and this year's plan in one adopted document."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.models import Session
from meetings.statistics import CHART_KEYS
from members.models import ChecksFieldsSetByCode, Council, Person, validate_document_number
from members.permissions import may
from members.sql import condition

from . import sql

ALL_REPORTS, ADOPTED_REPORTS = "all", "adopted"


def visible_reports(user):
    """Which reports a user's role may open: ``ALL_REPORTS`` for those who may see drafts, else
    ``ADOPTED_REPORTS`` (``sql.adopted``), or None. The one rule, for the queryset's
    ``visible_to`` and the list's SQL (reports/listing.py)."""
    if may(user, "reports.view_draft_annualreport"):
        return ALL_REPORTS
    if may(user, "reports.view_annualreport"):
        return ADOPTED_REPORTS
    return None


class AnnualReportQuerySet(models.QuerySet):
    def adopted(self):
        """Reports no longer drafts (``not AnnualReport.is_draft``): adopted or published."""
        return self.filter(condition(sql.adopted))

    def published(self):
        return self.filter(status=AnnualReport.Status.PUBLISHED)

    def visible_to(self, user):
        """Reports a user's role may open (``visible_reports``)."""
        visible = visible_reports(user)
        if visible == ALL_REPORTS:
            return self
        if visible == ADOPTED_REPORTS:
            return self.adopted()
        return self.none()

    def update(self, **kwargs):
        """Bulk writes send no ``pre_save``, so the rule of reports/records.py is checked here
        too: of an adopted report, only the edit counter may change this way."""
        if set(kwargs) - {"lock_version", "updated_at"} and self.adopted().exists():
            raise ValidationError(
                _("An adopted report cannot be changed; make a correction instead."), code="final"
            )
        return super().update(**kwargs)


def validate_chart_keys(keys):
    if not isinstance(keys, list) or not set(keys) <= set(CHART_KEYS):
        raise ValidationError(_("Choose charts from the statistics page's list."))


def report_upload_to(instance, filename):
    return f"reports/{instance.report_year}/{uuid.uuid4().hex}.pdf"


def report_name(report_year, plan_year, version):
    """What a report is called ("Poročilo 2023 in plan 2024 (v2)"): ``str(report)``, for lists
    that read these three columns alone rather than the report."""
    label = gettext("Report %(year)s and plan %(plan)s") % {"year": report_year, "plan": plan_year}
    return f"{label} (v{version})" if version > 1 else label


class AnnualReport(ChecksFieldsSetByCode, models.Model):
    """One council's report on a year's work with the work plan for the next (e.g. 2023 → 2024).

    The text parts are plain text (a blank line starts a paragraph, "- " a bullet). Parts marked
    "drafted" are written from the portal's data and can be drafted again; the others are
    narrative carried over from the year before.
    """

    # Set by the view and the services, so "one report per council and year" shows on the form.
    SET_BY_CODE = ("council", "version")

    class Status(models.TextChoices):
        # "Poročilo je sprejeto": the status agrees with the report (poročilo, neuter).
        DRAFT = "draft", pgettext_lazy("report", "draft")
        ADOPTED = "adopted", pgettext_lazy("report", "adopted")
        PUBLISHED = "published", pgettext_lazy("report", "published")

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="annual_reports", verbose_name=_("council")
    )
    report_year = models.PositiveSmallIntegerField(_("report year"))
    plan_year = models.PositiveSmallIntegerField(_("plan year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="draft")

    # The number the municipality's filing system gives the document; final once adopted
    # (reports/records.py), a correction gets its own.
    document_number = models.CharField(
        _("document number"),
        max_length=60,
        blank=True,
        validators=[validate_document_number],
        help_text=_("The number in the municipality's filing system, e.g. 0110-1/2024-3."),
    )
    subject = models.CharField(_("subject"), max_length=300)
    salutation = models.CharField(_("salutation"), max_length=100, default="Spoštovani,")
    introduction = models.TextField(_("introduction"), blank=True)
    report_heading = models.CharField(_("heading of part 1"), max_length=200)
    background = models.TextField(_("1.1 Introduction"), blank=True)
    membership = models.TextField(_("1.2 Membership (drafted)"), blank=True)
    sessions = models.TextField(_("1.3 Sessions (drafted)"), blank=True)
    conclusion = models.TextField(_("1.4 Conclusion"), blank=True)
    plan_heading = models.CharField(_("heading of part 2"), max_length=200)
    schedule = models.TextField(_("2.1 Schedule plan (drafted)"), blank=True)
    schedule_note = models.TextField(_("2.1 Note on the invitations"), blank=True)
    topics = models.TextField(_("2.2 Content plan (drafted)"), blank=True)
    projects = models.TextField(_("2.2 Presentations of stakeholders' projects"), blank=True)
    # Keys of meetings.statistics.CHART_CHOICES, shown under 1.3 with the report year's numbers.
    charts = models.JSONField(
        _("charts from the statistics"),
        default=list,
        blank=True,
        validators=[validate_chart_keys],
    )
    # The charts as adopted, numbers and all (Chart.as_data): written once, at adoption, so the
    # adopted text shows what the frozen PDF shows however the data change afterwards.
    charts_as_adopted = models.JSONField(
        _("charts as adopted"), default=list, blank=True, editable=False
    )

    preparer = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prepared by"),
    )
    signatory = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed by"),
        help_text=_("Usually the chair."),
    )
    adopted_at = models.ForeignKey(
        Session,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("adopted at the session"),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    pdf = models.FileField(_("adopted PDF"), upload_to=report_upload_to, blank=True, editable=False)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("corrects"),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    lock_version = models.PositiveIntegerField(default=0, editable=False)

    objects = AnnualReportQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-report_year", "-version"]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        permissions = [("view_draft_annualreport", "Can view draft annual reports")]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "report_year", "version"],
                name="annualreport_one_per_council_year_version",
                violation_error_message=_("This council already has a report for that year."),
            ),
            models.CheckConstraint(
                condition=Q(plan_year=F("report_year") + 1),
                name="annualreport_plan_follows_report_year",
                violation_error_message=_("The plan year must follow the report year."),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(adopted_on__isnull=False) & ~Q(pdf_sha256="")),
                name="annualreport_adopted_has_date_and_pdf",
            ),
        ]

    def __str__(self):
        return report_name(self.report_year, self.plan_year, self.version)

    def get_absolute_url(self):
        return reverse("reports:report", kwargs={"council": self.council.slug, "pk": self.pk})

    # The life cycle (draft → adopted → published), asked by views, forms, templates, the admin
    # and services alike (reports/records.py enforces it below all of those).

    @property
    def is_draft(self):
        """Not adopted yet: it may be edited, drafted again and deleted."""
        return self.status == self.Status.DRAFT

    @property
    def may_be_published(self):
        """Adopted and not yet on the public page."""
        return self.status == self.Status.ADOPTED

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def prepared_by(self):
        """The line above the preparer's name: "Pripravil:" or "Pripravila:", as they are."""
        return self.preparer.agrees(_("Prepared by:"), pgettext_lazy("woman", "Prepared by:"))

    @property
    def filename(self):
        suffix = f"-v{self.version}" if self.version > 1 else ""
        return f"porocilo-{self.report_year}-plan-{self.plan_year}{suffix}.pdf"
