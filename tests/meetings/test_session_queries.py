"""The session page costs the same number of queries however much the session holds."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from meetings.models import (
    AgendaProposal,
    Attendance,
    Material,
    Resolution,
    Session,
    SessionSeen,
    Vote,
)
from tests.meetings.factories import make_items, make_session, seat_member

pytestmark = pytest.mark.django_db


def fill(mandate, organization, size):
    session = make_session(mandate, 1, days_ahead=-1, status=Session.Status.HELD)
    items = make_items(session, *[f"Točka {n}" for n in range(size)])
    for number, item in enumerate(items, start=1):
        Material.objects.create(
            item=item,
            file="materials/x.pdf",
            original_name=f"g{number}.pdf",
            content_type="application/pdf",
            size=10,
        )
        Resolution.objects.create(
            session=session, item=item, number=number, text="Sklep", responsible=organization
        )
    for number in range(size):
        person = seat_member(mandate, organization, f"Oseba{number}")
        Attendance.objects.create(session=session, person=person, presence="present")
    return session


@pytest.mark.parametrize("size", [1, 12])
def test_session_page_query_count_is_fixed(
    client, secretary, mandate, police, size, django_assert_num_queries
):
    session = fill(mandate, police, size)
    client.force_login(secretary)
    address = reverse("meetings:session", kwargs={"council": "ptuj", "pk": session.pk})
    # The session, the login with its role and the council, the device that verified this
    # session (django-otp); the agenda with materials and resolutions (and the session), the
    # seats with their answers, the proposals, the changes after the invitation.
    with django_assert_num_queries(5):
        response = client.get(address)
    assert response.content.decode().count("Oseba") >= size


@pytest.mark.parametrize("size", [1, 12])
def test_session_page_costs_a_member_as_many_queries(
    client, member, mandate, police, size, django_assert_num_queries
):
    session = fill(mandate, police, size)
    seat_member(mandate, police, "Ana", user=member)
    client.force_login(member)
    address = reverse("meetings:session", kwargs={"council": "ptuj", "pk": session.pk})
    # As the secretary's but for the device: whether this login needs a second factor comes
    # with its role (members/access.py); and one more that notes the member's look at the
    # session (SessionSeen), from which their overview tells new materials.
    with django_assert_num_queries(5):
        response = client.get(address)
    assert response.content.decode().count("Oseba") >= size


@pytest.mark.django_db(transaction=True)
def test_session_page_runs_no_transaction_under_autocommit(client, member, mandate, police):
    """The pins above run inside the test's transaction, which hides any BEGIN and COMMIT the
    page would open; here the database is in autocommit, as in production, and the member's
    page (the one that notes their look) still takes its pinned statements, none in a
    transaction."""
    session = fill(mandate, police, 3)
    seat_member(mandate, police, "Ana", user=member)
    client.force_login(member)
    address = reverse("meetings:session", kwargs={"council": "ptuj", "pk": session.pk})
    in_transaction = []

    def note(execute, sql, params, many, context):
        in_transaction.append(connection.in_atomic_block)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(note):
        response = client.get(address)
    assert response.status_code == 200
    assert in_transaction == [False] * 5


def test_a_look_with_nothing_new_is_not_written_again(
    client, member, mandate, police, django_assert_num_queries
):
    """The member's look is noted the first time and when materials came since (the overview
    tells the materials added after it); a look with nothing new costs no write."""
    session = fill(mandate, police, 3)
    seat_member(mandate, police, "Ana", user=member)
    client.force_login(member)
    address = reverse("meetings:session", kwargs={"council": "ptuj", "pk": session.pk})
    client.get(address)
    first = SessionSeen.objects.get(user=member, session=session).seen_at
    with django_assert_num_queries(4):
        client.get(address)
    assert SessionSeen.objects.get(user=member, session=session).seen_at == first
    Material.objects.create(
        item=session.items.first(),
        file="materials/y.pdf",
        original_name="novo.pdf",
        content_type="application/pdf",
        size=10,
    )
    with django_assert_num_queries(5):
        client.get(address)
    assert SessionSeen.objects.get(user=member, session=session).seen_at > first


@pytest.mark.parametrize("proposals", [1, 6])
@pytest.mark.parametrize(("login", "queries"), [("secretary", 5), ("member", 5)])
def test_planned_session_with_proposals_costs_the_same(
    client, request, member, mandate, police, proposals, login, queries, django_assert_num_queries
):
    session = make_session(mandate, 1, days_ahead=10)
    make_items(session, "Prva", "Druga")
    seat_member(mandate, police, "Ana", user=member)
    for number in range(proposals):
        AgendaProposal.objects.create(
            session=session, proposed_by=member, title=f"Zamisel {number}"
        )
    address = reverse("meetings:session", kwargs={"council": "ptuj", "pk": session.pk})
    client.force_login(request.getfixturevalue(login))
    with django_assert_num_queries(queries):
        page = client.get(address).content.decode()
    assert page.count("<strong>Zamisel ") == proposals
    assert 'name="title"' in page  # both may still propose


def test_session_with_an_empty_agenda_still_opens(client, member, mandate):
    session = make_session(mandate, 1)
    client.force_login(member)
    page = client.get(reverse("meetings:session", kwargs={"council": "ptuj", "pk": session.pk}))
    assert "Dnevni red je prazen." in page.content.decode()


def by_correspondence(mandate, organization, size, member):
    """A session by correspondence sent to ``size`` members (and the ``member``), with ``size``
    proposed resolutions, on which every member has voted."""
    session = make_session(mandate, 1, days_ahead=3, kind=Session.Kind.CORRESPONDENCE,
                           status=Session.Status.CONVENED)  # fmt: skip
    items = make_items(session, *[f"Točka {n}" for n in range(size)])
    resolutions = [
        Resolution.objects.create(session=session, item=item, number=number, text="Predlog",
                                  outcome=Resolution.Outcome.PROPOSED)
        for number, item in enumerate(items, start=1)
    ]  # fmt: skip
    people = [seat_member(mandate, organization, f"Oseba{n}") for n in range(size)]
    people.append(seat_member(mandate, organization, "Ana", user=member))
    for person in people:
        for resolution in resolutions:
            Vote.objects.create(resolution=resolution, person=person, choice="for")
    return session


@pytest.mark.parametrize("size", [1, 12])
@pytest.mark.parametrize(("login", "queries"), [("secretary", 5), ("member", 5)])
def test_session_by_correspondence_costs_as_a_meeting(
    client, request, member, mandate, police, size, login, queries, django_assert_num_queries
):
    session = by_correspondence(mandate, police, size, member)
    client.force_login(request.getfixturevalue(login))
    address = reverse("meetings:session", kwargs={"council": "ptuj", "pk": session.pk})
    # As a meeting's page: the seats come with whether each has voted instead of the answers.
    with django_assert_num_queries(queries):
        page = client.get(address).content.decode()
    assert page.count("Oseba") >= size


@pytest.mark.parametrize("size", [1, 12])
def test_ballot_page_query_count_is_fixed(
    client, member, mandate, police, size, django_assert_num_queries
):
    session = by_correspondence(mandate, police, size, member)
    client.force_login(member)
    address = reverse("meetings:vote", kwargs={"council": "ptuj", "pk": session.pk})
    # The login's session row; the login with its role and the council; the session voted on;
    # the login's person there and its seat; the proposed resolutions; the login's votes.
    with django_assert_num_queries(6):
        page = client.get(address).content.decode()
    assert len(re.findall(r'value="for"[^>]* checked>', page)) == size
