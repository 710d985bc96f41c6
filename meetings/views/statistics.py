from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from members.access import council_view
from members.permissions import may

from ..statistics import YearStatistics, years_with_sessions
from .sessions import asked_year


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
