"""The overview's subqueries written as SQL (members/sql.py) answer as the ORM's rules do.

Each SQL figure is read beside the ORM expression it replaces, on one state with something of
every kind (tests/meetings/due_state.py) and a few more cases at the edges, in two councils.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db.models import CharField, Count, Exists, F, Func, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from meetings import due
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
from members.models import Council, Mandate, Membership, Person
from members.rollover import latest_first
from members.sql import count, exists, first_row, value
from reports import due as reports_due
from reports.models import AnnualReport
from tests.conftest import make_seat
from tests.meetings.due_state import build_state
from tests.meetings.factories import make_items, make_session

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
FIELDS = reports_due.REPORT_FIELDS
NEVER = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def count_of(queryset):
    counted = queryset.order_by().annotate(count=Func(F("pk"), function="COUNT"))
    return Coalesce(Subquery(counted.values("count")[:1]), 0)


@pytest.fixture
def states(council, other_council, member, outsider):
    """Both councils in the due state, the member's with more at the edges."""
    today = timezone.localdate()
    state = build_state(council, member)
    build_state(other_council, outsider, tag=" ORMOŽ", first_number=11)
    ana, convened = state.ana, state.convened
    # An answer left blank, an answer given, a vote at a session by correspondence.
    Attendance.objects.create(session=state.late, person=ana, response="")
    Attendance.objects.create(session=state.later, person=ana, response="yes")
    by_mail = make_session(
        state.mandate, 40, days_ahead=4, kind=Session.Kind.CORRESPONDENCE, status="convened"
    )
    (item,) = make_items(by_mail, "Po pošti")
    voted_on = Resolution.objects.create(session=by_mail, item=item, number=1, text="Za.")
    Vote.objects.create(resolution=voted_on, person=ana, choice=Vote.Choice.FOR)
    # A login whose seat ended 100 days ago, after one session and before the others.
    bojan = Person.objects.create(council=council, first_name="Bojan", last_name="Kos", gender="m",
                                  user=get_user_model().objects.create_user("bojan"))  # fmt: skip
    make_seat(state.mandate, bojan, state.city, ends_on=today - 100 * DAY)
    make_session(state.mandate, 41, days_ahead=-200, status=Session.Status.HELD)
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
    return state


def compare(queryset, **pairs):
    """For every row, each SQL figure against the ORM's: ``name=(sql, orm)``."""
    annotations = {}
    for name, (sql, orm) in pairs.items():
        annotations[f"{name}_sql"], annotations[f"{name}_orm"] = sql, orm
    rows = list(queryset.annotate(**annotations).values("pk", *annotations))
    assert rows
    for row in rows:
        for name in pairs:
            assert row[f"{name}_sql"] == row[f"{name}_orm"], (name, row)
    return rows


@pytest.mark.parametrize("login", ["clan", "bojan"])
def test_a_seat_on_the_sessions_day(states, login):
    user = get_user_model().objects.get(username=login)
    seat = Membership.objects.on(OuterRef("date")).filter(
        mandate=OuterRef("mandate"), person__user=user
    )
    rows = compare(Session.objects.all(), invited=(exists(due.INVITED, user.pk), Exists(seat)))
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
    sent_again = InvitationDelivery.objects.filter(
        session=OuterRef("session"),
        person=OuterRef("person"),
        kind=OuterRef("kind"),
        status=InvitationDelivery.Status.SENT,
        sent_at__gte=OuterRef("sent_at"),
    )
    undelivered = InvitationDelivery.objects.filter(
        session=OuterRef("pk"), status=InvitationDelivery.Status.FAILED
    ).exclude(Exists(sent_again))
    minutes = AgendaItem.objects.filter(session=OuterRef("pk"), withdrawn=False).exclude(minutes="")
    rows = compare(
        Session.objects.all(),
        answered=(exists(due.ANSWERED, member.pk), Exists(answered)),
        voted=(exists(due.VOTED, member.pk), Exists(voted)),
        new=(count(due.NEW_MATERIALS, member.pk), count_of(new_materials)),
        minutes=(exists(due.MINUTES_WRITTEN), Exists(minutes)),
        pending=(
            count(f"SELECT COUNT(*) {due.PENDING_PROPOSALS}", AgendaProposal.Status.PENDING),
            count_of(pending),
        ),
        undelivered=(
            count(f"SELECT COUNT(*) {due.UNDELIVERED}", *due.UNDELIVERED_PARAMS),
            count_of(undelivered),
        ),
    )
    # Every case met at least once, both ways.
    for name in ("answered", "voted", "minutes"):
        assert {row[f"{name}_sql"] for row in rows} == {True, False}, name
    assert {row["new_sql"] for row in rows} >= {0, 1, 2}
    # Ana's message sent again is not counted, the due state's and Bojan's two are (Ormož: 1).
    assert {row["undelivered_sql"] for row in rows} == {0, 1, 3}


