"""Who changed what and when, per object, for the secretary (django-simple-history).

Lives in ``reports`` because that app may use all the others; each kind of object is fetched
with its own fetch-and-authorise helper, so the rules stay in one place per kind.
"""

from django.http import Http404
from django.shortcuts import render

from meetings.access import get_item_for, get_resolution_for, get_session_for
from members.access import (
    council_view,
    get_mandate_for,
    get_membership_for,
    get_organization_for,
    get_person_for,
)

from .access import get_report_for
from .history import history_entries

KINDS = {
    "clanstvo": get_membership_for,
    "oseba": get_person_for,
    "organizacija": get_organization_for,
    "mandat": get_mandate_for,
    "seja": get_session_for,
    "tocka": get_item_for,
    "sklep": get_resolution_for,
    "porocilo": get_report_for,
}


@council_view
def history(request, council, kind, pk):
    if kind not in KINDS:
        raise Http404
    obj = KINDS[kind](request.user, council, pk, edit=True)
    # Items and resolutions are named with their session: titles and numbers repeat from one
    # session to the next, and the page's title must say which one it is.
    name = f"{obj} ({obj.session})" if kind in ("tocka", "sklep") else str(obj)
    return render(
        request,
        "reports/history.html",
        {"council": council, "object": obj, "name": name, "entries": history_entries(obj)},
    )
