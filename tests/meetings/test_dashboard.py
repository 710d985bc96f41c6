"""The council's overview: the next sessions with the member's own answers."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaProposal, Attendance, Session
from tests.meetings.factories import make_items, make_session, seat_member

pytestmark = pytest.mark.django_db


def dashboard_url():
    return reverse("dashboard", kwargs={"council": "ptuj"})


def test_member_sees_upcoming_sessions_and_their_answers(client, member, mandate, police):
    ana = seat_member(mandate, police, "Ana", user=member)
    answered = make_session(mandate, 1, days_ahead=7)
    make_items(answered, "Prva", "Druga")
    make_session(mandate, 2, days_ahead=30)
    make_session(mandate, 3, days_ahead=-30, status=Session.Status.HELD)
    Attendance.objects.create(session=answered, person=ana, response="yes")
    AgendaProposal.objects.create(session=answered, proposed_by=member, title="Šolske poti")
    client.force_login(member)
    page = client.get(dashboard_url()).content.decode()
    upcoming, latest = page.split("Zadnje seje")
    assert "1. seja" in upcoming and "2. seja" in upcoming and "3. seja" not in upcoming
    assert "3. seja" in latest
    assert "2 točki dnevnega reda" in page
    assert "vaš odgovor: udeležila se bom" in page
    assert "še niste odgovorili" in page
    assert "Šolske poti" in page


def test_outsider_and_anonymous_cannot_see_the_overview(client, outsider, mandate):
    assert client.get(dashboard_url()).status_code == 302
    client.force_login(outsider)
    assert client.get(dashboard_url()).status_code == 404


@pytest.mark.parametrize("sessions", [1, 5])
def test_overview_query_count_is_fixed(
    client, member, mandate, police, sessions, django_assert_num_queries
):
    ana = seat_member(mandate, police, "Ana", user=member)
    for number in range(1, sessions + 1):
        make_items(make_session(mandate, number, days_ahead=number), "A", "B")
        Attendance.objects.create(session=Session.objects.get(number=number), person=ana)
    make_session(mandate, sessions + 1, days_ahead=-7, status=Session.Status.HELD)
    AgendaProposal.objects.create(
        session=Session.objects.get(number=1), proposed_by=member, title="Šolske poti"
    )
    client.force_login(member)
    # The session; the login with its role, the council and whether the login needs a second
    # factor, one statement (members/access.py); the figures (a member? open follow-ups, and
    # every app's for what is due), the sessions next and last held with the answers and the
    # login's proposals, the sessions and the resolutions due (meetings/due.py).
    with django_assert_num_queries(6):
        page = client.get(dashboard_url()).content.decode()
    assert page.count("še niste odgovorili") == sessions and "Šolske poti" in page


@pytest.mark.parametrize("sessions", [1, 5])
def test_overview_costs_the_secretary_as_many_queries(
    client, secretary, mandate, sessions, django_assert_num_queries
):
    for number in range(1, sessions + 1):
        make_items(make_session(mandate, number, days_ahead=number), "A", "B")
    client.force_login(secretary)
    # As the member's, with the device that verified the session (django-otp); the proposals
    # the secretary decides are among what is due, not read beside the sessions.
    with django_assert_num_queries(7):
        page = client.get(dashboard_url()).content.decode()
    assert page.count("2 točki dnevnega reda") == sessions


def test_healthz_answers_ok_without_a_session(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.content == b"ok"


@pytest.mark.parametrize("who", ["member", "secretary"])  # with and without own proposals
def test_the_next_five_sessions_are_in_the_order_of_their_days_dated_or_not(
    client, request, mandate, who
):
    """A session not yet dated counts by the month it is planned for, on every database:
    one planned for this month comes before those dated later in it, one planned for months
    ahead after them (and is not among the next five here)."""
    today = timezone.localdate()
    for number in range(1, 6):  # the next five weeks
        make_session(mandate, number, days_ahead=7 * number)
    make_session(mandate, 6, date=None, time=None, planned_month=today.replace(day=1))
    ahead = (today.replace(day=1) + datetime.timedelta(days=100)).replace(day=1)
    make_session(mandate, 7, date=None, time=None, planned_month=ahead)
    client.force_login(request.getfixturevalue(who))

    page = client.get(dashboard_url()).content.decode()
    upcoming = page.split("Zadnje seje")[0]
    shown = [number for number in range(1, 8) if f">{number}. seja</a>" in upcoming]
    assert shown == [1, 2, 3, 4, 6]
    assert sorted(shown, key=lambda number: upcoming.index(f">{number}. seja</a>")) == [
        6,
        1,
        2,
        3,
        4,
    ]
