"""The overview's queries written as SQL (members/sql.py) answer as the ORM's rules do.

Each rule, subquery and query is read beside the ORM's answer to the same question (as the
overview asked it before it was written as SQL), on one state with something of every kind
(tests/meetings/due_state.py) and more cases at the edges, in two councils.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db.models import BooleanField, CharField, Count, Exists, F, Func, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from meetings import due, sql
from meetings.models import (
    AgendaItem,
    AgendaProposal,
    Attendance,
    InvitationDelivery,
    Material,
    Resolution,
    Session,
    SessionSeen,
    Vote,
)
from meetings.views import dashboard
from members import due as members_due
from members.models import Council, Mandate, Membership, Organization, Person
from members.rollover import latest_first
from members.sql import RowSQL, count, exists, first_row, read_row, value
from reports import due as reports_due
from reports.models import AnnualReport
from tests.conftest import make_seat
from tests.meetings.due_state import build_state
from tests.meetings.factories import make_items, make_session

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
NEVER = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def count_of(queryset):
    counted = queryset.order_by().annotate(count=Func(F("pk"), function="COUNT"))
    return Coalesce(Subquery(counted.values("count")[:1]), 0)


def condition(sql_of, **params):
    """A condition about each row as an ORM filter."""
    return RowSQL(sql_of, params, BooleanField())


def undelivered():
    """A session's (OuterRef) messages that failed and were not sent again since, as the ORM."""
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


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def states(council, other_council, member, outsider, today):
    """Both councils in the due state, the member's with more at the edges."""
    state = build_state(council, member)
    ormoz = build_state(other_council, outsider, tag=" ORMOŽ", first_number=11)
    ana, convened, mandate = state.ana, state.convened, state.mandate
    # Sessions planned for a month only: last month, this one, the next; one cancelled.
    month = today.replace(day=1)
    for number, planned_month in ((50, month - DAY), (51, month), (52, month + 32 * DAY)):
        make_session(
            mandate, number, date=None, time=None, planned_month=planned_month.replace(day=1)
        )
    make_session(mandate, 53, days_ahead=3, status=Session.Status.CANCELLED)
    # An answer left blank, an answer given, a vote at a session by correspondence.
    Attendance.objects.create(session=state.late, person=ana, response="")
    Attendance.objects.create(session=convened, person=ana, response="yes")
    by_mail = make_session(
        mandate, 40, days_ahead=4, kind=Session.Kind.CORRESPONDENCE, status="convened"
    )
    (item,) = make_items(by_mail, "Po pošti")
    voted_on = Resolution.objects.create(session=by_mail, item=item, number=1, text="Za.")
    Vote.objects.create(resolution=voted_on, person=ana, choice=Vote.Choice.FOR)
    # The police's resolutions without a deadline and due soon.
    for number, deadline in ((2, None), (3, today + 5 * DAY)):
        Resolution.objects.create(session=by_mail, item=item, number=number, text="Naloga.",
                                  responsible=state.police, deadline=deadline)  # fmt: skip
    # A login whose seat ended 100 days ago, after one session and before the others.
    bojan = Person.objects.create(council=council, first_name="Bojan", last_name="Kos", gender="m",
                                  user=get_user_model().objects.create_user("bojan"))  # fmt: skip
    make_seat(mandate, bojan, state.city, ends_on=today - 100 * DAY)
    make_session(mandate, 41, days_ahead=-200, status=Session.Status.HELD)
    # Materials: seen before the look, added after it, withdrawn, under a withdrawn item.
    first, withdrawn_item = make_items(convened, "Druga", "Umaknjena")
    AgendaItem.objects.filter(pk=withdrawn_item.pk).update(withdrawn=True)
    for name, item in (("stara", first), ("nova", first), ("umaknjeno", first)):
        Material.objects.create(item=item, file="materials/a.pdf", original_name=f"{name}.pdf",
                                content_type="application/pdf", size=1)  # fmt: skip
    Material.objects.create(item=withdrawn_item, file="materials/b.pdf", original_name="b.pdf",
                            content_type="application/pdf", size=1)  # fmt: skip
    looked = timezone.now() - DAY
    Material.objects.filter(original_name="stara.pdf").update(uploaded_at=looked - DAY)
    Material.objects.filter(original_name="umaknjeno.pdf").update(withdrawn_at=timezone.now())
    SessionSeen.objects.create(user=member, session=convened, seen_at=looked)
    # A message that failed and was sent again, and one that failed twice.
    failed = {"session": convened, "kind": InvitationDelivery.Kind.MOVED, "email": "x@y.si"}
    for person, statuses in ((ana, ("failed", "sent")), (bojan, ("failed", "failed"))):
        for offset, status in enumerate(statuses):
            InvitationDelivery.objects.create(
                person=person, status=status, sent_at=timezone.now() + offset * DAY, **failed
            )
    # Minutes written under a withdrawn item only.
    AgendaItem.objects.filter(pk=withdrawn_item.pk).update(minutes="Umaknjeno.")
    # The member's proposals, one at the other council's session.
    for session in (state.later, state.late, ormoz.later):
        AgendaProposal.objects.create(session=session, proposed_by=member, title="Predlog")
    return state


