"""What the meetings app adds to the overview (members/overview.py): sessions and resolutions.

The secretary: sessions to convene (with the convocation deadline), sessions whose day has passed
without being marked held or cancelled, minutes to write or approve, proposals to decide,
invitations and notices not delivered, resolutions past their deadline. A member: sessions they
are invited to and have not answered, materials added since they last opened a session, the open
resolutions of the organizations they sit for.

Two queries whatever the data: the sessions, and the resolutions. For the secretary each kind
of session line is a slice of LIST_LENGTH (+1, to know that there are more) taken inside the one
query; a member's lines all concern the next sessions, which are simply read with what the lines
need. Which line a session gets is then asked of the model's own rules (``Session.is_overdue``,
``may_approve_minutes`` ...).
"""

import datetime

from django.db.models import Exists, F, Func, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members.models import Membership
from members.overview import DueItem
from members.permissions import may

from .models import (
    AgendaItem,
    AgendaProposal,
    Attendance,
    InvitationDelivery,
    Material,
    Resolution,
    Session,
    SessionSeen,
)

LIST_LENGTH = 5
# A member's lines are about the next sessions, as many as these...
NEXT_SESSIONS = 10
# ... and need only these of them.
READER_FIELDS = ("number", "status", "date", "planned_month", "mandate_id")
# Before any look: every material is new.
NEVER = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def count_of(queryset):
    """COUNT(*) of ``queryset`` as a subquery, to be read beside other figures."""
    counted = queryset.order_by().annotate(count=Func(F("pk"), function="COUNT"))
    return Coalesce(Subquery(counted.values("count")[:1]), 0)


def figures(council, user, today):
    return {}


def items(council, user, figures, today):
    lines = _session_lines(council, user, today)
    if may(user, "meetings.change_resolution"):
        lines += _overdue_resolutions(council, today)
    else:
        lines += _resolutions_of_my_organizations(council, user, today)
    return lines


# Sessions


def _session_lines(council, user, today):
    sessions = Session.objects.of_council(council).annotate(day=Coalesce("date", "planned_month"))
    # Whoever holds a seat answers the invitation, whatever their role.
    seat = Membership.objects.on(OuterRef("date")).filter(
        mandate=OuterRef("mandate"), person__user=user
    )
    answered = Attendance.objects.filter(session=OuterRef("pk"), person__user=user).exclude(
        response=""
    )
    figures = {"invited": Exists(seat), "answered": Exists(answered)}
    if not may(user, "meetings.change_session"):
        # A reader's lines are all about the next sessions: one plain list of them, sorted out
        # here (the page members open most, kept cheap to build).
        kinds = {"answer"}
        if may(user, "meetings.add_sessionseen"):
            kinds.add("materials")
            figures["new_materials"] = count_of(_new_materials(user))
        rows = (
            sessions.upcoming(today)
            .only(*READER_FIELDS)
            .annotate(**figures)
            .order_by("day", "number")[:NEXT_SESSIONS]
        )
        return _lines_for(council, list(rows), kinds, today)
    kinds = {
        "convene": sessions.filter(status=Session.Status.PLANNED, date__gte=today),
        "overdue": sessions.overdue(today),
        "minutes": sessions.awaiting_approval(),
        "answer": sessions.filter(
            Exists(seat), ~Exists(answered), status=Session.Status.CONVENED, date__gte=today
        ),
    }
    figures["minutes_written"] = Exists(
        AgendaItem.objects.filter(session=OuterRef("pk"), withdrawn=False).exclude(minutes="")
    )
    if may(user, "meetings.change_agendaproposal"):
        pending = AgendaProposal.objects.filter(
            session=OuterRef("pk"), status=AgendaProposal.Status.PENDING
        )
        kinds["proposals"] = sessions.filter(Exists(pending))
        figures["pending_proposals"] = count_of(pending)
    if may(user, "meetings.view_invitationdelivery"):
        undelivered = _undelivered()
        kinds["undelivered"] = sessions.filter(date__gte=today).filter(Exists(undelivered))
        figures["undelivered"] = count_of(undelivered)
    # Each kind's first LIST_LENGTH + 1 inside the one query: the latest first where the past
    # is listed, the nearest first where the future is.
    newest_first = {"overdue", "minutes", "proposals"}
    chosen = Q()
    for kind, queryset in kinds.items():
        order = "-day" if kind in newest_first else "day"
        chosen |= Q(pk__in=queryset.order_by(order, "number").values("pk")[: LIST_LENGTH + 1])
    rows = (
        sessions.filter(chosen)
        .select_related("mandate__council")
        .annotate(**figures)
        .order_by("day", "number")
    )
    return _lines_for(council, list(rows), kinds, today)


def _undelivered():
    """Messages of a session (OuterRef) that failed and were not sent again since."""
    sent_again = InvitationDelivery.objects.filter(
        session=OuterRef("session"),
        person=OuterRef("person"),
        kind=OuterRef("kind"),
        status=InvitationDelivery.Status.SENT,
        sent_at__gte=OuterRef("sent_at"),
    )
    return InvitationDelivery.objects.filter(
        session=OuterRef("pk"), status=InvitationDelivery.Status.FAILED
    ).exclude(Exists(sent_again))


