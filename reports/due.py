"""What the reports app adds to the overview (members/overview.py).

Every January the report on the year just ended (with the plan for the new one) becomes due: the
secretary is told to start it, then to adopt it; the mayor's office sees where it stands and gets
the latest adopted report to download.
"""

import datetime

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from members.overview import DueItem
from members.permissions import may
from members.sql import exists, first_row

from .models import AnnualReport
from .sql import adopted

REPORT_FIELDS = ("pk", "report_year", "plan_year", "version", "status", "adopted_on")

# The council's (``c``) reports, as SQL (members/sql.py says why; tests/meetings/
# test_overview_sql.py holds each to the ORM's rule), from FROM on.


def report_on_year(c):
    """The report on a year in its latest version (a correction of an adopted one included)."""
    return f"""
        FROM reports_annualreport WHERE council_id = {c}.id AND report_year = %(year)s
        ORDER BY version DESC LIMIT 1"""


def latest_adopted(c):
    """The latest report no longer a draft (the rule of ``AnnualReport.objects.adopted()``)."""
    return f"""
        FROM reports_annualreport a WHERE a.council_id = {c}.id AND {adopted("a")}
        ORDER BY report_year DESC, version DESC LIMIT 1"""


def sat_in_year(c):
    """Only a council that sat in a year owes a report on it: a mandate of it overlaps the year."""
    return f"""
        SELECT 1 FROM members_mandate
        WHERE council_id = {c}.id AND starts_on <= %(last_day)s AND ends_on >= %(first_day)s"""


def figures(council, user, today):
    if not may(user, "reports.view_draft_annualreport"):
        return {}
    year = today.year - 1
    row = {
        "sat_last_year": exists(
            sat_in_year,
            first_day=datetime.date(year, 1, 1),
            last_day=datetime.date(year, 12, 31),
        ),
        **_fields("current", report_on_year, year=year),
    }
    if not _drafts_reports(user):
        row.update(_fields("latest", latest_adopted))
    return row


def _fields(prefix, reports, **params):
    """The fields of the first of ``reports`` (members.sql.first_row), each under ``prefix``."""
    fields = first_row(AnnualReport, REPORT_FIELDS, reports, **params)
    return {f"{prefix}_{name}": field for name, field in fields.items()}


def _report(figures, prefix):
    """The report whose fields the figures hold under ``prefix``, or None."""
    values = {name: figures[f"{prefix}_{name}"] for name in REPORT_FIELDS}
    return AnnualReport(**values) if values["pk"] is not None else None


def _drafts_reports(user):
    return may(user, "reports.add_annualreport")


def items(council, user, figures, today):
    if not figures:
        return []
    year = today.year - 1
    current = _report(figures, "current")
    if _drafts_reports(user):
        return _for_the_secretary(council, current, year, figures["sat_last_year"])
    return _for_readers(council, current, _report(figures, "latest"), year, figures)


def _for_the_secretary(council, current, year, sat_last_year):
    names = {"year": year, "plan": year + 1}
    if current is None:
        if not sat_last_year:
            return []
        return [
            DueItem(
                text=_("The report on %(year)s with the work plan for %(plan)s is not started yet.")
                % names,
                action=_("Start the report"),
                url=reverse("reports:report_create", kwargs={"council": council.slug}),
            )
        ]
    if current.is_draft:
        return [
            DueItem(
                text=_("The report on %(year)s with the work plan for %(plan)s is a draft.")
                % names,
                action=_("Adopt the report"),
                url=_url("reports:report_adopt", council, current),
            )
        ]
    return []


def _for_readers(council, current, latest, year, figures):
    """The mayor's office: the latest adopted report, and where this year's stands."""
    lines = []
    if latest is not None:
        lines.append(
            DueItem(
                text=_("%(report)s, adopted on %(day)s.")
                % {"report": latest, "day": date_format(latest.adopted_on, "SHORT_DATE_FORMAT")},
                action=_("Download the PDF"),
                url=_url("reports:report_pdf", council, latest),
            )
        )
    if latest is not None and current is not None and latest.pk == current.pk:
        return lines  # this year's is the latest adopted one
    names = {"year": year, "plan": year + 1}
    if current is not None:
        lines.append(
            DueItem(
                text=_(
                    "The report on %(year)s with the work plan for %(plan)s is being prepared: "
                    "it is a draft, not adopted yet."
                )
                % names,
                action=_("Read the draft"),
                url=_url("reports:report", council, current),
            )
        )
    elif figures["sat_last_year"]:
        lines.append(
            DueItem(
                text=_("The report on %(year)s with the work plan for %(plan)s is not started yet.")
                % names,
                action=_("Annual reports"),
                url=reverse("reports:report_list", kwargs={"council": council.slug}),
            )
        )
    return lines


def _url(name, council, report):
    return reverse(name, kwargs={"council": council.slug, "pk": report.pk})