def compare(queryset, **pairs):
    """For every row, each SQL figure against the ORM's: ``name=(sql, orm)``."""
    annotations = {}
    for name, (sql_figure, orm) in pairs.items():
        annotations[f"{name}_sql"], annotations[f"{name}_orm"] = sql_figure, orm
    rows = list(queryset.annotate(**annotations).values("pk", *annotations))
    assert rows
    for row in rows:
        for name in pairs:
            assert row[f"{name}_sql"] == row[f"{name}_orm"], (name, row)
    return rows


def numbers(sessions):
    return {(session.mandate.council.slug, session.number) for session in sessions}


def test_the_rules_of_sessions_at_the_edges(states, council, other_council, today):
    """The rules (written once, as SQL: meetings/sql.py) find the sessions they should: a session
    today is to come, one yesterday has passed; a month planned without a date counts from the
    month's first day; cancelled and held sessions are neither; approved minutes are not
    awaited."""
    mandate = states.mandate
    make_session(mandate, 54, days_ahead=0)  # today: to come
    make_session(mandate, 55, days_ahead=-1, status=Session.Status.CONVENED)  # yesterday
    approved = make_session(mandate, 56, days_ahead=-90, status=Session.Status.HELD)
    Session.objects.filter(pk=approved.pk).update(minutes_approved_at=states.written)
    here, there = council.slug, other_council.slug
    sessions = Session.objects.select_related("mandate__council")
    to_come = {(here, n) for n in (3, 4, 5, 40, 51, 52, 54)} | {(there, n) for n in (13, 14, 15)}
    assert numbers(sessions.upcoming(today)) == to_come
    assert numbers(sessions.upcoming()) == to_come  # today by default
    passed = {(here, n) for n in (6, 50, 55)} | {(there, 16)}
    assert numbers(sessions.overdue(today)) == passed
    tomorrow = today + DAY
    assert numbers(sessions.overdue(tomorrow)) == passed | {(here, 54)}
    held = {(here, n) for n in (1, 2, 41, 56)} | {(there, n) for n in (11, 12)}
    assert numbers(sessions.held()) == held
    assert numbers(sessions.awaiting_approval()) == held - {(here, 56)}


