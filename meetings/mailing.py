"""The council's mail to its members: invitations and notices, claimed first and sent after commit.

Each message is first written down as a QUEUED delivery in the transaction that decides to send
(under the session's lock, so a second click finds those members already claimed). The messages
go out only once that transaction has committed: a slow mail server then holds no lock, and a dead
one cannot undo what was decided. Each delivery then records whether it went out, and why not.

Mail goes out in the portal's language (Slovenian) whatever language the secretary's screen is in:
the members read it, not the sender.
"""

import contextlib
import datetime
import smtplib
from dataclasses import dataclass, field
from email.utils import formataddr

from django.conf import settings
from django.core import mail
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from members.collation import Slovenian

from .calendar import build_calendar, session_event
from .models import AgendaItem, InvitationDelivery, Session

ERROR_LENGTH = InvitationDelivery._meta.get_field("error").max_length
# Longer than any request may run (the mail server's timeout bounds it): a delivery still queued
# after this was left by a request that died before sending, and may be tried again.
STALE_AFTER = datetime.timedelta(minutes=15)


class CannotSend(Exception):
    """Nothing can be sent for this session now; the message says why, in the user's language."""


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


def _invitations_sent(session):
    return session.deliveries.filter(
        kind=InvitationDelivery.Kind.INVITATION, status=InvitationDelivery.Status.SENT
    )


def invited_people(session):
    """Everyone who has received the invitation: they are the ones a notice must reach."""
    return [
        delivery.person
        for delivery in _invitations_sent(session)
        .select_related("person")
        .order_by(Slovenian("person__last_name"), Slovenian("person__first_name"), "pk")
    ]


def invited_count(session):
    """How many a notice would reach, counted by the database."""
    return _invitations_sent(session).count()


LOCKED_FIELDS = ("status", "date", "time", "place", "convened_at", "calendar_sequence")


def lock(session):
    """Lock the session's row until the transaction ends, and bring ``session`` up to date with
    it: what another request changed meanwhile decides what happens, and what the mail says."""
    locked = Session.objects.select_for_update().get(pk=session.pk)
    for name in LOCKED_FIELDS:
        setattr(session, name, getattr(locked, name))
    return session


def release_stale(session):
    """Deliveries a dead request left queued count as failed, so a new attempt includes them."""
    with translation.override(settings.LANGUAGE_CODE):
        error = _("not sent: the sending was interrupted")
    session.deliveries.filter(
        status=InvitationDelivery.Status.QUEUED, sent_at__lt=timezone.now() - STALE_AFTER
    ).update(status=InvitationDelivery.Status.FAILED, error=error)


def queue(session, people, kind):
    """Claim one delivery per person; call inside the transaction that decides to send."""
    now = timezone.now()
    deliveries = [
        InvitationDelivery(
            session=session,
            person=person,
            kind=kind,
            email=person.email,
            status=InvitationDelivery.Status.QUEUED,
            sent_at=now,
        )
        for person in people
    ]
    if deliveries:
        InvitationDelivery.objects.bulk_create(deliveries)
    return deliveries


def deliver(session, deliveries, *, request, changes=()):
    """Send the queued deliveries (all of one kind) and record each outcome.

    Call only once the transaction that queued them has committed. One message per person, each
    with only their own address in To, over one connection. When the server itself cannot be
    reached, the rest are recorded as failed at once instead of each waiting for the timeout.
    """
    result = SendResult()
    if not deliveries:
        return result
    kind = deliveries[0].kind
    council = session.council
    with translation.override(settings.LANGUAGE_CODE):
        context = _mail_context(session, request, changes)
        subject = one_line(render_to_string(f"meetings/email/{kind}_subject.txt", context))
        body = render_to_string(f"meetings/email/{kind}_body.txt", context)
        attachment = None
        if kind != InvitationDelivery.Kind.AMENDMENT:
            attachment = _ics_attachment(session, context)
        no_address = _("no e-mail address")
    from_email = formataddr((one_line(council.name), settings.DEFAULT_FROM_EMAIL))
    connection = mail.get_connection()
    server_error = None
    try:
        connection.open()
    except OSError as error:
        server_error = error
    try:
        for delivery in deliveries:
            error = ""
            if not delivery.email:
                error = no_address
            elif server_error:
                error = describe(server_error)
            else:
                message = mail.EmailMessage(
                    subject,
                    body,
                    from_email=from_email,
                    to=[delivery.email],
                    reply_to=[council.email] if council.email else None,
                    connection=connection,
                )
                if attachment:
                    message.attach(*attachment)
                try:
                    message.send()
                # smtplib's errors are OSErrors, as are refused connections and timeouts; a
                # ValueError is an address no header may carry (a line break in it).
                except (OSError, ValueError) as failure:
                    error = describe(failure)
                    if _server_unreachable(failure):
                        server_error = failure
            delivery.status = (
                InvitationDelivery.Status.FAILED if error else InvitationDelivery.Status.SENT
            )
            delivery.error = error
            delivery.sent_at = timezone.now()
            delivery.save(update_fields=["status", "error", "sent_at"])
            (result.failed if error else result.sent).append(delivery)
    finally:
        # Saying goodbye to a server that stopped answering must not fail the request.
        with contextlib.suppress(OSError):
            connection.close()
    return result


def _server_unreachable(error):
    # A server that answered about this one message will likely take the next one.
    return isinstance(error, OSError) and not isinstance(
        error, smtplib.SMTPResponseException | smtplib.SMTPRecipientsRefused
    )


def describe(error):
    return (str(error) or type(error).__name__)[:ERROR_LENGTH]


def one_line(text):
    """Text for a mail header: a line break typed into a name or a place must not start a new
    header (Bcc: …), so every run of white space becomes one space."""
    return " ".join(str(text).split())


def session_url(session, request):
    if request is None:  # the shell: no host to name
        return session.get_absolute_url()
    return request.build_absolute_uri(session.get_absolute_url())


def _mail_context(session, request, changes):
    return {
        "session": session,
        "council": session.council,
        "items": proposed_agenda(session),
        "changes": changes,
        "session_url": session_url(session, request),
    }


def _ics_attachment(session, context):
    # The invitation convenes the session, so its event is confirmed even if read before that.
    status = Session.Status.CONVENED if session.is_planned else session.status
    event = session_event(
        session, url=context["session_url"], items=context["items"], status=status
    )
    return (f"{session.number}-seja.ics", build_calendar([event]).decode(), "text/calendar")
