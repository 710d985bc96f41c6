"""Who changed what and when, per object, for the secretary (django-simple-history).

Lives in ``reports`` because that app may use all the others; each kind of object is fetched
with its own fetch-and-authorise helper, so the rules stay in one place per kind.
"""

from django.http import Http404
from django.shortcuts import render
from django.utils.text import Truncator

from meetings.access import get_item_for, get_resolution_for, get_session_for
from meetings.statistics import CHART_CHOICES
from members.access import (
    council_view,
    get_mandate_for,
    get_membership_for,
    get_organization_for,
    get_person_for,
)

from .access import get_report_for

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
# The charts' numbers kept at adoption are part of the adoption the status change shows.
NOT_SHOWN = {"lock_version", "updated_at", "charts_as_adopted"}
CHART_NAMES = dict(CHART_CHOICES)


@council_view
def history(request, council, kind, pk):
    if kind not in KINDS:
        raise Http404
    obj = KINDS[kind](request.user, council, pk, edit=True)
    records = list(obj.history.select_related("history_user").order_by("history_date"))
    entries = []
    for previous, record in zip([None, *records], records, strict=False):
        changes = []
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=NOT_SHOWN)
            changes = [_change(obj, change) for change in delta.changes]
        entries.append({"record": record, "changes": changes})
    return render(
        request,
        "reports/history.html",
        {"council": council, "object": obj, "entries": reversed(entries)},
    )


def _change(obj, change):
    field = obj._meta.get_field(change.field)
    return {
        "field": field.verbose_name,
        "old": Truncator(_shown(change.old)).chars(200),
        "new": Truncator(_shown(change.new)).chars(200),
    }


def _shown(value):
    if isinstance(value, list):  # a report's charts, by name
        value = ", ".join(str(CHART_NAMES.get(key, key)) for key in value)
    return "—" if value in (None, "") else str(value)