def test_the_rules_of_resolutions_at_the_edges(states, today):
    """Open: adopted, with someone responsible, not carried out (not rejected, not without a
    responsible organization, not done)."""
    rejected = Resolution.objects.create(
        session=states.written, item=states.city_resolution.item, number=9, text="Ne.",
        responsible=states.city, outcome=Resolution.Outcome.REJECTED,
    )  # fmt: skip
    resolutions = Resolution.objects.select_related("session__mandate__council")
    here = resolutions.filter(session__mandate__council=states.council)
    by_mail = here.get(session__number=40, number=1)  # nobody responsible
    open_here = {states.overdue_resolution, states.city_resolution}
    open_here |= set(here.filter(session__number=40, number__in=(2, 3)))
    assert len(open_here) == 4
    ormoz = resolutions.exclude(session__mandate__council=states.council)
    open_there = set(ormoz.exclude(done_on__isnull=False))
    assert len(open_there) == 2
    assert set(resolutions.open()) == open_here | open_there
    assert rejected not in set(resolutions.adopted())
    assert by_mail in set(resolutions.adopted())
    assert set(resolutions.adopted()) == set(resolutions) - {rejected}
    overdue = {states.overdue_resolution} | {r for r in open_there if r.deadline < today}
    assert set(resolutions.overdue(today)) == overdue


def test_the_seats_held_on_a_day_at_the_edges(states, council, today):
    """A seat is held from its first day to its last, both included; without an end, on."""
    bojan = Person.objects.get(first_name="Bojan")
    ana, ormoz = states.ana, Person.objects.exclude(council=council).get(first_name="Ana")
    first_day, bojans_last = today - 400 * DAY, today - 100 * DAY
    expected = {
        today: {ana, ormoz},
        bojans_last: {ana, bojan, ormoz},
        bojans_last + DAY: {ana, ormoz},
        today - 150 * DAY: {ana, bojan, ormoz},
        first_day: {ana, bojan, ormoz},
        first_day - DAY: set(),
        today - 1000 * DAY: set(),
    }
    for day, people in expected.items():
        assert {seat.person for seat in Membership.objects.on(day)} == people, day
        assert {seat.person for seat in Membership.objects.on(day.isoformat())} == people, day
    assert {seat.person for seat in states.police.memberships.on(today)} == {ana}


def test_the_rules_inside_subqueries(states, council, today):
    """Each rule names its row by the alias the query gives it: inside ``__in`` subqueries,
    ``Exists`` and ``OuterRef`` (U0, V0), through related managers, with joins, and as a seat's
    day the session's own date (the statistics' and reminders' use)."""
    bojan = Person.objects.get(first_name="Bojan")
    seat_that_day = Membership.objects.on(OuterRef("date")).filter(
        mandate=OuterRef("mandate"), person=bojan
    )
    with_bojan = Session.objects.filter(Exists(seat_that_day))
    # Sessions from the mandate's first day to 100 days ago: only the 41st, 200 days ago.
    assert [session.number for session in with_bojan] == [41]
    # Twice nested: the mandates with a session Bojan was invited to.
    mandates = Mandate.objects.filter(Exists(with_bojan.filter(mandate=OuterRef("pk"))))
    assert list(mandates) == [states.mandate]
    in_council = Session.objects.filter(mandate__council=council)
    upcoming = set(in_council.upcoming(today))
    assert set(states.mandate.sessions.upcoming(today)) == upcoming
    assert set(in_council.filter(pk__in=Session.objects.upcoming(today).values("pk"))) == upcoming
    assert set(in_council.exclude(pk__in=Session.objects.upcoming(today))) == (
        set(in_council) - upcoming
    )
    held = Session.objects.held()
    assert set(Resolution.objects.filter(session__in=held)) == set(
        Resolution.objects.filter(session__status=Session.Status.HELD)
    )
    minutes = Session.objects.awaiting_approval().filter(mandate=OuterRef("pk"))
    assert set(Mandate.objects.filter(Exists(minutes))) == {
        states.mandate,
        Mandate.objects.exclude(pk=states.mandate.pk).get(),
    }
    open_ones = Resolution.objects.open().filter(responsible=OuterRef("pk"))
    organizations = Organization.objects.filter(Exists(open_ones), council=council)
    assert set(organizations) == {states.police, states.city}
    counted = Organization.objects.filter(council=council).annotate(
        seats=Count("memberships", filter=Q(memberships__in=Membership.objects.on(today)))
    )
    assert {o.name: o.seats for o in counted} == {states.police.name: 1, states.city.name: 0}