def _new_materials(user):
    """Materials of a session (OuterRef) added since the login last opened its page."""
    seen = SessionSeen.objects.filter(session=OuterRef(OuterRef("pk")), user=user)
    return Material.objects.filter(
        item__session=OuterRef("pk"),
        item__withdrawn=False,
        withdrawn_at__isnull=True,
        uploaded_at__gt=Coalesce(Subquery(seen.values("seen_at")[:1]), NEVER),
    )


def _lines_for(council, sessions, kinds, today):
    """Each session's lines of the kinds asked (``kinds``: their names), LIST_LENGTH of each
    kind at most."""
    lines = {kind: [] for kind in LINES if kind in kinds}
    for session in sessions:
        for kind, found in lines.items():
            if len(found) <= LIST_LENGTH:  # one more than is shown says there are more
                item = LINES[kind](council, session, today)
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


def _url(council, session, name, anchor=""):
    return reverse(f"meetings:{name}", kwargs={"council": council.slug, "pk": session.pk}) + anchor


def _convene(council, session, today):
    if not (session.is_planned and session.can_be_convened and session.date >= today):
        return None
    deadline = session.convocation_deadline
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
        url=_url(council, session, "session_convene"),
        urgent=deadline < today,
        when=deadline,
    )


def _overdue(council, session, today):
    if not session.is_overdue(today):
        return None
    return DueItem(
        text=_("The %(number)s. session (%(day)s) has passed: mark it as held or cancelled.")
        % {"number": session.number, "day": _day(session)},
        action=_("Open the session"),
        url=_url(council, session, "session"),
        urgent=True,
        when=session.day,
    )


def _minutes(council, session, today):
    if not session.may_approve_minutes():
        return None
    names = {"number": session.number, "day": _day(session)}
    if not (session.minutes_written or session.minutes_introduction):
        return DueItem(
            text=_("The minutes of the %(number)s. session (%(day)s) are not written yet.") % names,
            action=_("Write the minutes"),
            url=_url(council, session, "minutes_edit"),
            when=session.date,
        )
    return DueItem(
        text=_(
            "The minutes of the %(number)s. session (%(day)s) are written and wait to be "
            "approved at a later session."
        )
        % names,
        action=_("Approve the minutes"),
        url=_url(council, session, "minutes_approve"),
        when=session.date,
    )


def _proposals(council, session, today):
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
        url=_url(council, session, "session", "#proposals"),
        when=session.day,
    )


def _undelivered_line(council, session, today):
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
        url=_url(council, session, "session_deliveries"),
        urgent=True,
        when=session.date,
    )


def _answer(council, session, today):
    if not (session.invited and not session.answered and session.is_convened):
        return None
    if not session.may_take_answers(today):
        return None
    return DueItem(
        text=_("The %(number)s. session on %(day)s: you have not said yet whether you will attend.")
        % {"number": session.number, "day": _day(session)},
        action=_("Answer the invitation"),
        url=_url(council, session, "session", "#attendance"),
        when=session.date,
    )


def _materials(council, session, today):
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
        url=_url(council, session, "session", "#agenda"),
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
    "materials": _materials,
}


# Resolutions

# What a resolution's line says of it.
RESOLUTION_FIELDS = (
    "number",
    "text",
    "deadline",
    "item_id",
    "session__number",
    "responsible__name",
)


def _open_resolutions(council):
    return (
        Resolution.objects.open()
        .filter(session__mandate__council=council)
        .select_related("session", "responsible")
        .only(*RESOLUTION_FIELDS)
    )


def _overdue_resolutions(council, today):
    """Open resolutions past their deadline, the longest overdue first."""
    found = list(
        _open_resolutions(council)
        .filter(deadline__lt=today)
        .order_by("deadline", "pk")[: LIST_LENGTH + 1]
    )
    lines = [
        DueItem(
            text=_resolution_text(resolution, today),
            action=_("Note it as carried out"),
            url=reverse(
                "meetings:resolution_edit", kwargs={"council": council.slug, "pk": resolution.pk}
            ),
            urgent=True,
            when=resolution.deadline,
        )
        for resolution in found[:LIST_LENGTH]
    ]
    return lines + _more_resolutions(council, found)


def _resolutions_of_my_organizations(council, user, today):
    """Open resolutions of the organizations the login sits for today, the earliest due first."""
    seat = Membership.objects.on(today).filter(
        organization=OuterRef("responsible"), person__user=user
    )
    found = list(
        _open_resolutions(council)
        .filter(Exists(seat))
        .order_by(F("deadline").asc(nulls_last=True), "pk")[: LIST_LENGTH + 1]
    )
    lines = [
        DueItem(
            text=_resolution_text(resolution, today),
            action=_("Open the session"),
            url=reverse(
                "meetings:session", kwargs={"council": council.slug, "pk": resolution.session_id}
            )
            + f"#item-{resolution.item_id}",
            urgent=bool(resolution.deadline and resolution.deadline < today),
            when=resolution.deadline,
        )
        for resolution in found[:LIST_LENGTH]
    ]
    return lines + _more_resolutions(council, found)


def _resolution_text(resolution, today):
    names = {
        "number": resolution.number,
        "session": resolution.session.number,
        "text": Truncator(" ".join(resolution.text.split())).chars(80),
        "responsible": resolution.responsible,
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
