"""Notices to the members who have the invitation: an amended agenda, a new date, time or place,
a cancellation.

Each change after the invitation is an entry of the session's trail (``AgendaChange``) saying who
made it and when. A notice announces the entries not yet announced; a new date, time or place and
a cancellation are announced at once, with a calendar file that moves or cancels the event the
invitation put in the members' calendars (same UID, higher SEQUENCE). Like the invitation, a
notice is claimed in the transaction that records the change and sent once it has committed.
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from . import mailing
from .mailing import CannotSend
from .models import AgendaChange, InvitationDelivery, Session

logger = logging.getLogger(__name__)

SCHEDULE_FIELDS = ("date", "time", "place")
SUMMARY_LENGTH = AgendaChange._meta.get_field("summary").max_length


def pending_changes(session):
    return session.agenda_changes.filter(notified=False)


def pending_count(session):
    """How many changes wait to be announced (only a convened or cancelled session has any)."""
    if not session.announces_changes:
        return 0
    return pending_changes(session).count()


def notice_kind(changes):
    """The notice that announces these changes: a cancellation or a new date, time or place
    says so in its subject and carries the calendar file; agenda changes alone do not."""
    kinds = {change.kind for change in changes}
    if AgendaChange.Kind.CANCELLED in kinds:
        return InvitationDelivery.Kind.CANCELLED
    if AgendaChange.Kind.MOVED in kinds:
        return InvitationDelivery.Kind.MOVED
    return InvitationDelivery.Kind.AMENDMENT


def cannot_notify_reason(session, changes):
    """Why these changes cannot be announced now, or "" when they can."""
    if not changes:
        return _("There are no agenda changes to announce; nothing was sent.")
    cancelled_notice = session.is_cancelled and (
        notice_kind(changes) == InvitationDelivery.Kind.CANCELLED
    )
    if not session.is_convened and not cancelled_notice:
        return _("Only the members of a convened session are notified of agenda changes.")
    return ""


def session_notify_changes(session, *, sent_by, request):
    """Send the changes made since the last notice, and the session as it is now, to everyone who
    received the invitation; the changes then count as announced (unless nobody was reached)."""
    with transaction.atomic(durable=True):
        mailing.lock(session)
        changes = list(pending_changes(session))
        reason = cannot_notify_reason(session, changes)
        if reason:
            raise CannotSend(reason)
        people = mailing.invited_people(session)
        if not people:
            raise CannotSend(_("Nobody has received the invitation yet, so nobody is notified."))
        queued = _claim(session, changes, people)
    result = _send(session, queued, changes, request)
    _log("Notice", session, sent_by, result)
    return result


def schedule_changed(form):
    """The names of the date, time and place fields this session form changes."""
    return [name for name in SCHEDULE_FIELDS if name in form.changed_data]


def reschedule_needs_notice(form):
    """Whether saving this (valid) session form moves a convened session: then the invited
    members are told, and the secretary is asked first."""
    session = form.instance
    return bool(session.pk and session.is_convened and schedule_changed(form))


def session_reschedule(form, *, by, request):
    """Save a convened session's new date, time or place from its (valid) form, record the change
    in the trail, and send every invited member a notice with the event moved in their calendar.

    Raises ValidationError when the session changed meanwhile (another save, or it is no longer
    convened); nothing is saved then.
    """
    session = form.instance
    with transaction.atomic(durable=True):
        locked = Session.objects.select_for_update().get(pk=session.pk)
        if not locked.is_convened:
            raise ValidationError(
                _("Someone changed the status of this session in the meantime; nothing was saved.")
            )
        summary = schedule_summary(form)
        session.calendar_sequence = locked.calendar_sequence + 1
        form.save()
        AgendaChange.objects.create(
            session=session, kind=AgendaChange.Kind.MOVED, summary=summary, changed_by=by
        )
        changes = list(pending_changes(session))
        queued = _claim(session, changes, mailing.invited_people(session))
    result = _send(session, queued, changes, request)
    _log("Notice of a new date, time or place", session, by, result)
    return result


def record_cancellation(session, *, by):
    """Record the cancellation of a convened session and claim its notice to every invited member;
    call in the transaction that cancels it, then ``send_claimed`` once that has committed."""
    with translation.override(settings.LANGUAGE_CODE):
        summary = _("The session is cancelled.")
    AgendaChange.objects.create(
        session=session, kind=AgendaChange.Kind.CANCELLED, summary=summary, changed_by=by
    )
    # Earlier changes not yet announced no longer matter to anyone; the cancellation covers them.
    changes = list(pending_changes(session))
    return changes, _claim(session, changes, mailing.invited_people(session))


def send_claimed(session, claimed, *, by, request):
    changes, queued = claimed
    result = _send(session, queued, changes, request)
    _log("Notice of cancellation", session, by, result)
    return result


def _claim(session, changes, people):
    """Queue the notice of ``changes`` to ``people``; the changes count as announced from now, so
    a second click finds nothing left to announce."""
    queued = mailing.queue(session, people, notice_kind(changes))
    if queued:
        _mark_notified(session, changes, True)
    return queued


def _send(session, queued, changes, request):
    result = mailing.deliver(session, queued, request=request, changes=changes)
    if queued and not result.sent:
        # Nobody was reached: the changes wait to be announced again.
        _mark_notified(session, changes, False)
    return result


def _mark_notified(session, changes, notified):
    session.agenda_changes.filter(pk__in=[change.pk for change in changes]).update(
        notified=notified
    )


def schedule_summary(form):
    """ "Spremenjeno: datum 14. 3. 2026 → 21. 3. 2026, kraj Mestna hiša → Dvorana B", in the
    portal's language: the trail is part of the record, whoever reads it."""
    show = {
        "date": lambda day: date_format(day, "SHORT_DATE_FORMAT") if day else "—",
        "time": lambda time: time_format(time) if time else "—",
        "place": lambda place: mailing.one_line(place) or "—",
    }
    with translation.override(settings.LANGUAGE_CODE):
        labels = {"date": _("date"), "time": _("time"), "place": _("place")}
        parts = [
            f"{labels[name]} {show[name](form.initial.get(name))} → "
            f"{show[name](form.cleaned_data.get(name))}"
            for name in schedule_changed(form)
        ]
        summary = _("Changed: %(changes)s") % {"changes": ", ".join(parts)}
    return summary[:SUMMARY_LENGTH]


def _log(what, session, by, result):
    logger.info(
        "%s for session %s by %s: %d sent, %d failed",
        what,
        session.pk,
        by,
        len(result.sent),
        len(result.failed),
    )
