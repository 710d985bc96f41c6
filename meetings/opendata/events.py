"""Sessions and resolutions as open data (see the package's docstring for what is left out)."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Prefetch
from django.db.models.functions import Coalesce
from django.urls import reverse

from ..calendar import session_uid
from ..models import AgendaItem, Material, Resolution, Session

# Open Civic Data's event statuses, by the session's.
EVENT_STATUS = {
    Session.Status.PLANNED: "tentative",
    Session.Status.CONVENED: "confirmed",
    Session.Status.HELD: "passed",
    Session.Status.CANCELLED: "cancelled",
}


def council_data(council, absolute):
    """Who publishes the file: the council, with its public page."""
    return {
        "name": council.name,
        "municipality": council.municipality,
        "url": absolute(reverse("public:public_report_list", kwargs={"council": council.slug})),
    }


def public_sessions(council):
    """The council's public sessions, oldest first, with ``public_agenda`` (the items of an agenda
    that has gone out, withdrawn ones left out) and ``public_documents`` on each: three queries
    whatever their number."""
    items = AgendaItem.objects.filter(
        withdrawn=False, session__status__in=Session.AGENDA_PUBLIC
    ).order_by("position", "pk")
    documents = Material.objects.public().order_by("uploaded_at", "pk")
    return (
        Session.objects.of_council(council)
        .public()
        .select_related("mandate__council")
        .prefetch_related(
            Prefetch("items", queryset=items, to_attr="public_agenda"),
            Prefetch("public_agenda__materials", queryset=documents, to_attr="public_documents"),
        )
        # the day, or the month of a session not yet dated, the same on every database
        .order_by(Coalesce("date", "planned_month"), "number", "pk")
    )


def start_date(session):
    """ISO 8601, as precise as the session is known: date and time with the offset, the date
    alone, or only the month of a session still being planned ("2024-06")."""
    if session.date and session.time:
        start = datetime.datetime.combine(
            session.date, session.time, tzinfo=ZoneInfo(settings.TIME_ZONE)
        )
        return start.isoformat()
    if session.date:
        return session.date.isoformat()
    if session.planned_month:
        return session.planned_month.strftime("%Y-%m")
    return None


def session_event(session, absolute):
    """One public session as an Open Civic Data event."""
    source = absolute(
        reverse("public:public_report_list", kwargs={"council": session.council.slug})
    )
    return {
        "id": session_uid(session),
        "name": str(session),
        "number": session.number,
        "classification": session.kind,
        "status": EVENT_STATUS[session.status],
        "start_date": start_date(session),
        "all_day": session.time is None,
        "location": {"name": session.place} if session.place else None,
        "agenda": [
            {"order": str(order), "description": item.title}
            for order, item in enumerate(session.public_agenda, start=1)
        ],
        "documents": [
            {
                "note": material.original_name,
                "url": absolute(material_url(session.council, material)),
                "media_type": material.content_type,
            }
            for item in session.public_agenda
            for material in item.public_documents
        ],
        "sources": [{"url": source, "note": session.council.name}],
    }


def session_row(event):
    """The event as a CSV row: the agenda and documents one to a line within their cell."""
    return [
        event["id"],
        event["name"],
        event["number"],
        event["classification"],
        event["status"],
        event["start_date"],
        event["all_day"],
        event["location"]["name"] if event["location"] else "",
        "\n".join(f"{item['order']}. {item['description']}" for item in event["agenda"]),
        "\n".join(document["url"] for document in event["documents"]),
    ]


SESSION_COLUMNS = [
    "id",
    "name",
    "number",
    "classification",
    "status",
    "start_date",
    "all_day",
    "location",
    "agenda",
    "documents",
]


def public_resolutions(council):
    return (
        Resolution.objects.public()
        .filter(session__mandate__council=council)
        .select_related("session__mandate__council", "item", "responsible")
        .order_by("session__date", "session__number", "number", "pk")
    )


def resolution_data(resolution):
    session = resolution.session
    return {
        "id": f"sklep-{resolution.pk}",
        "session": {
            "id": session_uid(session),
            "name": str(session),
            "date": session.date.isoformat() if session.date else None,
        },
        "number": resolution.number,
        "agenda_item": resolution.item.title,
        "text": resolution.text,
        "responsible_organization": resolution.responsible.name if resolution.responsible else None,
        "deadline": resolution.deadline.isoformat() if resolution.deadline else None,
        "carried_out_on": resolution.done_on.isoformat() if resolution.done_on else None,
    }


def resolution_row(data):
    return [
        data["id"],
        data["session"]["id"],
        data["session"]["name"],
        data["session"]["date"],
        data["number"],
        data["agenda_item"],
        data["text"],
        data["responsible_organization"],
        data["deadline"],
        data["carried_out_on"],
    ]


RESOLUTION_COLUMNS = [
    "id",
    "session_id",
    "session_name",
    "session_date",
    "number",
    "agenda_item",
    "text",
    "responsible_organization",
    "deadline",
    "carried_out_on",
]


def material_url(council, material):
    return reverse("public:public_material", kwargs={"council": council.slug, "pk": material.pk})
