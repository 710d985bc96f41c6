from django.contrib.auth.decorators import login_required
from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    OuterRef,
    Q,
    Subquery,
)
from django.shortcuts import redirect, render
from django.utils import timezone

from members.access import authorise, council_view
from members.models import Council, Person
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
    upcoming, recent = _upcoming_and_recent(council, request.user)
    figures = (
        Council.objects.filter(pk=council.pk)
        .values(
            is_member=Exists(council.people.filter(user=request.user)),
            open_follow_ups=_count(
                Resolution.objects.filter(
                    session__mandate__council=council,
                    outcome=Resolution.Outcome.ADOPTED,
                    responsible__isnull=False,
                    done_on__isnull=True,
                )
            ),
        )
        .get()
    )
    return render(
        request,
        "meetings/dashboard.html",
        {
            "council": council,
            "upcoming": [(session, _answer(session)) for session in upcoming],
            "is_member": figures["is_member"],
            "recent": recent,
            "proposals": AgendaProposal.objects.filter(
                session__mandate__council=council, proposed_by=request.user
            )
            .select_related("session")
            .order_by("-proposed_at")[:5],
            "open_follow_ups": figures["open_follow_ups"],
            "today": timezone.localdate(),
            # Only whoever enters mandates is asked to prepare the next one.
            "renewal": renewal_notice(council)
            if may(request.user, "members.add_mandate")
            else None,
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


def _count(queryset):
    """COUNT(*) of ``queryset`` as a subquery, to be read beside other figures."""
    counted = queryset.order_by().annotate(count=Func(F("pk"), function="COUNT"))
    return Subquery(counted.values("count")[:1])