def test_the_sql_names_the_row_of_a_subquery_by_its_alias(states, member):
    """Inside a subquery of another query (the secretary's kinds), ``{row}`` is its own alias."""
    answered = Session.objects.filter(exists(due.ANSWERED, member.pk))
    inner = Session.objects.filter(pk__in=answered.order_by("date").values("pk")[:5])
    assert list(inner.order_by("pk")) == list(answered.order_by("pk"))
    not_answered = Session.objects.filter(~exists(due.ANSWERED, member.pk))
    assert set(not_answered) == set(Session.objects.exclude(pk__in=answered))


def test_who_sits_for_the_responsible_organization(states, member):
    today = timezone.localdate()
    seat = Membership.objects.on(today).filter(
        organization=OuterRef("responsible"), person__user=member
    )
    rows = compare(
        Resolution.objects.all(),
        sits=(exists(due.SITS_FOR_RESPONSIBLE, member.pk, today, today), Exists(seat)),
    )
    assert {row["sits_sql"] for row in rows} == {True, False}


def test_the_overview_figures_and_session_lines(states, council, member, outsider):
    compare(
        Council.objects.all(),
        gender=(
            value(dashboard.MEMBER_GENDER, CharField(), member.pk),
            Subquery(Person.objects.filter(council=OuterRef("pk"), user=member).values("gender")),
        ),
        is_person=(
            exists(due.IS_PERSON, outsider.pk),
            Exists(Person.objects.filter(council=OuterRef("pk"), user=outsider)),
        ),
        open_follow_ups=(
            count(dashboard.OPEN_FOLLOW_UPS, Resolution.Outcome.ADOPTED),
            count_of(Resolution.objects.open().filter(session__mandate__council=OuterRef("pk"))),
        ),
    )
    answers = Attendance.objects.filter(
        session=OuterRef("pk"), person__user=member, person__council=council
    )
    rows = compare(
        Session.objects.all(),
        items=(count(dashboard.ITEM_COUNT), Count("items", filter=Q(items__withdrawn=False))),
        response=(
            value(dashboard.MY_RESPONSE, CharField(), member.pk, council.pk),
            Subquery(answers.values("response")[:1]),
        ),
    )
    assert {row["response_sql"] for row in rows} == {None, "", "yes"}


def test_the_last_mandate_and_the_reports(states, council):
    today = timezone.localdate()
    Mandate.objects.create(council=council, starts_on=today - 2000 * DAY, ends_on=today - 500 * DAY)
    AnnualReport.objects.filter(council=council, report_year=today.year - 1).update(version=1)
    AnnualReport.objects.create(council=council, report_year=today.year - 1, version=2,
                                plan_year=today.year, subject="Popravek", report_heading="1.",
                                plan_heading="2.", status=AnnualReport.Status.ADOPTED,
                                adopted_on=today, pdf="reports/y.pdf",
                                pdf_sha256="0" * 64)  # fmt: skip
    last = latest_first(Mandate.objects.filter(council=OuterRef("pk")))
    sql = first_row(Mandate, members_due.MANDATE_FIELDS, members_due.LAST_MANDATE)
    compare(
        Council.objects.all(),
        **{name: (sql[name], Subquery(last.values(name)[:1])) for name in sql},
    )
    for year in (today.year - 1, today.year - 2, today.year):
        reports = AnnualReport.objects.filter(council=OuterRef("pk"))
        on_year = reports.filter(report_year=year).order_by("-version")
        latest = reports.adopted().order_by("-report_year", "-version")
        overlaps = Mandate.objects.filter(
            council=OuterRef("pk"),
            starts_on__lte=datetime.date(year, 12, 31),
            ends_on__gte=datetime.date(year, 1, 1),
        )
        compare(
            Council.objects.all(),
            sat=(
                exists(
                    reports_due.SAT_IN_YEAR, datetime.date(year, 12, 31), datetime.date(year, 1, 1)
                ),
                Exists(overlaps),
            ),
            **{
                f"year_{name}": (field, Subquery(on_year.values(name)[:1]))
                for name, field in first_row(
                    AnnualReport, FIELDS, reports_due.REPORT_ON_YEAR, year
                ).items()
            },
            **{
                f"latest_{name}": (field, Subquery(latest.values(name)[:1]))
                for name, field in first_row(
                    AnnualReport, FIELDS, reports_due.LATEST_ADOPTED, AnnualReport.Status.DRAFT
                ).items()
            },
        )
