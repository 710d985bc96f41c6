"""A correspondence session (dopisna seja): the members' votes and, after the deadline, the tally.

The session is sent with the invitation machinery (``invitations.session_convene``), its
proposed resolutions in the mail; the rules of when members may vote and when the votes are
counted are the methods of ``Session`` (``may_vote``, ``may_count_votes``, ``votes_are_secret``);
``meetings/records.py`` refuses a vote cast outside them by any path.
"""

import logging
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .mailing import proposed_resolutions
from .models import Resolution, Session, Vote
from .records import voting_closed_message
from .services import quorum

logger = logging.getLogger(__name__)


def ballot_of(session, person):
    """The member's votes on the session: resolution pk -> choice."""
    votes = Vote.objects.filter(resolution__session=session, person=person)
    return dict(votes.values_list("resolution_id", "choice"))


def vote_cast(session, person, choices):
    """Record the member's votes (``choices``: resolution -> Vote.Choice), one for each proposed
    resolution, replacing any cast before. Refused (ValidationError) once the deadline has
    passed, before the session is sent, and for a login that is not among the members invited.
    """
    with transaction.atomic():
        # Under the session's lock: a vote and the counting of the votes never cross.
        locked = Session.objects.select_for_update().get(pk=session.pk)
        if not locked.may_vote():
            raise ValidationError(voting_closed_message(locked), code="voting_closed")
        if not locked.members_invited().filter(person=person).exists():
            raise ValidationError(_("Only the members invited to the session vote."))
        proposed = {resolution.pk for resolution in proposed_resolutions(locked)}
        if {resolution.pk for resolution in choices} != proposed:
            raise ValidationError(_("Vote on each proposed resolution."), code="incomplete")
        now = timezone.now()
        for resolution, choice in choices.items():
            Vote.objects.update_or_create(
                resolution=resolution, person=person, defaults={"choice": choice, "cast_at": now}
            )


def correspondence_close(session, now=None):
    """Count the votes of a correspondence session whose deadline has passed: record each
    resolution's tally and outcome, and how many members could vote and did; the session is
    then held. Idempotent: a session whose votes are counted is left as it is (returns False).

    Raises ValidationError for a session that is not a correspondence session, was not sent,
    or whose deadline has not passed yet.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        if locked.votes_are_counted:
            _refresh(session, locked)
            return False
        if not locked.may_count_votes(now):
            raise ValidationError(_cannot_count_reason(locked), code="cannot_count")
        invited = {seat.person_id for seat in locked.members_invited()}
        # A vote of someone whose seat ended before the deadline is not counted.
        votes = [
            vote
            for vote in Vote.objects.filter(resolution__session=locked)
            if vote.person_id in invited
        ]
        voted, eligible, quorate = quorum(invited, {vote.person_id for vote in votes})
        for resolution in proposed_resolutions(locked):
            counted = Counter(vote.choice for vote in votes if vote.resolution_id == resolution.pk)
            resolution.votes_for = counted[Vote.Choice.FOR]
            resolution.votes_against = counted[Vote.Choice.AGAINST]
            resolution.votes_abstained = counted[Vote.Choice.ABSTAIN]
            resolution.outcome = resolution.outcome_by_vote(quorate)
            resolution.save(update_fields=[*Resolution.VOTE_FIELDS, "outcome"])
        locked.status = Session.Status.HELD
        locked.votes_counted_at = now
        locked.eligible_voters, locked.voters = eligible, voted
        locked.save(update_fields=["status", "votes_counted_at", "eligible_voters", "voters"])
    _refresh(session, locked)
    logger.info("Votes of session %s counted: %d of %d members voted", session.pk, voted, eligible)
    return True


def sessions_to_count(now=None):
    """Correspondence sessions whose deadline has passed and whose votes are not counted yet."""
    now = now or timezone.now()
    candidates = Session.objects.filter(
        kind=Session.Kind.CORRESPONDENCE,
        status=Session.Status.CONVENED,
        votes_counted_at__isnull=True,
        date__lte=timezone.localdate(now),
    ).select_related("mandate__council")
    return [session for session in candidates if session.may_count_votes(now)]


def _cannot_count_reason(session):
    if not session.is_correspondence:
        return _("Only the votes of a correspondence session are counted.")
    if not session.is_convened:
        return _("The session was not sent to the members, so there are no votes to count.")
    return _("The votes are counted once the deadline has passed.")


def _refresh(session, stored):
    for name in ("status", "votes_counted_at", "eligible_voters", "voters"):
        setattr(session, name, getattr(stored, name))
