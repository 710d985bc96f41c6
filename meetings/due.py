"""What the meetings app adds to the overview (members/overview.py): sessions and resolutions.

The secretary: sessions to convene (with the convocation deadline), sessions whose day has passed
without being marked held or cancelled, minutes to write or approve, proposals to decide,
invitations and notices not delivered, resolutions past their deadline. A member: sessions they
are invited to and have not answered, materials added since they last opened a session, the open
resolutions of the organizations they sit for.

Two queries at most whatever the data: the sessions, and the resolutions (none of either for a
login with nothing of the kind to be told, such as the mayor's office without a seat), both
written as SQL below (members/sql.py says why). For the secretary each kind of session line is a
slice of LIST_LENGTH (+1, to know that there are more) taken inside the one query; a member's
lines all concern the next sessions, which are simply read with what the lines need. Which line
a session gets is then asked of the model's own rules (``Session.is_overdue``,
``may_approve_minutes`` ...).
"""

import datetime

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members.addresses import address_for_key
from members.overview import DueItem
from members.permissions import may
from members.sql import exists, read_models, seat_on

from .models import AgendaProposal, InvitationDelivery, Resolution, Session
from .sql import awaiting_approval, invited_seat, open_resolution, overdue, upcoming

LIST_LENGTH = 5
# A member's lines are about the next sessions, as many as these.
NEXT_SESSIONS = 10

# What the lines ask, as SQL (tests/meetings/test_overview_sql.py holds each to the ORM's rule):
# of the council's row ``c``, of a session's ``s``, of a resolution's ``r``.


def is_person(c):
    """The login is a person of the council: only a person holds a seat, answers and votes."""
    return f"SELECT 1 FROM members_person WHERE council_id = {c}.id AND user_id = %(user)s"


def invited(s):
    """The login holds a seat in the session's mandate on its day: whoever holds one answers the
    invitation, whatever their role."""
    return f"""
        SELECT 1 FROM members_membership ms JOIN members_person p ON p.id = ms.person_id
        WHERE ms.mandate_id = {s}.mandate_id AND p.user_id = %(user)s
          AND {invited_seat("ms", f"{s}.date")}"""


def answered(s):
    return f"""
        SELECT 1 FROM meetings_attendance a JOIN members_person p ON p.id = a.person_id
        WHERE a.session_id = {s}.id AND p.user_id = %(user)s AND a.response <> ''"""


def voted(s):
    return f"""
        SELECT 1 FROM meetings_vote v JOIN members_person p ON p.id = v.person_id
        JOIN meetings_resolution r ON r.id = v.resolution_id
        WHERE r.session_id = {s}.id AND p.user_id = %(user)s"""


def new_materials(s):
    """How many materials were added since the login last opened the session (before the first
    look, all).

    Counted item by item, each item's materials found through their index: joined as one, the
    materials and the items, PostgreSQL hashed all the council's materials for each session
    (1.5 ms of the overview's 5; 0.3 ms so). The sum is made an integer again (PostgreSQL sums
    counts as a decimal)."""
    return f"""
        SELECT CAST(COALESCE(SUM((
          SELECT COUNT(*) FROM meetings_material m
          WHERE m.item_id = i.id AND m.withdrawn_at IS NULL AND NOT EXISTS (
            SELECT 1 FROM meetings_sessionseen seen WHERE seen.session_id = {s}.id
              AND seen.user_id = %(user)s AND seen.seen_at >= m.uploaded_at
          )
        )), 0) AS INTEGER)
        FROM meetings_agendaitem i WHERE i.session_id = {s}.id AND NOT i.withdrawn"""


def minutes_written(s):
    return f"""
        SELECT 1 FROM meetings_agendaitem
        WHERE session_id = {s}.id AND NOT withdrawn AND minutes <> ''"""


def pending_proposals(s):
    """How many of the session's proposals await a decision."""
    pending = AgendaProposal.Status.PENDING
    return f"""
        SELECT COUNT(*) FROM meetings_agendaproposal
        WHERE session_id = {s}.id AND status = '{pending}'"""


