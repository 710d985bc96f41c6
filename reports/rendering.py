"""The annual report as HTML and as PDF, from one template.

The preview in the browser and the PDF share ``reports/_document.html``, so what the secretary
sees is what the mayor's office downloads.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from meetings.charts import Chart
from meetings.pdf import html_to_pdf
from meetings.statistics import YearStatistics
from members.models import Membership


def document_context(report, *, draft=None):
    """``draft`` overrides the report's status for the marks "OSNUTEK" (see ``render_pdf``)."""
    return {
        "report": report,
        "council": report.council,
        "signatory": _signatory_seat(report),
        "draft": report.is_draft if draft is None else draft,
        "charts": report_charts(report),
    }


def report_charts(report):
    """The statistics charts the report shows: as they were adopted, or, in a draft, with the
    report year's numbers as they are now."""
    if report.charts_as_adopted:
        return [Chart.from_data(data) for data in report.charts_as_adopted]
    if not report.is_draft or not report.charts:
        return []
    return YearStatistics(report.council, report.report_year).charts(report.charts)


def freeze_charts(report):
    """Keep the draft's charts with their numbers as of now, in the document's language: what
    the adopted PDF shows (call it before rendering that PDF)."""
    with translation.override(settings.LANGUAGE_CODE):
        report.charts_as_adopted = [chart.as_data() for chart in report_charts(report)]


def _signatory_seat(report):
    """The signatory's seat at the end of the report year, for their office and role."""
    if report.signatory_id is None:
        return None
    seat = (
        Membership.objects.filter(person_id=report.signatory_id)
        .on(f"{report.report_year}-12-31")
        .select_related("person")
        .first()
    )
    return seat or Membership(person=report.signatory)


def render_html(report, *, standalone, draft=None):
    """The document as HTML: ``standalone`` for WeasyPrint, else the fragment for a page.

    Standalone, the subject line is the document's first heading (H1 in the PDF's structure);
    within a page, the page has its own H1 and the subject stays a paragraph.
    """
    template = "reports/pdf.html" if standalone else "reports/_document.html"
    context = {**document_context(report, draft=draft), "standalone": standalone}
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(template, context)


def render_pdf(report, *, base_url, archive=False):
    """The report as PDF bytes; ``archive`` for the PDF/A file stored on adoption.

    The archive is rendered while the report is still a draft (the status changes only once the
    file is safely written), yet it is the adopted document: it carries no draft mark.
    """
    html = render_html(report, standalone=True, draft=False if archive else None)
    return html_to_pdf(html, base_url=base_url, archive=archive)