@pytest.mark.parametrize("login", ["clan", "bojan"])
def test_a_seat_on_the_sessions_day(states, login):
    user = get_user_model().objects.get(username=login)
    seat = Membership.objects.on(OuterRef("date")).filter(
        mandate=OuterRef("mandate"), person__user=user
    )
    rows = compare(Session.objects.all(), invited=(exists(due.invited, user=user.pk), Exists(seat)))
    assert {row["invited_sql"] for row in rows} == {True, False}


def test_what_the_lines_ask_of_each_session(states, member):
    answered = Attendance.objects.filter(session=OuterRef("pk"), person__user=member).exclude(
        response=""
    )
    voted = Vote.objects.filter(resolution__session=OuterRef("pk"), person__user=member)
    seen = SessionSeen.objects.filter(session=OuterRef(OuterRef("pk")), user=member)
    new_materials = Material.objects.filter(
        item__session=OuterRef("pk"),
        item__withdrawn=False,
        withdrawn_at__isnull=True,
        uploaded_at__gt=Coalesce(Subquery(seen.values("seen_at")[:1]), NEVER),
    )
    pending = AgendaProposal.objects.filter(
        session=OuterRef("pk"), status=AgendaProposal.Status.PENDING
    )
    minutes = AgendaItem.objects.filter(session=OuterRef("pk"), withdrawn=False).exclude(minutes="")
    rows = compare(
        Session.objects.all(),
        answered=(exists(due.answered, user=member.pk), Exists(answered)),
        voted=(exists(due.voted, user=member.pk), Exists(voted)),
        new=(count(due.new_materials, user=member.pk), count_of(new_materials)),
        minutes=(exists(due.minutes_written), Exists(minutes)),
        pending=(count(due.pending_proposals), count_of(pending)),
        undelivered=(count(due.undelivered), count_of(undelivered())),
    )
    # Every case met at least once, both ways.
    for name in ("answered", "voted", "minutes"):
        assert {row[f"{name}_sql"] for row in rows} == {True, False}, name
    assert {row["new_sql"] for row in rows} >= {0, 1, 2}
    # Ana's message sent again is not counted, the due state's and Bojan's two are (Ormož: 1).
    assert {row["undelivered_sql"] for row in rows} == {0, 1, 3}


def test_the_sql_names_the_row_of_a_subquery_by_its_alias(states, member):
    """Inside a subquery of another query (the secretary's kinds), the row is its own alias."""
    answered = Session.objects.filter(exists(due.answered, user=member.pk))
    inner = Session.objects.filter(pk__in=answered.order_by("date").values("pk")[:5])
    assert list(inner.order_by("pk")) == list(answered.order_by("pk"))
    not_answered = Session.objects.filter(~exists(due.answered, user=member.pk))
    assert set(not_answered) == set(Session.objects.exclude(pk__in=answered))


def test_who_sits_for_the_responsible_organization(states, member, today):
    seat = Membership.objects.on(today).filter(
        organization=OuterRef("responsible"), person__user=member
    )
    rows = compare(
        Resolution.objects.all(),
        sits=(exists(due.sits_for_responsible, user=member.pk, today=today), Exists(seat)),
    )
    assert {row["sits_sql"] for row in rows} == {True, False}


def test_the_figures_of_the_council(states, member, outsider):
    compare(
        Council.objects.all(),
        gender=(
            value(dashboard.member_gender, CharField(), user=member.pk),
            Subquery(Person.objects.filter(council=OuterRef("pk"), user=member).values("gender")),
        ),
        is_person=(
            exists(due.is_person, user=outsider.pk),
            Exists(Person.objects.filter(council=OuterRef("pk"), user=outsider)),
        ),
        open_follow_ups=(
            count(dashboard.open_follow_ups),
            count_of(Resolution.objects.open().filter(session__mandate__council=OuterRef("pk"))),
        ),
    )


