"""The life of an annual report: start, draft again, adopt (freeze), publish, correct.

Adopting, publishing and drafting again change a report that two secretaries may have open at
once, so each claims the report's version first (see ``_claim``): of two at the same moment,
exactly one goes ahead and the other is told why not.
"""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.pdf import sha256
from members.forms import as_version

from .drafting import DRAFTED_FIELDS, NARRATIVE_FIELDS, draft_parts, report_start
from .models import AnnualReport
from .rendering import freeze_charts, render_pdf


def report_create(council, report_year, *, by):
    """Start the report on ``report_year``; refuses a second report for the same year."""
    report = report_start(council, report_year, by=by)
    report.full_clean()
    report.save()
    return report


def redraft_changes(report):
    """The drafted parts that drafting again would replace: ``{field: (now, after)}``."""
    drafted = draft_parts(report.council, report.report_year)
    return {
        field: (getattr(report, field), text)
        for field, text in drafted.items()
        if getattr(report, field) != text
    }


def report_redraft(report, *, by, seen_version=None):
    """Write the data parts again from the portal's current data.

    Moves the version, so an edit form opened before cannot write its older text over the new.
    """
    _require_draft(report)
    with transaction.atomic():
        current = _claim(report, seen_version, AnnualReport.Status.DRAFT)
        for field, text in draft_parts(current.council, current.report_year).items():
            setattr(current, field, text)
        current.updated_by = by
        current.save()
    _refresh(report, current)


def report_adopt(report, *, at_session, on, base_url, by, seen_version=None):
    """Freeze the report: render the archival PDF once and keep it with its SHA-256.

    From here on every download serves exactly that file; later changes to members or sessions
    do not touch it. Nothing is saved unless the PDF was written, and the PDF is written only by
    the one adoption that claimed the report.
    """
    _require_draft(report)
    with transaction.atomic():
        current = _claim(report, seen_version, AnnualReport.Status.DRAFT)
        require_signatures(current)
        freeze_charts(current)
        # The archive is dated the day of adoption.
        current.adopted_at = at_session
        current.adopted_on = on
        # Rendered from the row as claimed, so the file is exactly the text being adopted.
        pdf = render_pdf(current, base_url=base_url, archive=True)
        current.status = AnnualReport.Status.ADOPTED
        current.pdf_sha256 = sha256(pdf)
        current.updated_by = by
        current.pdf.save(current.filename, ContentFile(pdf), save=False)
        try:
            current.save()
        except Exception:
            current.pdf.delete(save=False)
            raise
    _refresh(report, current)


def report_publish(report, *, by, seen_version=None):
    if not report.may_be_published:
        raise ValidationError(_("Only an adopted report can be published."))
    with transaction.atomic():
        current = _claim(report, seen_version, AnnualReport.Status.ADOPTED)
        current.status = AnnualReport.Status.PUBLISHED
        current.published_on = timezone.localdate()
        current.updated_by = by
        current.save(
            update_fields=["status", "published_on", "updated_by", "updated_at", "lock_version"]
        )
    _refresh(report, current)


def report_correct(report, *, by):
    """A correction of an adopted report: a new draft version; the adopted one is kept as it is."""
    if report.is_draft:
        raise ValidationError(_("A draft is corrected by editing it."))
    correction = AnnualReport(
        council=report.council,
        report_year=report.report_year,
        plan_year=report.plan_year,
        version=report.version + 1,
        supersedes=report,
        preparer=report.preparer,
        signatory=report.signatory,
        # The same charts, drawn again from the data until the correction is adopted.
        charts=report.charts,
        updated_by=by,
    )
    for field in DRAFTED_FIELDS + NARRATIVE_FIELDS:
        setattr(correction, field, getattr(report, field))
    try:
        with transaction.atomic():
            # Two corrections started at once: the second waits here, then finds the first.
            AnnualReport.objects.select_for_update().filter(pk=report.pk).first()
            if AnnualReport.objects.filter(supersedes=report).exists():
                raise ValidationError(_("This report already has a correction."))
            correction.save()
    except IntegrityError:  # SQLite does not lock rows; the one-to-one constraint catches it
        raise ValidationError(_("This report already has a correction.")) from None
    return correction


def next_report_year(council):
    """The year "Start the next year" begins: after the latest report, or last year."""
    # The year alone: reading the latest report would read its long text parts too.
    latest = AnnualReport.objects.filter(council=council).aggregate(year=Max("report_year"))["year"]
    return latest + 1 if latest is not None else timezone.localdate().year - 1


def _require_draft(report):
    if not report.is_draft:
        raise ValidationError(_("An adopted report cannot be changed; make a correction instead."))


def require_signatures(report):
    """Refuse a report that names no preparer or no signatory: the document would be unsigned."""
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


def _claim(report, seen_version, status):
    """Lock the report's row for this transaction and move its version, or refuse.

    ``seen_version`` is the version the person's page showed; without one (a request that did
    not carry it), the version of the copy the caller just read.
    The conditional UPDATE comes first on purpose: PostgreSQL holds the row lock from it until
    commit, so a second claim waits and then finds the version moved; SQLite takes its write lock
    with it before anything is read, so two claims cannot lock each other out. The row is then
    read again under the lock, as it is now.
    """
    seen = report.lock_version if seen_version in (None, "") else as_version(seen_version)
    try:
        claimed = AnnualReport.objects.filter(
            pk=report.pk, status=status, lock_version=seen
        ).update(lock_version=F("lock_version") + 1)  # no overflow from a tampered number
    except OperationalError as error:
        # SQLite answers a second writer with "database is locked" when the first is not done
        # in time (at once for an in-memory database); PostgreSQL waits for the row lock.
        if "locked" not in str(error):
            raise
        raise ValidationError(_moved_on(), code="conflict") from None
    if not claimed:
        raise ValidationError(_moved_on(), code="conflict")
    locked = AnnualReport.objects.select_for_update(of=("self",)).select_related("council")
    return locked.get(pk=report.pk)


def _moved_on():
    return _(
        "Someone else changed, adopted or published this report after you opened the page, so "
        "your action was not carried out. Open the report again to see where it stands now."
    )


def _refresh(report, current):
    """Bring the caller's copy up to what was saved, as refresh_from_db would, without a query."""
    for field in AnnualReport._meta.concrete_fields:
        setattr(report, field.attname, getattr(current, field.attname))
    report.pdf = current.pdf
