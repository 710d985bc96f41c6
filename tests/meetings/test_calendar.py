"""Calendars: one session's .ics, and each user's private feed of their councils' sessions."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings.models import AgendaItem, CalendarFeed, Session
from members.models import CouncilAccess, Mandate

pytestmark = pytest.mark.django_db


def make_session(mandate, number, *, days_ahead=14, **extra):
    extra.setdefault("date", timezone.localdate() + datetime.timedelta(days=days_ahead))
    extra.setdefault("time", datetime.time(17, 0))
    extra.setdefault("place", "Mestna hiša Ptuj")
    return Session.objects.create(mandate=mandate, number=number, **extra)


def calendar_url(council="ptuj"):
    return reverse("meetings:calendar", kwargs={"council": council})


def feed_url(token):
    return reverse("calendar_feed", kwargs={"token": token})


def summaries(response):
    return sorted(str(event["SUMMARY"]) for event in Calendar.from_ical(response.content).events)


@pytest.fixture
def sessions(mandate):
    return [
        make_session(mandate, 2, status=Session.Status.CONVENED),
        make_session(mandate, 3, days_ahead=-60, status=Session.Status.HELD),
        make_session(mandate, 4, days_ahead=30, status=Session.Status.CANCELLED),
        make_session(mandate, 5, date=None, planned_month=timezone.localdate().replace(day=1)),
    ]


@pytest.fixture
def other_session(other_council):
    year = timezone.localdate().year
    mandate = Mandate.objects.create(
        council=other_council,
        starts_on=datetime.date(year - 1, 1, 1),
        ends_on=datetime.date(year + 2, 12, 31),
    )
    return make_session(mandate, 7, place="Občina Ormož")


def token_of(client, user, council="ptuj"):
    """The user's feed token, made as the calendar page is first opened."""
    client.force_login(user)
    assert client.get(calendar_url(council)).status_code == 200
    client.logout()
    return CalendarFeed.objects.get(user=user).token


def test_calendar_page_shows_the_private_address(client, member):
    client.force_login(member)
    page = client.get(calendar_url()).content.decode()
    token = CalendarFeed.objects.get(user=member).token
    assert f"http://testserver/koledar/{token}.ics" in page
    assert f"webcal://testserver/koledar/{token}.ics" in page
    assert '<label class="form-label" for="feed-url">' in page


def test_feed_has_the_dated_sessions_of_the_users_councils_only(
    client, member, sessions, other_session
):
    token = token_of(client, member)
    response = client.get(feed_url(token))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert summaries(response) == [
        "2. seja – Varnostni sosvet Mestne občine Ptuj",
        "3. seja – Varnostni sosvet Mestne občine Ptuj",
        "Odpovedano: 4. seja – Varnostni sosvet Mestne občine Ptuj",
    ]
    assert "Ormož" not in response.content.decode()


def test_cancelled_session_is_marked_cancelled_in_the_feed(client, member, sessions):
    response = client.get(feed_url(token_of(client, member)))
    statuses = {
        str(event["SUMMARY"]): str(event["STATUS"])
        for event in Calendar.from_ical(response.content).events
    }
    assert statuses["Odpovedano: 4. seja – Varnostni sosvet Mestne občine Ptuj"] == "CANCELLED"
    assert statuses["2. seja – Varnostni sosvet Mestne občine Ptuj"] == "CONFIRMED"


def test_feed_spans_every_council_the_user_belongs_to(
    client, member, other_council, sessions, other_session
):
    CouncilAccess.objects.create(council=other_council, user=member, role="member")
    response = client.get(feed_url(token_of(client, member)))
    assert "7. seja – Varnostni sosvet Občine Ormož" in summaries(response)


def test_feed_takes_the_same_queries_however_many_sessions(client, member, mandate, sessions):
    token = token_of(client, member)

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(feed_url(token)).status_code == 200
        return len(queries)

    before = count_queries()
    for number in (8, 9):
        session = make_session(mandate, number)
        AgendaItem.objects.create(session=session, title="Točka", presenter_text="Gost")
    assert count_queries() == before


def test_unknown_token_is_404(client, member, sessions):
    token_of(client, member)
    assert client.get(feed_url("ni-pravi-zeton")).status_code == 404


def test_feed_of_a_deactivated_account_is_404(client, member, sessions):
    token = token_of(client, member)
    member.is_active = False
    member.save()
    assert client.get(feed_url(token)).status_code == 404


def test_new_address_replaces_the_old_one(client, member, sessions):
    old_token = token_of(client, member)
    client.force_login(member)

    response = client.post(calendar_url())

    assert response.status_code == 302
    new_token = CalendarFeed.objects.get(user=member).token
    assert new_token != old_token
    client.logout()
    assert client.get(feed_url(old_token)).status_code == 404
    assert client.get(feed_url(new_token)).status_code == 200


def test_calendar_page_needs_login_and_the_council(client, outsider):
    response = client.get(calendar_url())
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    client.force_login(outsider)
    assert client.get(calendar_url()).status_code == 404


def session_ics_url(session):
    return reverse("meetings:session_ics", kwargs={"council": "ptuj", "pk": session.pk})


def test_member_downloads_one_session_as_ics(client, member, sessions):
    session = sessions[0]
    client.force_login(member)
    response = client.get(session_ics_url(session))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="2-seja.ics"'
    (event,) = Calendar.from_ical(response.content).events
    start = datetime.datetime.combine(
        session.date, datetime.time(17, 0), tzinfo=ZoneInfo("Europe/Ljubljana")
    )
    assert event["DTSTART"].dt == start
    assert str(event["LOCATION"]) == "Mestna hiša Ptuj"
    assert str(event["URL"]) == f"http://testserver/ptuj/seje/{session.pk}/"


def test_session_keeps_one_uid_in_download_and_feed(client, member, sessions):
    token = token_of(client, member)
    client.force_login(member)
    (downloaded,) = Calendar.from_ical(client.get(session_ics_url(sessions[0])).content).events
    feed = Calendar.from_ical(client.get(feed_url(token)).content).events
    assert str(downloaded["UID"]) in {str(event["UID"]) for event in feed}


def test_session_without_a_date_has_no_ics(client, member, sessions):
    client.force_login(member)
    assert client.get(session_ics_url(sessions[3])).status_code == 404


def test_session_ics_of_another_council_is_404(client, outsider, sessions):
    client.force_login(outsider)
    assert client.get(session_ics_url(sessions[0])).status_code == 404
