from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, FilteredRelation, OuterRef, Q, Subquery
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.access import authorise, council_view
from members.confirm import CONFIRM_FIELD, confirm_page, is_confirmed
from members.models import full_name_expression
from members.permissions import may
from members.views import edit_page, form_data

from .. import notices, services
from ..access import get_session_for
from ..forms import ProposalForm, SessionForm
from ..models import AgendaItem, Attendance, Session, SessionSeen
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
    """The session page. Its queries are few and fixed, whatever the session holds: the
    agenda with its materials and resolutions in one, the seats with their answers in one."""
    items = agenda_of(council, pk)
    if items:
        session = items[0].session
        authorise(request.user, Session, "view", session)
    else:  # an empty agenda: the session alone, or 404
        session = get_session_for(request.user, council, pk)
    seats = seats_with_attendance(session, council)
    attendances = [seat.attendance for seat in seats if seat.attendance is not None]
    present, members, quorum_reached = services.quorum(seats, attendances)
    invited = next((seat for seat in seats if seat.person.user_id == request.user.pk), None)
    if may(request.user, "meetings.add_sessionseen"):
        SessionSeen.record(request.user, session)  # the overview's "new materials" start here
    may_decide = may(request.user, "meetings.change_agendaproposal")
    # The proposer as this council knows them: their person here, else their login.
    proposer = council.people.filter(user=OuterRef("proposed_by"))
    proposals = session.proposals.select_related("proposed_by", "item").annotate(
        proposer_name=Subquery(proposer.annotate(name=full_name_expression()).values("name")[:1])
    )
    return render(
        request,
        "meetings/session_detail.html",
        {
            "council": council,
            "session": session,
            "items": items,
            "agenda_may": agenda_permissions(request.user, session),
            "attendance_rows": [(seat, seat.attendance) for seat in seats],
            "quorum": {
                "present": present,
                "members": members,
                "reached": quorum_reached,
                "recorded": bool(seats) and seats[0].presence_recorded,
            },
            "my_attendance": invited.attendance if invited else None,
            "invited_person": invited.person if invited else None,
            "responses": Attendance.answer_choices(invited.person) if invited else [],
            "proposals": proposals if may_decide else proposals.filter(proposed_by=request.user),
            "proposal_form": ProposalForm() if _accepts_proposals(request.user, session) else None,
            "changes": session.agenda_changes.select_related("changed_by"),
            "pending_changes": notices.pending_count(session),
        },
    )


def agenda_of(council, session_pk):
    """The session's agenda items in order, each with ``material_list`` and ``resolution_list``
    and its session, in one query: every row is an item joined with one of its materials and one
    of its resolutions, gathered here. A session has a few of each per item, so the rows stay
    few. Empty when the agenda is (or the session is not in the council)."""
    rows = (
        # session__pk, not session_id: a number too large for the column finds nothing, no error.
        AgendaItem.objects.filter(session__pk=session_pk, session__mandate__council=council)
        .annotate(
            material_row=FilteredRelation("materials"),
            resolution_row=FilteredRelation("resolutions"),
        )
        .select_related(
            "session__mandate__council",
            "presenter_person",
            "presenter_organization",
            "material_row",
            "resolution_row__responsible",
        )
        .order_by(
            "position",
            "pk",
            "material_row__uploaded_at",
            "material_row__pk",
            "resolution_row__number",
            "resolution_row__pk",
        )
    )
    items = {}
    for row in rows:
        item = items.setdefault(row.pk, row)
        if item is row:
            item.material_list, item.resolution_list = [], []
        material = getattr(row, "material_row", None)  # not set where the join found none
        resolution = getattr(row, "resolution_row", None)
        if material is not None and material not in item.material_list:
            item.material_list.append(material)
        if resolution is not None and resolution not in item.resolution_list:
            resolution.item = item
            item.resolution_list.append(resolution)
    session = next(iter(items.values())).session if items else None
    for item in items.values():
        item.session = session  # one session object for all, as a prefetch would leave it
    return list(items.values())


def agenda_permissions(user, session):
    """What the login may do to the agenda (meetings/_agenda.html), asked once, not per item."""
    may_change_agenda = session.may_change_agenda()
    return {
        "change_items": may(user, "meetings.change_agendaitem"),
        "edit_agenda": may_change_agenda and may(user, "meetings.change_agendaitem"),
        "remove_materials": may_change_agenda and may(user, "meetings.delete_material"),
        "remove_label": _("Withdraw") if session.agenda_was_sent else _("Remove"),
        "edit_resolutions": may(user, "meetings.change_resolution"),
        "add_resolutions": session.may_record_outcome() and may(user, "meetings.add_resolution"),
    }


def seats_with_attendance(session, council):
    """The seats invited to the session (members_invited), each with its person's
    ``attendance`` for this session or None, and ``presence_recorded``: whether any presence is
    recorded for the session at all. One query."""
    attendance = FilteredRelation(
        "person__attendances", condition=Q(person__attendances__session=session)
    )
    recorded = Attendance.objects.filter(session=session).exclude(presence="")
    # Redundant for correctness (a seat's organization is the council's), but it lets the
    # database read this council's organizations by index instead of every council's.
    seats = list(
        session.members_invited()
        .filter(organization__council=council)
        .annotate(attendance_row=attendance, presence_recorded=Exists(recorded))
        .select_related("attendance_row")
    )
    for seat in seats:
        seat.attendance = getattr(seat, "attendance_row", None)  # not set where none joined
        if seat.attendance is not None:
            seat.attendance.person = seat.person  # its labels agree with the person
    return seats


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
        mandate=None if session else _asked_mandate(request, council),
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


def _asked_mandate(request, council):
    """The mandate named in ``?mandat=`` (the new mandate's "plan the constitutive session")."""
    asked = request.GET.get("mandat", "")
    if not (asked.isascii() and asked.isdigit() and len(asked) < 10):  # anything else is no pk
        return None
    return council.mandates.filter(pk=asked).first()


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
