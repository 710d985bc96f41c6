from django.db.models import CharField
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members.access import authorise, council_view
from members.addresses import address_for_key
from members.html import html_format
from members.models import Council, Person
from members.overview import collect_due
from members.permissions import may
from members.sql import count, read_model_parts, read_models, value

from ..models import AgendaProposal, Attendance, Session, session_name
from ..sql import held, open_resolution, upcoming

# The overview's queries, as SQL (members/sql.py says why; tests/meetings/test_overview_sql.py
# holds them to the ORM's rules).
#
# Read on the council's row ``c`` beside what is due (members/overview.py): the login's person
# here, by its gender (None: the login is not a member), which the words of its answers agree
# with; and the council's open follow-ups.


def member_gender(c):
    return f"SELECT gender FROM members_person WHERE council_id = {c}.id AND user_id = %(user)s"


def open_follow_ups(c):
    return f"""
        SELECT COUNT(*) FROM meetings_resolution r
        JOIN meetings_session s ON s.id = r.session_id
        JOIN members_mandate m ON m.id = s.mandate_id
        WHERE m.council_id = {c}.id AND {open_resolution("r")}"""


# The next five sessions and the three last held, in the order of their days (the date, else the
# month planned: a session not yet dated is neither first nor last, and the same on SQLite, which
# sorts NULL first, as on PostgreSQL, which sorts it last), with what their lines show: when and
# where, the agenda items not withdrawn, the login's answer (NULL: none).
# The eight are joined, not asked as "id IN (...) OR id IN (...)": PostgreSQL would test every
# session of every council against that, and on 212 councils it judged the query costly enough
# to compile (JIT), 120 ms on each view.
SESSIONS = f"""
    SELECT s.id, s.number, s.kind, s.status, s.planned_month, s.date, s.time, s.place,
      (SELECT COUNT(*) FROM meetings_agendaitem i WHERE i.session_id = s.id AND NOT i.withdrawn)
        AS item_count,
      (SELECT a.response FROM meetings_attendance a JOIN members_person p ON p.id = a.person_id
       WHERE a.session_id = s.id AND p.council_id = %(council)s AND p.user_id = %(user)s)
        AS my_response,
      COALESCE(s.date, s.planned_month) AS day
    FROM meetings_session s JOIN (
        SELECT id FROM (
          SELECT u.id FROM meetings_session u JOIN members_mandate m ON m.id = u.mandate_id
          WHERE m.council_id = %(council)s AND {upcoming("u")}
          ORDER BY COALESCE(u.date, u.planned_month), u.number LIMIT 5
        ) AS next_five
        UNION ALL
        SELECT id FROM (
          SELECT h.id FROM meetings_session h JOIN members_mandate m ON m.id = h.mandate_id
          WHERE m.council_id = %(council)s AND {held("h")}
          ORDER BY h.date DESC LIMIT 3
        ) AS last_three
      ) AS chosen ON chosen.id = s.id
    ORDER BY day, s.number"""
# The login's five latest proposals, with what their lines show.
OWN_PROPOSALS = """
    SELECT p.id, p.title, p.status, p.proposed_at, s.number AS session_number
    FROM meetings_agendaproposal p JOIN meetings_session s ON s.id = p.session_id
    JOIN members_mandate m ON m.id = s.mandate_id
    WHERE m.council_id = %(council)s AND p.proposed_by_id = %(user)s
    ORDER BY p.proposed_at DESC LIMIT 5"""
# For a login who proposes, both in one statement (members.sql.read_model_parts): a round trip
# to the database less. Each part's rows fill their own columns, NULL the other's, and are
# ordered as their own query orders them (a session's row has no proposed_at, a proposal's
# none of the sessions' columns).
SESSIONS_AND_PROPOSALS = f"""
    SELECT 0 AS part, sessions.*, NULL AS title, NULL AS proposed_at, NULL AS session_number
    FROM ({SESSIONS}) AS sessions
    UNION ALL
    SELECT 1, own.id, NULL, NULL, own.status, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      own.title, own.proposed_at, own.session_number
    FROM ({OWN_PROPOSALS}) AS own
    ORDER BY part, day, number, proposed_at DESC"""
