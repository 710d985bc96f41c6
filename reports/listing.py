"""The list of a council's annual reports, as the rows its page shows.

The list is the whole body of the reports page. Read as model instances and asked per row for
the link, the PDF's link, the name, the status and the date, it cost several times the page's
other work (issue 12); so the rows are read as values, in one query written as SQL (composing
it through the ORM took longer than the rest of the rows' making, members/sql.py says why), and
what every row shares (the links' pattern, the labels, the date format) is worked out once for
the page.
"""

from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from meetings.models import Session, session_name
from members.addresses import address_for_key
from members.html import html_format
from members.sql import order, read_rows, table

from . import sql
from .models import ADOPTED_REPORTS, ALL_REPORTS, AnnualReport, report_name, visible_reports

# What a row is made of: the report's columns and the number of the session that adopted it.
REPORT = ("id", "report_year", "plan_year", "version", "status", "adopted_on")
# A row of the list is made as HTML in ``row`` (``html_format``, members/html.py: each value
# escaped), one value for reports/report_list.html to write: a dozen template nodes per row cost
# more than the rest of the page.
# Which reports a role sees (``visible_reports``), as SQL about the report ``a``.
VISIBLE = {ALL_REPORTS: lambda a: "1 = 1", ADOPTED_REPORTS: sql.adopted}


def report_rows(council, user):
    """The reports of ``council`` the login may see, newest first, as the list's rows (``row``)."""
    visible = visible_reports(user)
    if visible is None:
        return []
    newest_first = ", ".join(order("a", name) for name in AnnualReport._meta.ordering)
    reports = read_rows(
        [("a", AnnualReport, REPORT), ("s", Session, ("number",))],
        f"""FROM {table(AnnualReport)} a LEFT JOIN {table(Session)} s ON s.id = a.adopted_at_id
        WHERE a.council_id = %s AND {VISIBLE[visible]("a")} ORDER BY {newest_first}""",
        [council.pk],
    )
    report_url = address_for_key("reports:report", council=council.slug)
    pdf_url = address_for_key("reports:report_pdf", council=council.slug)
    statuses = {status: str(label) for status, label in AnnualReport.Status.choices}
    date_format = get_format("SHORT_DATE_FORMAT")  # as the |date:"SHORT_DATE_FORMAT" filter
    download = _("Download")
    return [
        row(
            name=report_name(report["a.report_year"], report["a.plan_year"], report["a.version"]),
            url=report_url(report["a.id"]),
            pdf_url=pdf_url(report["a.id"]),
            status=statuses[report["a.status"]],
            adopted=adoption(report["a.adopted_on"], report["s.number"], date_format) or "—",
            download=download,
        )
        for report in reports
    ]


def row(name, url, pdf_url, status, adopted, download):
    """A report's row (``<tr>``, each value escaped): its name and link, its status, when it was
    adopted (a dash for a draft), its PDF's link."""
    return html_format(
        '<tr><td><a href="{url}">{name}</a></td><td>{status}</td><td>{adopted}</td><td>'
        '<a href="{pdf_url}">{download}<span class="visually-hidden"> {name}</span></a></td></tr>',
        name=name,
        url=url,
        pdf_url=pdf_url,
        status=status,
        adopted=adopted,
        download=download,
    )


def adoption(adopted_on, session_number, date_format):
    """When a report was adopted, in one text for its cell (one template node, not four):
    "1. 3. 2025 (13. seja)", the date alone if no session is named, None for a draft."""
    if adopted_on is None:
        return None
    date = dateformat.format(adopted_on, date_format)
    return f"{date} ({session_name(session_number)})" if session_number else date
