"""The council's open data, for anyone without an account (meetings/opendata/)."""

from django.conf import settings
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from members.exports import table_response
from members.models import Council

from ..calendar import build_calendar, session_event
from ..mailing import prefetch_agenda
from ..models import Material, Session
from ..opendata import events

# Anyone may read the files, from any site's script too: they are public by definition.
OPEN = {"Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=300"}


def _council(slug):
    return get_object_or_404(Council, slug=slug)


def _data_response(fmt, council, kind, document, columns, rows):
    if fmt == "json":
        response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
    else:
        response = table_response(
            "csv", f"{kind}-{council.slug}", columns, rows, for_spreadsheets=False
        )
    for header, value in OPEN.items():
        response[header] = value
    return response


@require_safe
def sessions_data(request, council, fmt):
    """Past and upcoming public sessions with their agenda titles (seje.json, seje.csv)."""
    council = _council(council)
    # The same file whatever language the visitor has chosen: the council's own.
    with translation.override(settings.LANGUAGE_CODE):
        found = [
            events.session_event(session, request.build_absolute_uri)
            for session in events.public_sessions(council)
        ]
    document = {"council": events.council_data(council, request.build_absolute_uri)}
    document["events"] = found
    rows = [events.session_row(event) for event in found]
    return _data_response(fmt, council, "seje", document, events.SESSION_COLUMNS, rows)


@require_safe
def resolutions_data(request, council, fmt):
    """Adopted public resolutions of public sessions whose minutes are approved."""
    council = _council(council)
    with translation.override(settings.LANGUAGE_CODE):
        found = [events.resolution_data(r) for r in events.public_resolutions(council)]
    document = {"council": events.council_data(council, request.build_absolute_uri)}
    document["resolutions"] = found
    rows = [events.resolution_row(data) for data in found]
    return _data_response(fmt, council, "sklepi", document, events.RESOLUTION_COLUMNS, rows)


@require_safe
def public_calendar(request, council):
    """Upcoming public sessions for any calendar app; a session cancelled after it was in the
    calendar stays in it as cancelled, so subscribers learn of it."""
    council = _council(council)
    page = request.build_absolute_uri(
        reverse("public:public_report_list", kwargs={"council": council.slug})
    )
    sessions = prefetch_agenda(
        Session.objects.of_council(council)
        .public()
        .filter(date__gte=timezone.localdate())
        .exclude(status=Session.Status.HELD)
        .select_related("mandate__council")
        .order_by("date", "time", "pk")
    )
    with translation.override(settings.LANGUAGE_CODE):
        calendar_events = [
            session_event(
                session,
                url=page,
                items=session.agenda if session.agenda_is_public else (),
                presenters=False,
            )
            for session in sessions
        ]
        content = build_calendar(calendar_events, name=council.name)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    for header, value in OPEN.items():
        response[header] = value
    return response


@require_safe
def public_material(request, council, pk):
    """A material the secretary has made public, of a public session whose agenda is out."""
    material = get_object_or_404(
        Material.objects.public(), item__session__mandate__council__slug=council, pk=pk
    )
    response = FileResponse(
        material.file.open("rb"),
        as_attachment=True,
        filename=material.original_name,
        content_type=material.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