SESSION_COLUMNS = (
    "id", "number", "kind", "status", "planned_month", "date", "time", "place", "item_count",
    "my_response",
)  # fmt: skip
PROPOSAL_COLUMNS = ("id", "title", "status", "session_number")


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
            "member_gender": value(member_gender, CharField(), user=user.pk),
            "open_follow_ups": count(open_follow_ups),
        },
    )
    is_member = figures["member_gender"] is not None
    # Whoever decides proposals sees them among what is due, not as their own.
    proposes = may(user, "meetings.add_agendaproposal") and not may(
        user, "meetings.change_agendaproposal"
    )
    next_sessions, recent, proposals = _sessions_and_proposals(council, user, today, proposes)
    # The answers in the member's own words ("udeležila se bom"), by the answer given.
    member = Person(gender=figures["member_gender"])
    answers = dict(Attendance.answer_choices(member)) if is_member else {}
    return render(
        request,
        "meetings/dashboard.html",
        {
            "council": council,
            "due": [_due_line(item) for item in due],
            "upcoming": [
                _upcoming_line(session, is_member, answers.get(session.my_response))
                for session in next_sessions
            ],
            "recent": [html_format('<li class="py-1">{}</li>', session.line) for session in recent],
            "proposals": [_proposal_line(p) for p in proposals],
            "open_follow_ups": figures["open_follow_ups"],
            "today": today,
        },
    )


# The lines of the page's lists are made here as HTML (``html_format``: each value escaped), one
# value a line for the template to write: a dozen template nodes per line cost more than the
# lines' reading.


def _due_line(item):
    """A line of what is due (members.overview.DueItem): urgent ones say so in words."""
    warning = " list-group-item-warning" if item.urgent else ""
    urgent = html_format("<strong>{}</strong> ", _("Urgent:")) if item.urgent else ""
    return html_format(
        '<li class="list-group-item{}">{}{} <a href="{}">{}</a></li>',
        warning,
        urgent,
        item.text,
        item.url,
        item.action,
    )


def _upcoming_line(session, is_member, answer):
    """A next session's line: its ``line``, the count of its agenda items and, for a member, the
    member's answer (``answer``, in their own words; None: not answered)."""
    about = session.items_text
    if is_member:
        said = f"{_('your answer:')} {answer}" if answer else _("you have not answered yet")
        about += f" · {said}"
    return html_format(
        '<li class="list-group-item">\n{}\n<div class="text-body-secondary">\n{}\n</div>\n</li>',
        session.line,
        about,
    )


def _proposal_line(proposal):
    """One of the login's proposals: its title, its session, its status."""
    session = session_name(proposal.session_number)
    return html_format("<li>{} ({}): {}</li>", proposal.title, session, proposal.status_label)


def _sessions_and_proposals(council, user, today, proposes):
    """The next five sessions and the three last held, each with its address (``url``), its
    ``line`` (its name and link, when and where, its status: HTML, escaped), its count of agenda
    items in words (``items_text``) and the login's answer (``my_response``, None without one);
    and, if the login ``proposes``, its five latest proposals (``_own_proposals``): one query."""
    params = {"council": council.pk, "user": user.pk, "today": today, "month": today.replace(day=1)}
    if proposes:
        rows, proposals = read_model_parts(
            [(Session, SESSION_COLUMNS), (AgendaProposal, PROPOSAL_COLUMNS)],
            SESSIONS_AND_PROPOSALS,
            params,
        )
    else:
        rows, proposals = read_models(Session, SESSIONS, params), []
    return (*_upcoming_and_recent(council, rows), _own_proposals(proposals))


def _upcoming_and_recent(council, rows):
    """The sessions ``rows`` with what their lines show, those to come and those held."""
    address = address_for_key("meetings:session", council=council.slug)
    for session in rows:
        # What the lines show, made here: not get_absolute_url(), which would fetch the session's
        # mandate and its council, nor get_status_display(), which builds a dict of the choices
        # at every call; the count in words costs a {% blocktranslate %} thrice as much.
        session.url = address(session.pk)
        status = Session.Status(session.status).label
        # meetings/_session_line.html, as the sessions' list shows it: change both.
        session.line = html_format(
            '<a href="{}">{}</a> – {} <span class="badge text-bg-light border">{}</span>',
            session.url,
            session,
            session.when_and_where,
            status,
        )
        session.items_text = ngettext(
            "%(counter)s agenda item", "%(counter)s agenda items", session.item_count
        ) % {"counter": session.item_count}
    return (
        [session for session in rows if not session.is_held],  # planned or convened
        [session for session in reversed(rows) if session.is_held],
    )


def _own_proposals(proposals):
    """The login's proposals, each with its session's number (``session_number``) and its
    status in words (``status_label``)."""
    for proposal in proposals:
        proposal.status_label = AgendaProposal.Status(proposal.status).label
    return proposals
