"""Sessions: the list, the page, the form and the life cycle, for each persona."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Attendance, Resolution, Session
from tests.meetings.factories import make_items, make_session, seat_member

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"council": "ptuj", **kwargs})


@pytest.fixture
def session(mandate):
    session = make_session(mandate, 2)
    make_items(session, "Aktualna varnostna problematika", "Poročilo PP Ptuj")
    return session


def test_anonymous_visitor_is_sent_to_log_in(client, session):
    for address in (url("session_list"), url("session", pk=session.pk)):
        response = client.get(address)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["member", "mayors_office", "secretary"])
def test_council_users_see_the_session_and_its_agenda(client, request, persona, session):
    client.force_login(request.getfixturevalue(persona))
    page = client.get(url("session", pk=session.pk)).content.decode()
    assert "2. seja" in page
    assert "Poročilo PP Ptuj" in page
    assert session.date.strftime("%-d. %-m. %Y") in page


def test_user_of_another_council_gets_404(client, outsider, session):
    client.force_login(outsider)
    assert client.get(url("session", pk=session.pk)).status_code == 404
    assert client.get(url("session_edit", pk=session.pk)).status_code == 404
    assert client.get(url("session_list")).status_code == 404


@pytest.mark.parametrize("persona", ["member", "mayors_office"])
def test_only_the_secretary_edits_sessions(client, request, persona, session):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url("session_create")).status_code == 403
    assert client.get(url("session_edit", pk=session.pk)).status_code == 403
    response = client.post(url("session_set_status", pk=session.pk), {"status": "cancelled"})
    assert response.status_code == 403
    session.refresh_from_db()
    assert session.status == Session.Status.PLANNED


def test_form_suggests_the_next_free_number(client, secretary, session):
    client.force_login(secretary)
    page = client.get(url("session_create")).content.decode()
    assert 'name="number" value="3"' in page


def test_secretary_plans_a_session_by_month(client, secretary, mandate):
    client.force_login(secretary)
    month = timezone.localdate().replace(day=1)
    response = client.post(
        url("session_create"),
        {
            "mandate": mandate.pk,
            "number": 1,
            "kind": "regular",
            "planned_month": month.strftime("%Y-%m"),
        },
    )
    assert response.status_code == 302
    session = Session.objects.get()
    assert (session.planned_month, session.date, session.status) == (month, None, "planned")


def test_session_number_already_used_is_refused_and_input_kept(client, secretary, session):
    client.force_login(secretary)
    response = client.post(
        url("session_create"),
        {"mandate": session.mandate.pk, "number": 2, "kind": "regular", "place": "Dvorana"},
    )
    page = response.content.decode()
    assert "Ta mandat že ima sejo s to številko." in page
    assert 'value="Dvorana"' in page
    assert Session.objects.count() == 1


def test_session_outside_the_mandate_is_refused(client, secretary, mandate):
    client.force_login(secretary)
    too_late = mandate.ends_on + datetime.timedelta(days=1)
    response = client.post(
        url("session_create"),
        {"mandate": mandate.pk, "number": 1, "kind": "regular", "date": too_late.isoformat()},
    )
    assert "Datum je zunaj mandata" in response.content.decode()
    assert not Session.objects.exists()


def test_session_list_shows_the_year_and_upcoming(client, member, mandate):
    make_session(mandate, 1, days_ahead=5)
    make_session(mandate, 2, days_ahead=-400, status=Session.Status.HELD)
    client.force_login(member)
    page = client.get(url("session_list")).content.decode()
    upcoming, _this_year = page.split("Seje v letu", 1)
    assert "1. seja" in upcoming and "2. seja" not in upcoming
    held_year = (timezone.localdate() - datetime.timedelta(days=400)).year
    older = client.get(url("session_list") + f"?leto={held_year}").content.decode()
    assert "2. seja" in older and "1. seja" not in older.split("Seje v letu", 1)[1]


def test_nonsense_year_falls_back_to_this_year(client, member, mandate):
    client.force_login(member)
    assert client.get(url("session_list") + "?leto=abc").status_code == 200


def test_cancelled_session_cannot_be_held(client, secretary, session):
    client.force_login(secretary)
    client.post(url("session_set_status", pk=session.pk), {"status": "cancelled", "confirmed": "1"})
    response = client.post(
        url("session_set_status", pk=session.pk), {"status": "held"}, follow=True
    )
    session.refresh_from_db()
    assert session.status == Session.Status.CANCELLED
    assert "ne more postati" in response.content.decode()


def test_future_session_cannot_be_marked_held(client, secretary, session):
    client.force_login(secretary)
    client.post(url("session_set_status", pk=session.pk), {"status": "held"})
    session.refresh_from_db()
    assert session.status == Session.Status.PLANNED


def test_held_session_keeps_its_attendance_and_resolutions(client, secretary, mandate, police):
    session = make_session(mandate, 1, days_ahead=-1)
    (item,) = make_items(session, "Konstituiranje")
    person = seat_member(mandate, police, "Ana")
    Attendance.objects.create(session=session, person=person, presence="present")
    Resolution.objects.create(session=session, item=item, number=1, text="Sosvet se konstituira.")
    client.force_login(secretary)
    client.post(url("session_set_status", pk=session.pk), {"status": "held"})
    for status in ("cancelled", "planned", "convened"):
        client.post(url("session_set_status", pk=session.pk), {"status": status})
    session.refresh_from_db()
    assert session.status == Session.Status.HELD
    assert session.attendances.count() == 1 and session.resolutions.count() == 1
    page = client.get(url("session", pk=session.pk)).content.decode()
    assert "Sosvet se konstituira." in page
    assert "Sosvet je sklepčen – navzočih članov: 1 od 1." in page


@pytest.mark.parametrize("count", [2, 10])
def test_session_list_query_count_does_not_grow(
    client, member, mandate, count, django_assert_num_queries
):
    for number in range(1, count + 1):
        make_items(make_session(mandate, number, days_ahead=number), "A")
    client.force_login(member)
    # Whether this login needs a second factor comes with its role, and both with the login
    # (members/access.py).
    with django_assert_num_queries(6):
        response = client.get(url("session_list"))
    assert response.content.decode().count(". seja</a>") >= count


@pytest.mark.parametrize("count", [2, 10])
def test_session_list_costs_the_secretary_one_query_more(
    client, secretary, mandate, count, django_assert_num_queries
):
    for number in range(1, count + 1):
        make_items(make_session(mandate, number, days_ahead=number), "A")
    client.force_login(secretary)
    # The device that verified the session (django-otp).
    with django_assert_num_queries(7):
        response = client.get(url("session_list"))
    assert response.content.decode().count(". seja</a>") >= count
