"""The session page costs the same number of queries however much the session holds."""

import pytest
from django.urls import reverse

from meetings.models import AgendaProposal, Attendance, Material, Resolution, Session
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
    # The session, the login, the device that verified this session (django-otp), the role
    # with the council; the agenda with materials and resolutions (and the session), the seats
    # with their answers, the proposals, the changes after the invitation.
    with django_assert_num_queries(8):
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
    with django_assert_num_queries(8):
        response = client.get(address)
    assert response.content.decode().count("Oseba") >= size


@pytest.mark.parametrize("proposals", [1, 6])
@pytest.mark.parametrize(("login", "queries"), [("secretary", 8), ("member", 8)])
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
