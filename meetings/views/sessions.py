from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.access import authorise, council_view
from members.confirm import CONFIRM_FIELD, confirm_page, is_confirmed
from members.permissions import may
from members.views import edit_page, form_data, mandate_asked

from .. import notices, services
from ..access import get_session_for
from ..forms import ProposalForm, SessionForm
from ..models import Attendance, Session, SessionSeen
from ..session_page import (
    agenda_items,
    change_part,
    changes_from,
    look_is_news,
    proposal_part,
    proposals_from,
    read_session,
    seats_with_attendance,
    seats_with_votes,
)
from ..session_rows import agenda_rows, attendance_rows, minutes_rows
from .invitations import notice_reach, report_notice


@council_view
def session_list(request, council):
    """Sessions of one year (this one unless asked), with the upcoming ones first."""
    authorise(request.user, Session)
    sessions = Session.objects.of_council(council).select_related("mandate__council")
    years = sorted(
        {day.year for day in sessions.dates("date", "year")}
        | {day.year for day in sessions.dates("planned_month", "year")}
        | {timezone.localdate().year},
        reverse=True,
    )
    year = asked_year(request)
    return render(
        request,
        "meetings/session_list.html",
        {
            "council": council,
            "year": year,
            "years": years,
            "upcoming": sessions.upcoming().order_by("date", "planned_month", "number"),
            "sessions": sessions.in_year(year)
            .annotate(item_count=Count("items", filter=Q(items__withdrawn=False)))
            .order_by("date", "planned_month", "number"),
        },
    )


def asked_year(request):
    """The year in ``?leto=``; this one when none is asked for or what is asked is no year."""
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("leto", this_year))
    except ValueError:
        return this_year
    # No date has such a year; asking for one is a typo or a probe.
    return year if 1 <= year <= 9999 else this_year


@council_view
def session_detail(request, council, pk):
    """The session page. Its queries are few and fixed, whatever the session holds: the session
    with its agenda, materials and resolutions, proposals and trail of changes in one, the seats
    with their answers (or votes) in one (meetings/session_page.py)."""
    may_decide = may(request.user, "meetings.change_agendaproposal")
    session, seen, rows, proposal_rows, change_rows = read_session(
        council,
        pk,
        request.user,
        also=[proposal_part(pk, council, request.user, deciding=may_decide), change_part(pk)],
    )
    authorise(request.user, Session, "view", session)
    if may(request.user, "meetings.add_sessionseen") and look_is_news(seen, rows):
        SessionSeen.record(request.user, session)  # the overview's "new materials" start here
    agenda_may = agenda_permissions(request.user, session)
    items = agenda_items(rows, council, agenda_may)
    trail = {
        "may_decide": may_decide,
        "proposals": proposals_from(proposal_rows, council, deciding=may_decide),
        "changes": changes_from(change_rows),
    }
    if session.is_correspondence:
        return _correspondence_detail(request, council, session, items, agenda_may, trail)
    may_name_deputies = session.may_take_answers() and may(
        request.user, "meetings.change_attendance"
    )
    seats, own, recorded = seats_with_attendance(
        session, council, request.user, deputy_links=may_name_deputies
    )
    taking_part = [seat["person_id"] for seat in seats if seat["fills_seat"]]
    present, members, quorum_reached = services.quorum(
        [seat["person_id"] for seat in seats], taking_part
    )
    return _render_detail(
        request,
        council,
        session,
        items,
        agenda_may,
        trail,
        {
            "seats": seats,
            "quorum": {
                "present": present,
                "members": members,
                "reached": quorum_reached,
                "recorded": recorded,
            },
            "my_attendance": own["attendance"] if own else None,
            "seat_rows": attendance_rows(seats, deputy_links=may_name_deputies),
            "invited_person": own["person"] if own else None,
            "responses": Attendance.answer_choices(own["person"]) if own else [],
        },
    )


def _correspondence_detail(request, council, session, items, agenda_may, trail):
    """The page of a session by correspondence: instead of attendance, who has voted (and,
    after the deadline, how), in the one query the seats take at a meeting."""
    resolutions = [
        resolution for item in items if not item["withdrawn"] for resolution in item["resolutions"]
    ]
    seats, own = seats_with_votes(session, council, request.user, resolutions)
    voted, members, _reached = services.quorum(
        [seat["person_id"] for seat in seats],
        [seat["person_id"] for seat in seats if seat["has_voted"]],
    )
    return _render_detail(
        request,
        council,
        session,
        items,
        agenda_may,
        trail,
        {
            "voting": {
                "seats": seats,
                "resolutions": resolutions if session.votes_are_shown else [],
                "voted": voted,
                "members": members,
                "mine": own,
            }
        },
    )


