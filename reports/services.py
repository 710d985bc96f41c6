"""The life of an annual report: start, draft again, adopt (freeze), publish, correct."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .drafting import DRAFTED_FIELDS, NARRATIVE_FIELDS, draft_parts, report_start
from .models import AnnualReport
from .rendering import render_pdf, sha256


def report_create(council, report_year, *, by):
    """Start the report on ``report_year``; refuses a second report for the same year."""
    report = report_start(council, report_year, by=by)
    report.full_clean()
    report.save()
    return report


def report_redraft(report, *, by):
    """Write the data parts again from the portal's current data."""
    _require_draft(report)
    for field, text in draft_parts(report.council, report.report_year).items():
        setattr(report, field, text)
    report.updated_by = by
    report.save()


def report_adopt(report, *, at_session, on, base_url, by):
    """Freeze the report: render the archival PDF once and keep it with its SHA-256.

    From here on every download serves exactly that file; later changes to members or sessions
    do not touch it. Nothing is saved unless the PDF was written.
    """
    _require_draft(report)
    missing = []
    if report.preparer_id is None:
        missing.append(_("who prepared it"))
    if report.signatory_id is None:
        missing.append(_("who signs it"))
    if missing:
        raise ValidationError(
            _("The report cannot be adopted without %(missing)s.")
            % {"missing": _(" and ").join(missing)}
        )
    pdf = render_pdf(report, base_url=base_url, archive=True)
    with transaction.atomic():
        report.status = AnnualReport.Status.ADOPTED
        report.adopted_at = at_session
        report.adopted_on = on
        report.pdf_sha256 = sha256(pdf)
        report.updated_by = by
        report.pdf.save(report.filename, ContentFile(pdf), save=False)
        try:
            report.save()
        except Exception:
            report.pdf.delete(save=False)
            raise


def report_publish(report, *, by):
    if report.status != AnnualReport.Status.ADOPTED:
        raise ValidationError(_("Only an adopted report can be published."))
    report.status = AnnualReport.Status.PUBLISHED
    report.published_on = timezone.localdate()
    report.updated_by = by
    report.save(update_fields=["status", "published_on", "updated_by", "updated_at"])


def report_correct(report, *, by):
    """A correction of an adopted report: a new draft version; the adopted one is kept as it is."""
    if report.is_draft:
        raise ValidationError(_("A draft is corrected by editing it."))
    if AnnualReport.objects.filter(supersedes=report).exists():
        raise ValidationError(_("This report already has a correction."))
    correction = AnnualReport(
        council=report.council,
        report_year=report.report_year,
        plan_year=report.plan_year,
        version=report.version + 1,
        supersedes=report,
        preparer=report.preparer,
        signatory=report.signatory,
        updated_by=by,
    )
    for field in DRAFTED_FIELDS + NARRATIVE_FIELDS:
        setattr(correction, field, getattr(report, field))
    correction.save()
    return correction


def next_report_year(council):
    """The year "Start the next year" begins: after the latest report, or last year."""
    latest = AnnualReport.objects.filter(council=council).order_by("-report_year").first()
    return latest.report_year + 1 if latest else timezone.localdate().year - 1


def _require_draft(report):
    if not report.is_draft:
        raise ValidationError(_("An adopted report cannot be changed; make a correction instead."))
