from django.db.models import CharField, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from members.access import authorise, council_view
from members.models import Council, Person
from members.overview import collect_due
from members.permissions import may
from members.sql import count, value

from ..models import AgendaProposal, Attendance, Resolution, Session

# What the overview says of a session (its line, when and where): the rest stays in the database.
SHOWN_FIELDS = ("number", "kind", "status", "planned_month", "date", "time", "place")
# The figures of the council's row the overview reads beside what is due (members/overview.py),
# as SQL (members/sql.py): the login's person here, by its gender (None: the login is not a
# member), which the words of its answers agree with; and the open follow-ups, as
# ``Resolution.objects.open()`` counts them.
MEMBER_GENDER = "SELECT gender FROM members_person WHERE council_id = {row}.id AND user_id = %s"
OPEN_FOLLOW_UPS = """
    SELECT COUNT(*) FROM meetings_resolution r
    JOIN meetings_session s ON s.id = r.session_id
    JOIN members_mandate m ON m.id = s.mandate_id
    WHERE m.council_id = {row}.id
      AND r.outcome = %s AND r.responsible_id IS NOT NULL AND r.done_on IS NULL"""
# Of each session: its agenda items not withdrawn, and the login's answer to the invitation.
ITEM_COUNT = """
    SELECT COUNT(*) FROM meetings_agendaitem WHERE session_id = {row}.id AND NOT withdrawn"""
MY_RESPONSE = """
    SELECT a.response FROM meetings_attendance a JOIN members_person p ON p.id = a.person_id
    WHERE a.session_id = {row}.id AND p.user_id = %s AND p.council_id = %s"""


def home(request):
    """The landing page: for visitors, the councils' public pages and the way to log in; for a
    login, straight to its council's overview, or a picker for those with several."""
    if not request.user.is_authenticated:
        councils = Council.objects.only("name", "slug")
        return render(request, "meetings/landing.html", {"councils": councils})
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
    user = request.user
    authorise(user, Session)
    today = timezone.localdate()
    figures, due = collect_due(
        council,
        user,
        today,
        figures={
            "member_gender": value(MEMBER_GENDER, CharField(), user.pk),
            "open_follow_ups": count(OPEN_FOLLOW_UPS, Resolution.Outcome.ADOPTED),
        },
    )
    is_member = figures["member_gender"] is not None
    upcoming, recent = _upcoming_and_recent(council, user, today, is_member)
    # The answers in the member's own words ("udeležila se bom"), by the answer given.
    member = Person(gender=figures["member_gender"])
    answers = dict(Attendance.answer_choices(member)) if is_member else {}
    # Whoever decides proposals sees them among what is due, not as their own.
    proposes = may(user, "meetings.add_agendaproposal") and not may(
        user, "meetings.change_agendaproposal"
    )
    return render(
        request,
        "meetings/dashboard.html",
        {
            "council": council,
            "due": due,
            "upcoming": [(session, answers.get(session.my_response)) for session in upcoming],
            "is_member": is_member,
            "recent": recent,
            "proposals": _own_proposals(council, user) if proposes else (),
            "open_follow_ups": figures["open_follow_ups"],
            "today": today,
        },
    )


def _upcoming_and_recent(council, user, today, is_member):
    """The next five sessions and the three last held, in one query, each with its address
    (``url``), its count of agenda items and, for a member, their answer (``my_response``, None
    without one)."""
    sessions = Session.objects.of_council(council)
    upcoming = sessions.upcoming(today).order_by("date", "planned_month", "number")[:5]
    recent = sessions.held().order_by("-date")[:3]
    rows = (
        sessions.filter(Q(pk__in=upcoming.values("pk")) | Q(pk__in=recent.values("pk")))
        .only(*SHOWN_FIELDS)
        .annotate(item_count=count(ITEM_COUNT))
        .order_by("date", "planned_month", "number")
    )
    if is_member:
        rows = rows.annotate(my_response=value(MY_RESPONSE, CharField(), user.pk, council.pk))
    rows, slug = list(rows), council.slug
    for session in rows:
        # Not get_absolute_url(), which would need the session's mandate and its council.
        session.url = reverse("meetings:session", kwargs={"council": slug, "pk": session.pk})
        if not is_member:
            session.my_response = None
    held = Session.Status.HELD  # the upcoming are planned or convened, never held
    return (
        [session for session in rows if session.status != held],
        [session for session in reversed(rows) if session.status == held],
    )


def _own_proposals(council, user):
    """The login's five latest proposals, with what their lines show."""
    return (
        AgendaProposal.objects.filter(session__mandate__council=council, proposed_by=user)
        .select_related("session")
        .only("title", "status", "session__number")
        .order_by("-proposed_at")[:5]
    )
