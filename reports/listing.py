"""The list of a council's annual reports, as the rows its page shows.

The list is the whole body of the reports page. Read as model instances and asked per row for
the link, the PDF's link, the name, the status and the date, it cost several times the page's
other work (issue 12); so the rows are read as values, in one query, and what every row shares
(the links' pattern, the labels, the date format) is worked out once for the page.
"""

from django.utils import dateformat
from django.utils.formats import get_format

from meetings.models import session_name
from members.addresses import address_for_key

from .models import AnnualReport, report_name

# What a row is made of: the report's columns and the number of the session that adopted it.
COLUMNS = [
    "pk",
    "report_year",
    "plan_year",
    "version",
    "status",
    "adopted_on",
    "adopted_at__number",
]


def report_rows(council, user):
    """The reports of ``council`` the login may see, newest first, as dicts of what the list
    shows: ``name``, ``url``, ``pdf_url``, ``status`` (its label), ``adopted`` (``adoption``)."""
    reports = AnnualReport.objects.filter(council=council).visible_to(user).values_list(*COLUMNS)
    report_url = address_for_key("reports:report", council=council.slug)
    pdf_url = address_for_key("reports:report_pdf", council=council.slug)
    statuses = {status: str(label) for status, label in AnnualReport.Status.choices}
    date_format = get_format("SHORT_DATE_FORMAT")  # as the |date:"SHORT_DATE_FORMAT" filter
    return [
        {
            "name": report_name(report_year, plan_year, version),
            "url": report_url(pk),
            "pdf_url": pdf_url(pk),
            "status": statuses[status],
            "adopted": adoption(adopted_on, session_number, date_format),
        }
        for pk, report_year, plan_year, version, status, adopted_on, session_number in reports
    ]


def adoption(adopted_on, session_number, date_format):
    """When a report was adopted, in one text for its cell (one template node, not four):
    "1. 3. 2025 (13. seja)", the date alone if no session is named, None for a draft."""
    if adopted_on is None:
        return None
    date = dateformat.format(adopted_on, date_format)
    return f"{date} ({session_name(session_number)})" if session_number else date