def undelivered(s):
    """How many of the session's messages failed and were not sent again since."""
    failed, sent = InvitationDelivery.Status.FAILED, InvitationDelivery.Status.SENT
    return f"""
        SELECT COUNT(*) FROM meetings_invitationdelivery failed
        WHERE failed.session_id = {s}.id AND failed.status = '{failed}' AND NOT EXISTS (
            SELECT 1 FROM meetings_invitationdelivery again
            WHERE again.session_id = failed.session_id AND again.person_id = failed.person_id
              AND again.kind = failed.kind AND again.status = '{sent}'
              AND again.sent_at >= failed.sent_at
          )"""


def sits_for_responsible(r):
    """The login sits today for the organization responsible for the resolution."""
    return f"""
        SELECT 1 FROM members_membership ms JOIN members_person p ON p.id = ms.person_id
        WHERE ms.organization_id = {r}.responsible_id AND p.user_id = %(user)s
          AND {seat_on("ms", "%(today)s")}"""


# The secretary's kinds of session lines, each a condition on the session ``s``.


def to_convene(s):
    return f"{s}.status = '{Session.Status.PLANNED}' AND {s}.date >= %(today)s"


def to_answer(s):
    return (
        f"{s}.status = '{Session.Status.CONVENED}' AND {s}.date >= %(today)s"
        f" AND EXISTS ({invited(s)}) AND NOT EXISTS ({answered(s)})"
    )


def to_vote(s):
    return (
        f"{s}.kind = '{Session.Kind.CORRESPONDENCE}' AND {s}.status = '{Session.Status.CONVENED}'"
        f" AND {s}.date >= %(today)s AND EXISTS ({invited(s)}) AND NOT EXISTS ({voted(s)})"
    )


def with_pending_proposals(s):
    return f"({pending_proposals(s)}) > 0"


def with_undelivered(s):
    return f"{s}.date >= %(today)s AND ({undelivered(s)}) > 0"


# Listed with the past, the latest first (the rest, the future, the nearest first).
NEWEST_FIRST = {"overdue", "minutes", "proposals"}


def _first_of_kind(kind, condition):
    """The session ``s`` is among the first LIST_LENGTH + 1 of its kind in the council (one more
    than is shown says there are more)."""
    order = "DESC" if kind in NEWEST_FIRST else "ASC"
    return f"""s.id IN (
        SELECT k.id FROM meetings_session k JOIN members_mandate m ON m.id = k.mandate_id
        WHERE m.council_id = %(council)s AND {condition("k")}
        ORDER BY COALESCE(k.date, k.planned_month) {order}, k.number LIMIT {LIST_LENGTH + 1}
      )"""


# The secretary's sessions of the kinds ``chosen``, with every field the model's rules may ask
# and what the lines say of them.
STAFF_SESSIONS = f"""
    SELECT s.*, EXISTS ({minutes_written("s")}) AS minutes_written,
      EXISTS ({invited("s")}) AS invited, EXISTS ({answered("s")}) AS answered,
      EXISTS ({voted("s")}) AS voted, ({pending_proposals("s")}) AS pending_proposals,
      ({undelivered("s")}) AS undelivered
    FROM meetings_session s
    WHERE {{chosen}}
    ORDER BY COALESCE(s.date, s.planned_month), s.number"""
# A reader's next sessions, with what their lines need (a session by correspondence takes votes
# until its date and time, instead of answers).
READER_SESSIONS = f"""
    SELECT s.id, s.number, s.kind, s.status, s.date, s.time, s.planned_month,
      s.votes_counted_at, EXISTS ({invited("s")}) AS invited,
      EXISTS ({answered("s")}) AS answered, EXISTS ({voted("s")}) AS voted,
      ({new_materials("s")}) AS new_materials
    FROM meetings_session s JOIN members_mandate m ON m.id = s.mandate_id
    WHERE m.council_id = %(council)s AND {upcoming("s")}
    ORDER BY COALESCE(s.date, s.planned_month), s.number LIMIT {NEXT_SESSIONS}"""
