"""The session page costs the same number of queries however much the session holds."""

import pytest
from django.urls import reverse

from meetings.models import Attendance, Material, Resolution, Session
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
    # One of them loads the device that verified this session (django-otp).
    with django_assert_num_queries(13):
        response = client.get(address)
    assert response.content.decode().count("Oseba") >= size
