from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone

from members.access import authorise, council_view
from members.models import Council
from members.permissions import may
from members.rollover import renewal_notice

from ..models import AgendaProposal, Attendance, Resolution, Session


@login_required
def home(request):
    """Straight to the council's overview with one council; a picker for those with several."""
    councils = list(Council.objects.for_user(request.user))
    if len(councils) == 1:
        return redirect("dashboard", council=councils[0].slug)
    return render(request, "meetings/council_picker.html", {"councils": councils})


@council_view
def dashboard(request, council):
    """What a member needs first: the next sessions, their own answers and proposals."""
    authorise(request.user, Session)
    upcoming = list(
        Session.objects.of_council(council)
        .upcoming()
        .select_related("mandate__council")
        .annotate(item_count=Count("items", filter=Q(items__withdrawn=False)))
        .order_by("date", "planned_month", "number")[:5]
    )
    person = council.person_of(request.user)
    answers = {}
    if person:
        answers = {
            attendance.session_id: attendance
            for attendance in Attendance.objects.filter(person=person, session__in=upcoming)
        }
    return render(
        request,
        "meetings/dashboard.html",
        {
            "council": council,
            "upcoming": [(session, answers.get(session.pk)) for session in upcoming],
            "is_member": person is not None,
            "recent": Session.objects.of_council(council)
            .filter(status=Session.Status.HELD)
            .select_related("mandate__council")
            .order_by("-date")[:3],
            "proposals": AgendaProposal.objects.filter(
                session__mandate__council=council, proposed_by=request.user
            )
            .select_related("session")
            .order_by("-proposed_at")[:5],
            "open_follow_ups": Resolution.objects.filter(
                session__mandate__council=council,
                outcome=Resolution.Outcome.ADOPTED,
                responsible__isnull=False,
                done_on__isnull=True,
            ).count(),
            "today": timezone.localdate(),
            # Only whoever enters mandates is asked to prepare the next one.
            "renewal": renewal_notice(council)
            if may(request.user, "members.add_mandate")
            else None,
        },
    )
