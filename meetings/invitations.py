"""Convening a session: the invitation by e-mail to every seated member, and its records.

The invitations are claimed in a short transaction and sent once it has committed (see
``mailing.py``); the notices of later changes are in ``notices.py``.
"""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.collation import slovenian_key
from members.models import Membership

from . import mailing
from .models import InvitationDelivery, Session

logger = logging.getLogger(__name__)


@dataclass
class Recipient:
    membership: Membership
    already_invited: bool

    @property
    def person(self):
        return self.membership.person


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
    return (today or timezone.localdate()) > session.convocation_deadline


def cannot_convene_reason(session):
    """Why the session cannot be convened, or "" when it can."""
    if session.can_be_convened:
        return ""
    if session.is_cancelled:
        return _("The session is cancelled, so no invitation can be sent.")
    if session.is_held:
        return _("The session has already been held, so no invitation can be sent.")
    return _("The session has no date yet; set the date before sending the invitation.")


def invitation_recipients(session):
    """Members seated on the session's day, one per person, marked if already invited (or being
    invited by a request still sending)."""
    invited = set(
        session.deliveries.filter(
            kind=InvitationDelivery.Kind.INVITATION,
            status__in=[InvitationDelivery.Status.SENT, InvitationDelivery.Status.QUEUED],
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
    """Convene the session and send the invitation to every seated member who has not had it yet;
    record each attempt. Raises ``CannotSend`` for a cancelled or held session or one without a
    date.

    The session is convened as soon as there is someone to invite, whether or not the mail server
    takes the messages then: the failures are recorded, and sending again reaches only those.
    """
    # Durable: the decision must be committed before any message leaves (see mailing.py).
    with transaction.atomic(durable=True):
        # The lock makes a second click (or a second secretary) wait, then skip whoever the
        # first one claimed, instead of sending everything twice.
        mailing.lock(session)
        reason = cannot_convene_reason(session)
        if reason:
            raise mailing.CannotSend(reason)
        mailing.release_stale(session)
        recipients = invitation_recipients(session)
        pending = [r.person for r in recipients if not r.already_invited]
        queued = mailing.queue(session, pending, InvitationDelivery.Kind.INVITATION)
        if queued:
            _mark_convened(session)
    result = mailing.deliver(session, queued, request=request)
    result.skipped = len(recipients) - len(pending)
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
    if session.is_planned:
        session.status = Session.Status.CONVENED
        update.append("status")
    if session.convened_at is None:
        session.convened_at = timezone.now()
        update.append("convened_at")
    if update:
        session.save(update_fields=update)
