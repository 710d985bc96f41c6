"""Fetch-and-authorise for annual reports (see members/access.py for the rules).

A report the user's role may not open (a draft, for a member) answers 404 like a report of another
council: its existence does not leak.
"""

from django.shortcuts import get_object_or_404

from members.access import authorise

from .models import AnnualReport


def get_report_for(user, council, pk, *, edit=False):
    # The preparer is named at the foot of the document every report page shows.
    reports = AnnualReport.objects.filter(council=council).visible_to(user)
    report = get_object_or_404(reports.select_related("council", "preparer"), pk=pk)
    if edit:
        authorise(user, AnnualReport, "change")
    return report


def get_published_report(council_slug, pk):
    """For visitors without an account: only what the council has published."""
    return get_object_or_404(
        AnnualReport.objects.published().select_related("council"),
        council__slug=council_slug,
        pk=pk,
    )
