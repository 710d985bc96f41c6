from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from members.access import council_view
from members.permissions import may

from ..statistics import YearStatistics, years_with_sessions


@council_view
def statistics_page(request, council):
    """The council's year at a glance: sessions, attendance, resolutions and topics, each chart
    with the table of its numbers."""
    if not may(request.user, "meetings.view_statistics"):
        raise PermissionDenied
    year = asked_year(request)
    figures = YearStatistics(council, year)
    return render(
        request,
        "meetings/statistics.html",
        {
            "council": council,
            "year": year,
            "years": years_with_sessions(council),
            "figures": figures,
            "charts": {chart.key.replace("-", "_"): chart for chart in figures.charts()},
        },
    )


def asked_year(request):
    """The year in ``?leto=``, this one when there is none or it is no year."""
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("leto", this_year))
    except ValueError:
        return this_year
    # No date has such a year; asking for one is a typo or a probe.
    return year if 1 <= year <= 9999 else this_year
