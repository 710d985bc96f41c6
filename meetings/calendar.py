"""Sessions as iCalendar events: the invitation's attachment, one session's .ics and the feeds."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import Session

PRODID = "-//Varnostni sosvet//Portal varnostnega sosveta//SL"
# A session's length is not recorded; two hours is what a council session usually takes.
DEFAULT_DURATION = datetime.timedelta(hours=2)


def session_uid(session):
    """The same UID in the invitation, the .ics download and the feed, so a calendar app that
    gets the session from several of them keeps one event and updates it."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "varnostni-sosvet.si"
    return f"seja-{session.pk}@{domain}"


def session_event(session, *, url="", items=(), status=None, presenters=True):
    """One session as a VEVENT. ``items`` are the active agenda items, listed in the description
    (with who presents each, unless ``presenters`` is false: the public calendar names nobody);
    ``status`` stands in for the session's own (the invitation convenes a planned session)."""
    status = status or session.status
    event = Event()
    event.add("uid", session_uid(session))
    # Raised with each new date, time or place and with a cancellation: a calendar app replaces
    # its copy of the event only with one of a higher SEQUENCE.
    event.add("sequence", session.calendar_sequence)
    event.add("dtstamp", timezone.now())
    if session.time:
        start = datetime.datetime.combine(
            session.date, session.time, tzinfo=ZoneInfo(settings.TIME_ZONE)
        )
        event.add("dtstart", start)
        event.add("dtend", start + DEFAULT_DURATION)
    else:
        # Without a time the session is an all-day event rather than a guess at the hour.
        event.add("dtstart", session.date)
        event.add("dtend", session.date + datetime.timedelta(days=1))
    summary = f"{session} – {session.council.name}"
    if status == Session.Status.CANCELLED:
        # Many calendar apps ignore STATUS, so the title says it too.
        summary = _("Cancelled: %(session)s") % {"session": summary}
        event.add("status", "CANCELLED")
    elif status == Session.Status.PLANNED:
        event.add("status", "TENTATIVE")
    else:
        event.add("status", "CONFIRMED")
    event.add("summary", summary)
    if session.place:
        event.add("location", session.place)
    description = _event_description(items, url, presenters)
    if description:
        event.add("description", description)
    if url:
        event.add("url", url)
    return event


def _event_description(items, url, presenters=True):
    lines = []
    if items:
        lines.append(_("Proposed agenda:"))
        for number, item in enumerate(items, start=1):
            line = f"{number}. {item.title}"
            if presenters and item.presenter:
                line += " " + _("(presented by %(presenter)s)") % {"presenter": item.presenter}
            lines.append(line)
    if url:
        if lines:
            lines.append("")
        lines.append(url)
    return "\n".join(lines)


def build_calendar(events, *, name="", method="PUBLISH"):
    """A VCALENDAR around the events, with the time zones they use, as bytes.

    PUBLISH rather than REQUEST: attendance is confirmed on the portal, and a REQUEST would make
    calendar apps offer to send replies to an organizer who reads none.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event)
    days = [_day(event.decoded("dtstart")) for event in events]
    if days:
        # Time zone rules only for the years the events span keep a one-event file small.
        calendar.add_missing_timezones(
            first_date=datetime.date(min(days).year - 1, 1, 1),
            last_date=datetime.date(max(days).year + 2, 1, 1),
        )
    return calendar.to_ical()


def _day(value):
    return value.date() if isinstance(value, datetime.datetime) else value