def test_the_next_and_the_last_sessions(states, council, member, today):
    sessions = Session.objects.of_council(council)
    day = Coalesce("date", "planned_month")  # a session not yet dated: its month planned
    upcoming = sessions.upcoming(today).order_by(day, "number")[:5]
    recent = sessions.filter(status=Session.Status.HELD).order_by("-date")[:3]
    answers = Attendance.objects.filter(
        session=OuterRef("pk"), person__user=member, person__council=council
    )
    expected = (
        sessions.filter(Q(pk__in=upcoming.values("pk")) | Q(pk__in=recent.values("pk")))
        .annotate(
            item_count=Count("items", filter=Q(items__withdrawn=False)),
            my_response=Subquery(answers.values("response")[:1]),
        )
        .order_by(day, "number")
    )
    row = lambda s: (s.pk, s.item_count, s.my_response)  # noqa: E731
    next_ones, last_ones, _ = dashboard._sessions_and_proposals(council, member, today, True)
    alone = dashboard._sessions_and_proposals(council, member, today, False)  # no proposals
    assert [[row(s) for s in part] for part in alone[:2]] == [
        [row(s) for s in part] for part in (next_ones, last_ones)
    ]
    assert alone[2] == []
    assert [row(s) for s in next_ones] == [row(s) for s in expected if not s.is_held]
    assert [row(s) for s in last_ones] == [row(s) for s in expected if s.is_held][::-1]
    found = [row(s) for s in next_ones + last_ones]
    assert {response for _, _, response in found} >= {None, "", "yes"}
    assert [session.url for session in next_ones + last_ones] == [
        session.get_absolute_url() for session in next_ones + last_ones
    ]


def test_the_members_proposals(states, council, member, today):
    expected = (
        AgendaProposal.objects.filter(session__mandate__council=council, proposed_by=member)
        .select_related("session")
        .order_by("-proposed_at")[:5]
    )
    *_sessions, found = dashboard._sessions_and_proposals(council, member, today, True)
    assert [(p.pk, p.title, p.status, p.session_number) for p in found] == [
        (p.pk, p.title, p.status, p.session.number) for p in expected
    ]
    assert len(found) == 3  # not the one at the other council's session


def test_a_readers_next_sessions(states, council, member, today):
    seat = Membership.objects.on(OuterRef("date")).filter(
        mandate=OuterRef("mandate"), person__user=member
    )
    answered = Attendance.objects.filter(session=OuterRef("pk"), person__user=member).exclude(
        response=""
    )
    voted = Vote.objects.filter(resolution__session=OuterRef("pk"), person__user=member)
    expected = (
        Session.objects.of_council(council)
        .upcoming(today)
        .annotate(
            day=Coalesce("date", "planned_month"),
            invited=Exists(seat),
            answered=Exists(answered),
            voted=Exists(voted),
        )
        .order_by("day", "number")[: due.NEXT_SESSIONS]
    )
    params = {"council": council.pk, "user": member.pk, "today": today}
    found = Session.objects.raw(due.READER_SESSIONS, params | {"month": today.replace(day=1)})
    assert [(s.pk, bool(s.invited), bool(s.answered), bool(s.voted)) for s in found] == [
        (s.pk, s.invited, s.answered, s.voted) for s in expected
    ]
    assert len(expected) == 6