def _render_detail(request, council, session, items, agenda_may, trail, extra):
    """The session page of ``items`` (``agenda_items``), the proposals and the changes of the
    ``trail`` and what ``extra`` adds (the attendance, or the votes)."""
    changes = trail["changes"]
    agenda = [item for item in items if not item["withdrawn"]]
    return render(
        request,
        "meetings/session_detail.html",
        {
            "council": council,
            "session": session,
            "items": items,
            "agenda": agenda,
            "agenda_rows": agenda_rows(agenda, agenda_may, request),
            "minutes_rows": minutes_rows(
                [item for item in items if item["minutes"] and not item["withdrawn"]]
            )
            if session.is_held
            else "",
            "may_decide": trail["may_decide"],
            "proposals": trail["proposals"],
            "proposal_form": ProposalForm() if _accepts_proposals(request.user, session) else None,
            "changes": changes,
            # notices.pending_count, counted in the trail already read rather than asked again.
            "pending_changes": sum(1 for change in changes if not change["notified"])
            if session.announces_changes
            else 0,
            # Named though empty here, for the partials that other pages fill (a move of an item,
            # the deliveries' page): each name a template asks and the context lacks costs an
            # exception to find missing.
            "moved": None,
            "announcement": None,
            "deliveries": None,
            **extra,
        },
    )


def agenda_permissions(user, session):
    """What the login may do to the agenda (meetings/_agenda.html), asked once, not per item."""
    may_change_agenda = session.may_change_agenda()
    change_items = may(user, "meetings.change_agendaitem")
    return {
        "change_items": change_items,
        "edit_agenda": may_change_agenda and change_items,
        "remove_materials": may_change_agenda and may(user, "meetings.delete_material"),
        "remove_label": _("Withdraw") if session.agenda_was_sent else _("Remove"),
        "publish_materials": may(user, "meetings.change_material"),
        "edit_resolutions": may(user, "meetings.change_resolution"),
        "add_resolutions": session.may_write_resolutions() and may(user, "meetings.add_resolution"),
    }


def _accepts_proposals(user, session):
    return may(user, "meetings.add_agendaproposal") and session.may_take_proposals()


@council_view
def session_edit(request, council, pk=None):
    if pk:
        session = get_session_for(request.user, council, pk, edit=True)
    else:
        authorise(request.user, Session, "add")
        session = None
    form = SessionForm(
        form_data(request),
        instance=session,
        council=council,
        mandate=None if session else mandate_asked(request, council),
    )
    # A convened session moves: the members who have the invitation are told at once, once the
    # secretary has confirmed it.
    moves = request.method == "POST" and form.is_valid() and notices.reschedule_needs_notice(form)
    if moves and not is_confirmed(request):
        return _confirm_reschedule(request, council, form)

    def save(form):
        if not moves:
            return form.save()
        report_notice(request, notices.session_reschedule(form, by=request.user, request=request))
        return form.instance

    return edit_page(
        request,
        council,
        form,
        title=_("Edit %(session)s") % {"session": session} if session else _("New session"),
        success_url=lambda saved: saved.get_absolute_url(),
        cancel_url=session.get_absolute_url() if session else _session_list_url(council),
        success_message=_("The session has been saved."),
        save=save,
    )


def _confirm_reschedule(request, council, form):
    session = form.instance
    consequences = [
        notices.schedule_summary(form),
        _("The change is recorded in the session's trail of changes."),
        notice_reach(session),
    ]
    # What the secretary typed rides along, so "yes" saves exactly that.
    carry = {
        name: value
        for name, value in request.POST.items()
        if name not in ("csrfmiddlewaretoken", CONFIRM_FIELD)
    }
    return confirm_page(
        request,
        council,
        title=_("Reschedule %(session)s") % {"session": session},
        consequences=consequences,
        confirm_label=_("Save and notify the members"),
        cancel_url=session.get_absolute_url(),
        carry=carry,
    )


def _session_list_url(council):
    return reverse("meetings:session_list", kwargs={"council": council.slug})


@council_view
@require_POST
def session_set_status(request, council, pk):
    session = get_session_for(request.user, council, pk, edit=True)
    status = request.POST.get("status")
    if status not in Session.Status.values or status == Session.Status.CONVENED:
        # Convening is its own step: it sends the invitations.
        messages.error(request, _("Unknown change of status."))
        return redirect(session)
    may_cancel = session.may_become(status)  # else say at once why not
    if status == Session.Status.CANCELLED and may_cancel and not is_confirmed(request):
        return _confirm_cancel(request, council, session)
    try:
        result = services.session_set_status(session, status, by=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(session)
    messages.success(
        request, _("The session is now %(status)s.") % {"status": session.get_status_display()}
    )
    if result is not None:
        report_notice(request, result)
    return redirect(session)


def _confirm_cancel(request, council, session):
    consequences = [_("The session will be marked as cancelled.")]
    if session.is_convened:
        consequences += [
            _("The cancellation is recorded in the session's trail of changes."),
            notice_reach(session),
            _("The calendar file in the notice cancels the session in the members' calendars."),
        ]
    else:
        consequences.append(_("Nobody has received the invitation, so nobody will be notified."))
    return confirm_page(
        request,
        council,
        title=_("Cancel %(session)s") % {"session": session},
        consequences=consequences,
        confirm_label=_("Cancel the session"),
        cancel_url=session.get_absolute_url(),
        carry={"status": Session.Status.CANCELLED},
        danger=True,
    )
