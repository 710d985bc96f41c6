"""Convening a session: invitations and amended-agenda notices by e-mail, and their records.

Mail goes out in the portal's language (Slovenian) whatever language the secretary's screen is in:
the members read it, not the sender.
"""

import contextlib
import datetime
import logging
from dataclasses import dataclass, field
from email.utils import formataddr

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from members.collation import slovenian_key
from members.data_version import council_data_changed
from members.models import Membership

from .calendar import build_calendar, session_event
from .models import AgendaItem, InvitationDelivery, Session

logger = logging.getLogger(__name__)

ERROR_LENGTH = InvitationDelivery._meta.get_field("error").max_length


class CannotSend(Exception):
    """Nothing can be sent for this session now; the message says why, in the user's language."""


@dataclass
class Recipient:
    membership: Membership
    already_invited: bool

    @property
    def person(self):
        return self.membership.person


@dataclass
class SendResult:
    sent: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    skipped: int = 0


def proposed_agenda(session):
    """The active agenda items in their order, with their presenters loaded."""
    return list(_active_items().filter(session=session))


def _active_items():
    return (
        AgendaItem.objects.filter(withdrawn=False)
        .select_related("presenter_person", "presenter_organization")
        .order_by("position", "pk")
    )


def prefetch_agenda(queryset):
    """Sessions with their active items in ``session.agenda`` (for the calendar feed)."""
    return queryset.prefetch_related(Prefetch("items", queryset=_active_items(), to_attr="agenda"))


def chair_of(session):
    """The chair's seat on the session's day (who signs the invitation), or None."""
    day = session.date or timezone.localdate()
    return (
        session.mandate.memberships.on(day)
        .filter(role=Membership.Role.CHAIR, person__isnull=False)
        .select_related("person")
        .first()
    )


def letter_place(council):
    """The town a letter is dated from: "Ptuj" for "Mestna občina Ptuj", else nothing.

    The council records no town; official municipality names start with "Občina" or
    "Mestna občina", so the rest is the town. Anything else is left out rather than guessed.
    """
    for prefix in ("Mestna občina ", "Občina "):
        if council.municipality.startswith(prefix):
            return council.municipality.removeprefix(prefix)
    return ""


def invitation_is_late(session, today=None):
    """True when members would get the invitation fewer days ahead than the convocation period."""
    if session.date is None:
        return False
    today = today or timezone.localdate()
    return session.date - today < datetime.timedelta(days=session.council.convocation_days)


def cannot_convene_reason(session):
    """Why the session cannot be convened, or "" when it can."""
    if session.can_be_convened:
        return ""
    if session.status == Session.Status.CANCELLED:
        return _("The session is cancelled, so no invitation can be sent.")
    if session.status == Session.Status.HELD:
        return _("The session has already been held, so no invitation can be sent.")
    return _("The session has no date yet; set the date before sending the invitation.")


def invitation_recipients(session):
    """Members seated on the session's day, one per person, marked if already invited."""
    invited = set(
        session.deliveries.filter(
            kind=InvitationDelivery.Kind.INVITATION, status=InvitationDelivery.Status.SENT
        ).values_list("person_id", flat=True)
    )
    recipients = {}
    for membership in session.members_invited():
        recipients.setdefault(
            membership.person_id, Recipient(membership, membership.person_id in invited)
        )
    return sorted(
        recipients.values(),
        key=lambda r: (slovenian_key(r.person.last_name), slovenian_key(r.person.first_name)),
    )


def session_convene(session, *, sent_by, request):
    """Send the invitation to every seated member who has not had it yet; record each attempt.

    The first invitation that goes out marks the session convened. Raises ``CannotSend`` for a
    cancelled or held session or one without a date.
    """
    reason = cannot_convene_reason(session)
    if reason:
        raise CannotSend(reason)
    result = SendResult()
    # The lock on the session makes a second click (or a second secretary) wait, then skip
    # those the first one reached, instead of sending everything twice.
    with transaction.atomic():
        Session.objects.select_for_update().get(pk=session.pk)
        recipients = invitation_recipients(session)
        result.skipped = sum(1 for r in recipients if r.already_invited)
        pending = [r.person for r in recipients if not r.already_invited]
        if pending:
            _send_to(session, pending, InvitationDelivery.Kind.INVITATION, result, request)
        if result.sent:
            _mark_convened(session)
    logger.info(
        "Invitation to session %s sent by %s: %d sent, %d failed, %d already invited",
        session.pk,
        sent_by,
        len(result.sent),
        len(result.failed),
        result.skipped,
    )
    return result


