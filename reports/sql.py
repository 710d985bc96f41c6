"""The rule of annual reports that the overview's SQL asks (members/sql.py says why), a condition
on a report with the alias given, written here once: ``AnnualReportQuerySet.adopted`` filters by
it (``members.sql.condition``). The models are read when the rule is written (models.py imports
this module)."""

from . import models


def adopted(a):
    """The report ``a`` is no longer a draft (``not AnnualReport.is_draft``): adopted or
    published."""
    return f"{a}.status <> '{models.AnnualReport.Status.DRAFT}'"