# The council's open resolutions (of those ``which`` are, in ``order``), with what their lines
# say of them.
RESOLUTIONS = f"""
    SELECT r.id, r.number, r.text, r.deadline, r.item_id, r.session_id,
      s.number AS session_number, o.name AS responsible_name
    FROM meetings_resolution r
    JOIN meetings_session s ON s.id = r.session_id
    JOIN members_mandate m ON m.id = s.mandate_id
    JOIN members_organization o ON o.id = r.responsible_id
    WHERE m.council_id = %(council)s AND {open_resolution("r")} AND {{which}}
    ORDER BY {{order}} LIMIT {LIST_LENGTH + 1}"""
# Past their deadline, the longest overdue first; of the login's organizations, the earliest due.
OVERDUE_RESOLUTIONS = RESOLUTIONS.format(which="r.deadline < %(today)s", order="r.deadline, r.id")
RESOLUTIONS_OF_MY_ORGANIZATIONS = RESOLUTIONS.format(
    which=f"EXISTS ({sits_for_responsible('r')})", order="r.deadline ASC NULLS LAST, r.id"
)


def figures(council, user, today):
    return {"is_person": exists(is_person, user=user.pk)}


def items(council, user, figures, today):
    lines = _session_lines(council, user, today, figures["is_person"])
    if may(user, "meetings.change_resolution"):
        lines += _overdue_resolutions(council, today)
    elif figures["is_person"]:
        lines += _resolutions_of_my_organizations(council, user, today)
    return lines


# Sessions


def _session_lines(council, user, today, is_person):
    if not may(user, "meetings.change_session"):
        return _reader_lines(council, user, today, is_person)
    kinds = {"convene": to_convene, "overdue": overdue, "minutes": awaiting_approval}
    if is_person:  # only a person holds a seat, answers and votes
        kinds |= {"answer": to_answer, "vote": to_vote}
    if may(user, "meetings.change_agendaproposal"):
        kinds["proposals"] = with_pending_proposals
    if may(user, "meetings.view_invitationdelivery"):
        kinds["undelivered"] = with_undelivered
    chosen = " OR ".join(_first_of_kind(kind, condition) for kind, condition in kinds.items())
    sessions = read_models(
        Session, STAFF_SESSIONS.format(chosen=chosen), _params(council, user, today)
    )
    return _lines_for(council, sessions, kinds, today)


def _reader_lines(council, user, today, is_person):
    """A reader's lines are all about the next sessions: one plain list of them, sorted out here
    (the page members open most, kept cheap to build)."""
    kinds = {"answer", "vote"} if is_person else set()
    if may(user, "meetings.add_sessionseen"):
        kinds.add("materials")
    if not kinds:
        return []
    sessions = read_models(Session, READER_SESSIONS, _params(council, user, today))
    return _lines_for(council, sessions, kinds, today)


def _params(council, user, today):
    return {"council": council.pk, "user": user.pk, "today": today, "month": today.replace(day=1)}


def _lines_for(council, sessions, kinds, today):
    """Each session's lines of the kinds asked (``kinds``: their names), LIST_LENGTH of each
    kind at most."""
    lines = {kind: [] for kind in LINES if kind in kinds}
    url = _Addresses(council)
    for session in sessions:
        session.day = session.date or session.planned_month  # what the lines are ordered by
        for kind, found in lines.items():
            if len(found) <= LIST_LENGTH:  # one more than is shown says there are more
                item = LINES[kind](council, session, today, url)
                if item is not None:
                    found.append(item)
    shown, more = [], False
    for found in lines.values():
        shown += found[:LIST_LENGTH]
        more = more or len(found) > LIST_LENGTH
    if more:
        shown.append(
            DueItem(
                text=_("More sessions need attention than are listed here."),
                action=_("All sessions"),
                url=reverse("meetings:session_list", kwargs={"council": council.slug}),
                when=datetime.date.max,
            )
        )
    return shown