def _mark_convened(session):
    update = []
    if session.status == Session.Status.PLANNED:
        session.status = Session.Status.CONVENED
        update.append("status")
    if session.convened_at is None:
        session.convened_at = timezone.now()
        update.append("convened_at")
    if update:
        session.save(update_fields=update)


def pending_changes(session):
    return session.agenda_changes.filter(notified=False)


def session_notify_changes(session, *, sent_by, request):
    """Send the changes to the agenda made since the last notice, and the agenda as it is now,
    to everyone who received the invitation; the changes then count as announced."""
    result = SendResult()
    with transaction.atomic():
        Session.objects.select_for_update().get(pk=session.pk)
        changes = list(pending_changes(session))
        if not changes:
            raise CannotSend(_("There are no agenda changes to announce; nothing was sent."))
        if session.status != Session.Status.CONVENED:
            raise CannotSend(
                _("Only the members of a convened session are notified of agenda changes.")
            )
        people = [
            delivery.person
            for delivery in session.deliveries.filter(
                kind=InvitationDelivery.Kind.INVITATION, status=InvitationDelivery.Status.SENT
            ).select_related("person")
        ]
        if not people:
            raise CannotSend(_("Nobody has received the invitation yet, so nobody is notified."))
        _send_to(
            session, people, InvitationDelivery.Kind.AMENDMENT, result, request, changes=changes
        )
        if result.sent:
            session.agenda_changes.filter(pk__in=[c.pk for c in changes]).update(notified=True)
            council_data_changed([session.mandate.council_id])  # update() sends no signals
    logger.info(
        "Agenda notice for session %s sent by %s: %d sent, %d failed",
        session.pk,
        sent_by,
        len(result.sent),
        len(result.failed),
    )
    return result


def _send_to(session, people, kind, result, request, changes=()):
    """One message per person, each with only their own address in To, over one connection."""
    with translation.override(settings.LANGUAGE_CODE):
        context = _mail_context(session, request, changes)
        subject, body = _render(kind, context)
        attachment = None
        if kind == InvitationDelivery.Kind.INVITATION:
            attachment = _ics_attachment(session, context)
    council = session.council
    connection = mail.get_connection()
    # If the server cannot be reached now, each message below tries again and records why.
    with contextlib.suppress(OSError):
        connection.open()
    try:
        for person in people:
            delivery = InvitationDelivery(
                session=session, person=person, kind=kind, email=person.email
            )
            if not person.email:
                delivery.status = InvitationDelivery.Status.FAILED
                with translation.override(settings.LANGUAGE_CODE):
                    delivery.error = _("no e-mail address")
            else:
                message = mail.EmailMessage(
                    subject,
                    body,
                    from_email=formataddr((council.name, settings.DEFAULT_FROM_EMAIL)),
                    to=[person.email],
                    reply_to=[council.email] if council.email else None,
                    connection=connection,
                )
                if attachment:
                    message.attach(*attachment)
                try:
                    message.send()
                    delivery.status = InvitationDelivery.Status.SENT
                # smtplib's errors are OSErrors, as are refused connections and timeouts.
                except OSError as error:
                    delivery.status = InvitationDelivery.Status.FAILED
                    delivery.error = (str(error) or type(error).__name__)[:ERROR_LENGTH]
            delivery.sent_at = timezone.now()
            delivery.save()
            if delivery.status == InvitationDelivery.Status.SENT:
                result.sent.append(delivery)
            else:
                result.failed.append(delivery)
    finally:
        connection.close()


def _mail_context(session, request, changes):
    return {
        "session": session,
        "council": session.council,
        "items": proposed_agenda(session),
        "changes": changes,
        "session_url": request.build_absolute_uri(session.get_absolute_url()),
    }


def _render(kind, context):
    subject = render_to_string(f"meetings/email/{kind}_subject.txt", context)
    body = render_to_string(f"meetings/email/{kind}_body.txt", context)
    return " ".join(subject.split()), body


def _ics_attachment(session, context):
    event = session_event(
        session,
        url=context["session_url"],
        items=context["items"],
        status=Session.Status.CONVENED,
    )
    return (f"{session.number}-seja.ics", build_calendar([event]).decode(), "text/calendar")