@pytest.mark.parametrize("which", ["overdue", "of my organizations"])
def test_the_resolutions_due(states, council, member, today, which):
    resolutions = (
        Resolution.objects.open()
        .filter(session__mandate__council=council)
        .select_related("session", "responsible")
    )
    params = {"council": council.pk, "today": today}
    if which == "overdue":
        expected = resolutions.filter(deadline__lt=today).order_by("deadline", "pk")
        found = Resolution.objects.raw(due.OVERDUE_RESOLUTIONS, params)
    else:
        seat = Membership.objects.on(today).filter(
            organization=OuterRef("responsible"), person__user=member
        )
        expected = resolutions.filter(Exists(seat)).order_by(
            F("deadline").asc(nulls_last=True), "pk"
        )
        found = Resolution.objects.raw(
            due.RESOLUTIONS_OF_MY_ORGANIZATIONS, params | {"user": member.pk}
        )
    found = [(r.pk, r.deadline, r.session_number, r.responsible_name) for r in found]
    assert found == [
        (r.pk, r.deadline, r.session.number, r.responsible.name)
        for r in expected[: due.LIST_LENGTH + 1]
    ]
    assert found


def test_the_last_mandate_and_the_reports(states, council, today):
    Mandate.objects.create(council=council, starts_on=today - 2000 * DAY, ends_on=today - 500 * DAY)
    AnnualReport.objects.filter(council=council, report_year=today.year - 1).update(version=1)
    AnnualReport.objects.create(council=council, report_year=today.year - 1, version=2,
                                plan_year=today.year, subject="Popravek", report_heading="1.",
                                plan_heading="2.", status=AnnualReport.Status.ADOPTED,
                                adopted_on=today, pdf="reports/y.pdf",
                                pdf_sha256="0" * 64)  # fmt: skip
    last = latest_first(Mandate.objects.filter(council=OuterRef("pk")))
    mandate = first_row(Mandate, members_due.MANDATE_FIELDS, members_due.last_mandate)
    compare(
        Council.objects.all(),
        **{name: (mandate[name], Subquery(last.values(name)[:1])) for name in mandate},
    )
    fields = reports_due.REPORT_FIELDS
    latest = AnnualReport.objects.filter(council=OuterRef("pk")).adopted()
    latest = latest.order_by("-report_year", "-version")
    adopted = first_row(AnnualReport, fields, reports_due.latest_adopted)
    for year in (today.year - 1, today.year - 2, today.year):
        on_year = AnnualReport.objects.filter(council=OuterRef("pk"), report_year=year)
        on_year = on_year.order_by("-version")
        overlaps = Mandate.objects.filter(
            council=OuterRef("pk"),
            starts_on__lte=datetime.date(year, 12, 31),
            ends_on__gte=datetime.date(year, 1, 1),
        )
        year_dates = {
            "first_day": datetime.date(year, 1, 1),
            "last_day": datetime.date(year, 12, 31),
        }
        report = first_row(AnnualReport, fields, reports_due.report_on_year, year=year)
        compare(
            Council.objects.all(),
            sat=(exists(reports_due.sat_in_year, **year_dates), Exists(overlaps)),
            **{f"year_{n}": (report[n], Subquery(on_year.values(n)[:1])) for n in fields},
            **{f"latest_{n}": (adopted[n], Subquery(latest.values(n)[:1])) for n in fields},
        )


