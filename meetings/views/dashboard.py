from django.contrib.auth.decorators import login_required
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.shortcuts import redirect, render
from django.utils import timezone

from members.access import authorise, council_view
from members.models import Council, Person
from members.overview import collect_due
from members.permissions import may

from ..due import count_of
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
    """What the login has to do first, then the next sessions, their own answers and proposals.

    What is due comes from every app (members/overview.py), read in one query for the figures
    and at most two more of each app's own.
    """
    authorise(request.user, Session)
    today = timezone.localdate()
    upcoming, recent = _upcoming_and_recent(council, request.user)
    figures, due = collect_due(
        council,
        request.user,
        today,
        figures={
            "is_member": Exists(council.people.filter(user=request.user)),
            "open_follow_ups": count_of(
                Resolution.objects.open().filter(session__mandate__council=council)
            ),
        },
    )
    # Whoever decides proposals sees them among what is due, not as their own.
    proposes = may(request.user, "meetings.add_agendaproposal") and not may(
        request.user, "meetings.change_agendaproposal"
    )
    return render(
        request,
        "meetings/dashboard.html",
        {
            "council": council,
            "due": due,
            "upcoming": [(session, _answer(session)) for session in upcoming],
            "is_member": figures["is_member"],
            "recent": recent,
            "proposals": AgendaProposal.objects.filter(
                session__mandate__council=council, proposed_by=request.user
            )
            .select_related("session")
            .order_by("-proposed_at")[:5]
            if proposes
            else (),
            "open_follow_ups": figures["open_follow_ups"],
            "today": today,
        },
    )


def _upcoming_and_recent(council, user):
    """The next five sessions and the three last held, in one query, each with its count of
    agenda items and the login's answer (``my_response``, None without one) with the gender of
    the person who gave it (``my_gender``), which the answer's words agree with."""
    sessions = Session.objects.of_council(council)
    upcoming = sessions.upcoming().order_by("date", "planned_month", "number")[:5]
    recent = sessions.filter(status=Session.Status.HELD).order_by("-date")[:3]
    answers = Attendance.objects.filter(
        session=OuterRef("pk"), person__user=user, person__council=council
    )
    rows = (
        sessions.filter(Q(pk__in=upcoming.values("pk")) | Q(pk__in=recent.values("pk")))
        .select_related("mandate__council")
        .annotate(
            item_count=Count("items", filter=Q(items__withdrawn=False)),
            my_response=Subquery(answers.values("response")[:1]),
            my_gender=Subquery(answers.values("person__gender")[:1]),
        )
        .order_by("date", "planned_month", "number")
    )
    rows = list(rows)
    held = Session.Status.HELD  # the upcoming are planned or convened, never held
    return (
        [session for session in rows if session.status != held],
        [session for session in reversed(rows) if session.status == held],
    )


def _answer(session):
    """The login's attendance as the template reads it, or None if it has none."""
    if session.my_response is None:
        return None
    person = Person(gender=session.my_gender)
    return Attendance(session=session, person=person, response=session.my_response)