def _day(session):
    if session.date:
        return date_format(session.date, "SHORT_DATE_FORMAT")
    return date_format(session.planned_month, "YEAR_MONTH_FORMAT")


class _Addresses:
    """``url(name, session, anchor)``: the address of a session's page ``meetings:<name>`` in
    the council, each name reversed once for the lines (members/addresses.py says why)."""

    def __init__(self, council):
        self.council, self.of_name = council, {}

    def __call__(self, name, session, anchor=""):
        if name not in self.of_name:
            self.of_name[name] = address_for_key(f"meetings:{name}", council=self.council.slug)
        return self.of_name[name](session.pk) + anchor


def _convene(council, session, today, url):
    if not (session.is_planned and session.can_be_convened and session.date >= today):
        return None
    deadline = session.convocation_deadline_in(council)
    names = {
        "number": session.number,
        "day": _day(session),
        "deadline": date_format(deadline, "SHORT_DATE_FORMAT"),
    }
    if deadline < today:
        text = _(
            "The %(number)s. session on %(day)s: the invitation should have gone out by "
            "%(deadline)s."
        )
    else:
        text = _("The %(number)s. session on %(day)s: the invitation is due by %(deadline)s.")
    return DueItem(
        text=text % names,
        action=_("Convene the session"),
        url=url("session_convene", session),
        urgent=deadline < today,
        when=deadline,
    )


def _overdue(council, session, today, url):
    if not session.is_overdue(today):
        return None
    if session.may_count_votes():
        return DueItem(
            text=_(
                "The deadline for votes at the %(number)s. session (%(day)s) has passed: "
                "count the votes."
            )
            % {"number": session.number, "day": _day(session)},
            action=_("Count the votes"),
            url=url("session", session, "#voting"),
            urgent=True,
            when=session.day,
        )
    return DueItem(
        text=_("The %(number)s. session (%(day)s) has passed: mark it as held or cancelled.")
        % {"number": session.number, "day": _day(session)},
        action=_("Open the session"),
        url=url("session", session),
        urgent=True,
        when=session.day,
    )


def _minutes(council, session, today, url):
    if not session.may_approve_minutes():
        return None
    names = {"number": session.number, "day": _day(session)}
    if not (session.minutes_written or session.minutes_introduction):
        return DueItem(
            text=_("The minutes of the %(number)s. session (%(day)s) are not written yet.") % names,
            action=_("Write the minutes"),
            url=url("minutes_edit", session),
            when=session.date,
        )
    return DueItem(
        text=_(
            "The minutes of the %(number)s. session (%(day)s) are written and wait to be "
            "approved at a later session."
        )
        % names,
        action=_("Approve the minutes"),
        url=url("minutes_approve", session),
        when=session.date,
    )


def _proposals(council, session, today, url):
    count = getattr(session, "pending_proposals", 0)
    if not count:
        return None
    return DueItem(
        text=ngettext(
            "%(count)s proposal for the %(number)s. session awaits your decision.",
            "%(count)s proposals for the %(number)s. session await your decision.",
            count,
        )
        % {"count": count, "number": session.number},
        action=_("Decide on the proposals"),
        url=url("session", session, "#proposals"),
        when=session.day,
    )


def _undelivered_line(council, session, today, url):
    count = getattr(session, "undelivered", 0)
    if not count or not session.date or session.date < today:
        return None
    return DueItem(
        text=ngettext(
            "%(count)s invitation or notice for the %(number)s. session was not delivered.",
            "%(count)s invitations or notices for the %(number)s. session were not delivered.",
            count,
        )
        % {"count": count, "number": session.number},
        action=_("See the deliveries"),
        url=url("session_deliveries", session),
        urgent=True,
        when=session.date,
    )


def _answer(council, session, today, url):
    if not (session.invited and not session.answered and session.is_convened):
        return None
    if not session.may_take_answers(today):
        return None
    return DueItem(
        text=_("The %(number)s. session on %(day)s: you have not said yet whether you will attend.")
        % {"number": session.number, "day": _day(session)},
        action=_("Answer the invitation"),
        url=url("session", session, "#attendance"),
        when=session.date,
    )


