"""A correspondence session: each member's ballot, and the counting of the votes after the
deadline."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members.access import authorise, council_view
from members.confirm import confirm_page, is_confirmed
from members.views import edit_page, form_data

from .. import correspondence, mailing
from ..access import get_session_for
from ..forms import BallotForm
from ..models import Vote
from ..records import voting_closed_message
from .outcome import invited_person


def get_correspondence_session(user, council, pk, *, edit=False):
    session = get_session_for(user, council, pk, edit=edit)
    if not session.is_correspondence:
        raise Http404("Only a session by correspondence is voted on.")
    return session


@council_view
def vote(request, council, pk):
    """The member's own ballot: for, against or abstain on each proposed resolution, changed
    as often as they like until the deadline. Nobody votes for anyone else."""
    session = get_correspondence_session(request.user, council, pk)
    authorise(request.user, Vote, "add")
    person = invited_person(request.user, council, session)
    if request.method == "POST" and not session.may_vote():
        messages.error(request, voting_closed_message(session))
        return redirect(session.get_voting_url())
    resolutions = mailing.proposed_resolutions(session)
    ballot = correspondence.ballot_of(session, person)
    form = BallotForm(
        form_data(request), resolutions=resolutions, ballot=ballot, closed=not session.may_vote()
    )
    return edit_page(
        request,
        council,
        form,
        title=_("Your vote: %(session)s") % {"session": session},
        success_url=f"{session.get_absolute_url()}#voting",
        success_message=_("Your vote has been recorded; you can change it until the deadline."),
        cancel_url=session.get_absolute_url(),
        save=lambda form: correspondence.vote_cast(session, person, form.choices()),
        template="meetings/vote.html",
        extra_context={
            "session": session,
            "has_voted": bool(ballot),
            "closed_reason": "" if session.may_vote() else voting_closed_message(session),
            "submit_label": _("Change my vote") if ballot else _("Cast my vote"),
        },
    )


@council_view
def voting_close(request, council, pk):
    """Count the votes once the deadline has passed, after saying what that records."""
    session = get_correspondence_session(request.user, council, pk, edit=True)
    if not session.may_count_votes():
        messages.error(request, _cannot_count_message(session))
        return redirect(f"{session.get_absolute_url()}#voting")
    if not is_confirmed(request):
        return _confirm_count(request, council, session)
    try:
        correspondence.correspondence_close(session)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The votes have been counted and the outcome recorded."))
    return redirect(f"{session.get_absolute_url()}#voting")


def _cannot_count_message(session):
    if session.votes_are_counted:
        return _("The votes of this session have already been counted.")
    if not session.is_convened:
        return _("The session was not sent to the members, so there are no votes to count.")
    return _("The votes are counted once the deadline has passed (%(deadline)s).") % {
        "deadline": session.voting_deadline_text
    }


def _confirm_count(request, council, session):
    seats = list(session.members_invited())
    voted = (
        Vote.objects.filter(resolution__session=session, person__in=[s.person for s in seats])
        .values("person")
        .distinct()
        .count()
    )
    return confirm_page(
        request,
        council,
        title=_("Counting the votes: %(session)s") % {"session": session},
        consequences=[
            ngettext(
                "Members who voted: %(voted)d of %(count)d member invited.",
                "Members who voted: %(voted)d of %(count)d members invited.",
                len(seats),
            )
            % {"voted": voted, "count": len(seats)},
            _(
                "Each proposed resolution gets its tally (for, against, abstained) and its "
                "outcome, and the session is recorded as held."
            ),
            _("After that no vote can be cast or changed."),
        ],
        confirm_label=_("Count the votes"),
        cancel_url=f"{session.get_absolute_url()}#voting",
    )