def test_the_secretarys_sessions(states, council, member, today):
    """As the secretary's kinds were asked of the ORM, for a login with a seat (the member's)."""
    add_more_sessions(states)
    sessions = Session.objects.of_council(council).annotate(day=Coalesce("date", "planned_month"))
    seat = Membership.objects.on(OuterRef("date")).filter(
        mandate=OuterRef("mandate"), person__user=member
    )
    answered = Attendance.objects.filter(session=OuterRef("pk"), person__user=member).exclude(
        response=""
    )
    voted = Vote.objects.filter(resolution__session=OuterRef("pk"), person__user=member)
    pending = AgendaProposal.objects.filter(
        session=OuterRef("pk"), status=AgendaProposal.Status.PENDING
    )
    to_come = {"status": Session.Status.CONVENED, "date__gte": today}
    kinds = {  # as meetings/due.py asked them of the ORM
        "convene": sessions.filter(status=Session.Status.PLANNED, date__gte=today),
        "overdue": sessions.overdue(today),
        "minutes": sessions.awaiting_approval(),
        "answer": sessions.filter(Exists(seat), ~Exists(answered), **to_come),
        "vote": sessions.filter(
            Exists(seat), ~Exists(voted), kind=Session.Kind.CORRESPONDENCE, **to_come
        ),
        "proposals": sessions.filter(Exists(pending)),
        "undelivered": sessions.filter(date__gte=today).filter(Exists(undelivered())),
    }
    params = {"council": council.pk, "user": member.pk, "today": today}
    params["month"] = today.replace(day=1)
    conditions = {
        "convene": due.to_convene,
        "overdue": sql.overdue,
        "minutes": sql.awaiting_approval,
        "answer": due.to_answer,
        "vote": due.to_vote,
        "proposals": due.with_pending_proposals,
        "undelivered": due.with_undelivered,
    }
    chosen = Q()
    for kind, queryset in kinds.items():
        in_council = Session.objects.of_council(council)
        assert set(in_council.filter(condition(conditions[kind], **params))) == set(queryset), kind
        order = "-day" if kind in due.NEWEST_FIRST else "day"
        chosen |= Q(pk__in=queryset.order_by(order, "number").values("pk")[: due.LIST_LENGTH + 1])
    expected = list(sessions.filter(chosen).order_by("day", "number").values_list("pk", flat=True))
    chosen = " OR ".join(due._first_of_kind(kind, conditions[kind]) for kind in kinds)
    found = Session.objects.raw(due.STAFF_SESSIONS.format(chosen=chosen), params)
    assert [session.pk for session in found] == expected
    assert len(expected) > 2 * due.LIST_LENGTH


def add_more_sessions(state):
    """More sessions of every kind than a kind lists, past and to come."""
    for n in range(8):
        make_session(state.mandate, 100 + n, days_ahead=-5 - n)  # overdue
        make_session(state.mandate, 120 + n, days_ahead=-40 - n, status=Session.Status.HELD)
        make_session(state.mandate, 140 + n, days_ahead=12 + n)  # to convene
        convened = make_session(
            state.mandate, 160 + n, days_ahead=15 + n, status=Session.Status.CONVENED
        )
        AgendaProposal.objects.create(session=convened, proposed_by=state.ana.user, title="P")


def test_the_figures_are_read_as_the_orm_reads_them(states, council, other_council, member, today):
    """One query of the council's row gives each figure as the field's Python value: dates,
    true and false, numbers, text and None."""
    figures = {
        **first_row(Mandate, members_due.MANDATE_FIELDS, members_due.last_mandate),
        **first_row(AnnualReport, reports_due.REPORT_FIELDS, reports_due.latest_adopted),
        "person": exists(due.is_person, user=member.pk),
        "gender": value(dashboard.member_gender, CharField(), user=member.pk),
        "follow_ups": count(dashboard.open_follow_ups),
    }
    for pk in (council.pk, other_council.pk):
        found = read_row(Council, pk, figures)
        assert found == Council.objects.filter(pk=pk).values(**figures).get()
        assert isinstance(found["ends_on"], datetime.date)
    assert read_row(Council, council.pk, figures)["person"] is True
    assert read_row(Council, other_council.pk, figures)["gender"] is None


def test_the_adopted_reports(states, council, today):
    """Adopted and published reports are no longer drafts (the rule reports/sql.py writes once)."""
    AnnualReport.objects.create(council=council, report_year=today.year - 3, version=1,
                                plan_year=today.year - 2, subject="Objavljeno",
                                report_heading="1.", plan_heading="2.",
                                status=AnnualReport.Status.PUBLISHED, adopted_on=today,
                                pdf="reports/z.pdf", pdf_sha256="0" * 64)  # fmt: skip
    found = AnnualReport.objects.filter(council=council).adopted()
    assert sorted(report.report_year for report in found) == [today.year - 3, today.year - 2]
    assert AnnualReport.objects.adopted().count() == 3  # Ormož's adopted one too