def _vote(council, session, today, url):
    if not (session.invited and not session.voted and session.may_vote()):
        return None
    return DueItem(
        text=_(
            "The %(number)s. session is held by correspondence: you have not voted yet; votes "
            "are taken until %(deadline)s."
        )
        % {"number": session.number, "deadline": session.voting_deadline_text},
        action=_("Vote"),
        url=url("vote", session),
        when=session.date,
    )


def _materials(council, session, today, url):
    count = getattr(session, "new_materials", 0)
    if not count or not session.is_to_come:
        return None
    return DueItem(
        text=ngettext(
            "%(count)s new material for the %(number)s. session since you last opened it.",
            "%(count)s new materials for the %(number)s. session since you last opened it.",
            count,
        )
        % {"count": count, "number": session.number},
        action=_("Read the materials"),
        url=url("session", session, "#agenda"),
        when=session.day,
    )


# The kinds of session lines, in the order they are listed (then by date, overdue first).
LINES = {
    "convene": _convene,
    "overdue": _overdue,
    "minutes": _minutes,
    "proposals": _proposals,
    "undelivered": _undelivered_line,
    "answer": _answer,
    "vote": _vote,
    "materials": _materials,
}


# Resolutions


def _overdue_resolutions(council, today):
    """Open resolutions past their deadline, the longest overdue first."""
    params = {"council": council.pk, "today": today}
    found = read_models(Resolution, OVERDUE_RESOLUTIONS, params)
    edit = address_for_key("meetings:resolution_edit", council=council.slug)
    lines = [
        DueItem(
            text=_resolution_text(resolution, today),
            action=_("Note it as carried out"),
            url=edit(resolution.pk),
            urgent=True,
            when=resolution.deadline,
        )
        for resolution in found[:LIST_LENGTH]
    ]
    return lines + _more_resolutions(council, found)


def _resolutions_of_my_organizations(council, user, today):
    """Open resolutions of the organizations the login sits for today, the earliest due first."""
    params = {"council": council.pk, "user": user.pk, "today": today}
    found = read_models(Resolution, RESOLUTIONS_OF_MY_ORGANIZATIONS, params)
    session = address_for_key("meetings:session", council=council.slug)
    lines = [
        DueItem(
            text=_resolution_text(resolution, today),
            action=_("Open the session"),
            url=f"{session(resolution.session_id)}#item-{resolution.item_id}",
            urgent=bool(resolution.deadline and resolution.deadline < today),
            when=resolution.deadline,
        )
        for resolution in found[:LIST_LENGTH]
    ]
    return lines + _more_resolutions(council, found)


def _resolution_text(resolution, today):
    names = {
        "number": resolution.number,
        "session": resolution.session_number,
        "text": Truncator(" ".join(resolution.text.split())).chars(80),
        "responsible": resolution.responsible_name,
    }
    if resolution.deadline is None:
        return (
            _(
                "%(number)s. resolution of the %(session)s. session, »%(text)s«: responsible "
                "%(responsible)s, no deadline."
            )
            % names
        )
    names["deadline"] = date_format(resolution.deadline, "SHORT_DATE_FORMAT")
    if resolution.deadline < today:
        return (
            _(
                "%(number)s. resolution of the %(session)s. session, »%(text)s«: responsible "
                "%(responsible)s, the deadline %(deadline)s has passed."
            )
            % names
        )
    return (
        _(
            "%(number)s. resolution of the %(session)s. session, »%(text)s«: responsible "
            "%(responsible)s, by %(deadline)s."
        )
        % names
    )


def _more_resolutions(council, found):
    if len(found) <= LIST_LENGTH:
        return []
    register = reverse("meetings:resolution_register", kwargs={"council": council.slug})
    return [
        DueItem(
            text=_("More resolutions are open than are listed here."),
            action=_("Register of resolutions"),
            url=f"{register}?odprti=1",
            when=datetime.date.max,
        )
    ]
