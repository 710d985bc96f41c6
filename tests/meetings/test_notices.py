"""After the invitation: a new date, time or place and a cancellation are recorded in the trail and
announced to everyone invited, with a calendar file that moves or cancels their event."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from meetings.models import AgendaChange, CalendarFeed, InvitationDelivery, Session
from members.models import Person
from tests.conftest import make_seat
from tests.meetings.factories import make_items, make_session, seat_member

pytestmark = pytest.mark.django_db

CONFIRMED = {"confirmed": "1"}
LJUBLJANA = ZoneInfo("Europe/Ljubljana")


def url(name, session):
    return reverse(f"meetings:{name}", kwargs={"council": "ptuj", "pk": session.pk})


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def slovenian_date(day):
    return f"{day.day}. {day.month}. {day.year}"


WEEKDAYS = ["ponedeljek", "torek", "sreda", "četrtek", "petek", "sobota", "nedelja"]


def slovenian_day(day):
    """The date as an invitation gives it: "torek, 15. 12. 2026"."""
    return f"{WEEKDAYS[day.weekday()]}, {slovenian_date(day)}"


def form_of(session, **changes):
    """The session form as the edit page would send it, with some fields changed."""
    data = {
        "mandate": session.mandate_id,
        "number": session.number,
        "kind": session.kind,
        "planned_month": "",
        "date": session.date.isoformat(),
        "time": session.time.strftime("%H:%M") if session.time else "",
        "place": session.place,
        "notes": session.notes,
        "report_summary": session.report_summary,
        "seen_version": session.lock_version,
    }
    data.update(changes)
    return data


def ics_event(message):
    (attachment,) = message.attachments
    assert attachment.mimetype == "text/calendar"
    calendar = Calendar.from_ical(attachment.content)
    assert str(calendar["METHOD"]) == "PUBLISH"
    (event,) = calendar.events
    return event


@pytest.fixture
def convened(client, secretary, mandate, police):
    """A session convened by the secretary: Ana and Bor have the invitation; Eva, with no e-mail
    address, could not get it."""
    session = make_session(mandate, 2, days_ahead=14)
    make_items(session, "Aktualna varnostna problematika", "Poročilo PP Ptuj")
    seat_member(mandate, police, "Ana")
    seat_member(mandate, police, "Bor")
    eva = Person.objects.create(council=mandate.council, first_name="Eva", last_name="Brez")
    make_seat(mandate, eva, police)
    client.force_login(secretary)
    client.post(url("session_convene", session), CONFIRMED)
    assert len(mail.outbox) == 2
    session.invitation_event = ics_event(mail.outbox[0])
    mail.outbox.clear()
    session.refresh_from_db()
    assert session.status == Session.Status.CONVENED
    return session


def test_moving_a_convened_session_asks_first_and_says_who_will_be_told(client, convened):
    new_day = convened.date + datetime.timedelta(days=7)
    response = client.post(url("session_edit", convened), form_of(convened, date=new_day))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Obvestilo bo poslano 2 članoma." in page
    assert f"datum {slovenian_date(convened.date)} → {slovenian_date(new_day)}" in page
    assert f'name="date" value="{new_day.isoformat()}"' in page
    assert 'name="confirmed" value="1"' in page
    convened.refresh_from_db()
    assert convened.date != new_day
    assert mail.outbox == []
    assert not AgendaChange.objects.exists()


def test_a_confirmed_move_is_recorded_and_moves_the_event_in_every_invited_calendar(
    client, secretary, convened
):
    invitation = convened.invitation_event
    new_day = convened.date + datetime.timedelta(days=7)
    response = client.post(
        url("session_edit", convened),
        {**form_of(convened, date=new_day, time="18:30", place="Dvorana B"), **CONFIRMED},
    )

    assert response.status_code == 302
    convened.refresh_from_db()
    assert (convened.date, convened.time, convened.place) == (
        new_day,
        datetime.time(18, 30),
        "Dvorana B",
    )
    assert convened.status == Session.Status.CONVENED
    change = AgendaChange.objects.get()
    assert change.kind == AgendaChange.Kind.MOVED
    assert change.changed_by == secretary
    assert change.notified
    assert change.summary == (
        f"Spremenjeno: datum {slovenian_date(new_day - datetime.timedelta(days=7))} → "
        f"{slovenian_date(new_day)}, ura 17.00 → 18.30, kraj Mestna hiša, sejna soba → Dvorana B"
    )
    assert sorted(message.to for message in mail.outbox) == [
        ["ana@example.si"],
        ["bor@example.si"],
    ]
    for message in mail.outbox:
        assert message.subject == (
            "Varnostni sosvet Mestne občine Ptuj: nov datum, ura ali kraj 2. seje"
        )
        assert "Datum: " + slovenian_day(new_day) in message.body
        assert "Ura: 18.30" in message.body
        assert "Kraj: Dvorana B" in message.body
        assert "- " + change.summary in message.body
        event = ics_event(message)
        assert str(event["UID"]) == str(invitation["UID"])
        assert event["SEQUENCE"] == 1 > invitation["SEQUENCE"] == 0
        assert event["DTSTART"].dt == datetime.datetime.combine(
            new_day, datetime.time(18, 30), tzinfo=LJUBLJANA
        )
        assert str(event["LOCATION"]) == "Dvorana B"
        assert str(event["STATUS"]) == "CONFIRMED"
    notices = InvitationDelivery.objects.filter(kind=InvitationDelivery.Kind.MOVED)
    assert sorted(notices.values_list("status", flat=True)) == ["sent", "sent"]
    assert "Obvestilo je bilo poslano 2 članoma." in messages_of(response)


def test_each_move_raises_the_sequence_again(client, convened):
    for days in (7, 8):
        convened.refresh_from_db()
        form = form_of(convened, date=convened.date + datetime.timedelta(days=days))
        client.post(url("session_edit", convened), {**form, **CONFIRMED})
    assert [ics_event(message)["SEQUENCE"] for message in mail.outbox] == [1, 1, 2, 2]


def test_the_feed_and_the_download_carry_the_same_sequence_as_the_notice(client, member, convened):
    form = form_of(convened, place="Dvorana B")
    client.post(url("session_edit", convened), {**form, **CONFIRMED})
    notice = ics_event(mail.outbox[0])

    client.force_login(member)
    downloaded = Calendar.from_ical(client.get(url("session_ics", convened)).content)
    client.get(reverse("meetings:calendar", kwargs={"council": "ptuj"}))
    token = CalendarFeed.objects.get(user=member).token
    feed = Calendar.from_ical(client.get(reverse("calendar_feed", kwargs={"token": token})).content)
    for calendar in (downloaded, feed):
        assert str(calendar["METHOD"]) == "PUBLISH"
        (event,) = calendar.events
        assert str(event["UID"]) == str(notice["UID"])
        assert event["SEQUENCE"] == notice["SEQUENCE"] == 1
        assert str(event["LOCATION"]) == "Dvorana B"


def test_other_edits_of_a_convened_session_tell_nobody(client, convened):
    response = client.post(url("session_edit", convened), form_of(convened, notes="Pogostitev."))
    assert response.status_code == 302
    convened.refresh_from_db()
    assert convened.notes == "Pogostitev."
    assert convened.calendar_sequence == 0
    assert mail.outbox == []
    assert not AgendaChange.objects.exists()


def test_moving_a_planned_session_needs_no_notice(client, secretary, mandate):
    session = make_session(mandate, 3)
    client.force_login(secretary)
    new_day = session.date + datetime.timedelta(days=1)
    response = client.post(url("session_edit", session), form_of(session, date=new_day))
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.date == new_day
    assert mail.outbox == [] and not AgendaChange.objects.exists()


def test_a_move_saved_by_someone_else_first_is_not_saved_twice(client, convened):
    stale = form_of(convened, place="Dvorana B")
    client.post(
        url("session_edit", convened), {**form_of(convened, place="Dvorana C"), **CONFIRMED}
    )
    mail.outbox.clear()

    response = client.post(url("session_edit", convened), {**stale, **CONFIRMED})

    assert response.status_code == 200
    assert "Nekdo drug je to shranil" in response.content.decode()
    convened.refresh_from_db()
    assert convened.place == "Dvorana C"
    assert mail.outbox == []
    assert AgendaChange.objects.count() == 1


def test_cancelling_asks_first_and_says_who_will_be_told(client, convened):
    response = client.post(url("session_set_status", convened), {"status": "cancelled"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Obvestilo bo poslano 2 članoma." in page
    assert 'name="status" value="cancelled"' in page
    convened.refresh_from_db()
    assert convened.status == Session.Status.CONVENED
    assert mail.outbox == []


def test_a_cancelled_session_is_cancelled_in_every_invited_calendar(client, secretary, convened):
    response = client.post(
        url("session_set_status", convened), {"status": "cancelled", **CONFIRMED}
    )

    assert response.status_code == 302
    convened.refresh_from_db()
    assert convened.status == Session.Status.CANCELLED
    assert convened.calendar_sequence == 1
    change = AgendaChange.objects.get()
    assert (change.kind, change.changed_by, change.summary) == (
        AgendaChange.Kind.CANCELLED,
        secretary,
        "Seja je odpovedana.",
    )
    assert sorted(message.to for message in mail.outbox) == [
        ["ana@example.si"],
        ["bor@example.si"],
    ]
    for message in mail.outbox:
        assert message.subject == "Varnostni sosvet Mestne občine Ptuj: 2. seja je odpovedana"
        assert f"sklicana za {slovenian_date(convened.date)}, odpovedana" in message.body
        event = ics_event(message)
        assert str(event["UID"]) == str(convened.invitation_event["UID"])
        assert event["SEQUENCE"] == 1 > convened.invitation_event["SEQUENCE"]
        assert str(event["STATUS"]) == "CANCELLED"
    assert "Obvestilo je bilo poslano 2 članoma." in messages_of(response)
    (downloaded,) = Calendar.from_ical(client.get(url("session_ics", convened)).content).events
    assert (downloaded["SEQUENCE"], str(downloaded["STATUS"])) == (1, "CANCELLED")
    page = client.get(url("session", convened)).content.decode()
    assert "Seja je odpovedana." in page  # in the trail of changes


def test_cancelling_a_planned_session_tells_nobody(client, secretary, mandate):
    session = make_session(mandate, 3)
    client.force_login(secretary)
    page = client.post(url("session_set_status", session), {"status": "cancelled"})
    assert "Vabila ni prejel še nihče, zato ne bo obveščen nihče." in page.content.decode()

    client.post(url("session_set_status", session), {"status": "cancelled", **CONFIRMED})

    session.refresh_from_db()
    assert session.status == Session.Status.CANCELLED
    assert mail.outbox == [] and not AgendaChange.objects.exists()


def test_the_feed_sees_a_cancelled_session_come_back(client, secretary, member, mandate):
    session = make_session(mandate, 3)
    client.force_login(member)
    client.get(reverse("meetings:calendar", kwargs={"council": "ptuj"}))
    feed = reverse("calendar_feed", kwargs={"token": CalendarFeed.objects.get(user=member).token})
    client.force_login(secretary)

    def feed_event():
        (event,) = Calendar.from_ical(client.get(feed).content).events
        return event["SEQUENCE"], str(event["STATUS"])

    assert feed_event() == (0, "TENTATIVE")
    client.post(url("session_set_status", session), {"status": "cancelled", **CONFIRMED})
    assert feed_event() == (1, "CANCELLED")
    client.post(url("session_set_status", session), {"status": "planned"})
    assert feed_event() == (2, "TENTATIVE")


@pytest.mark.parametrize("answer", [{}, CONFIRMED])
def test_a_held_session_cannot_be_cancelled(client, secretary, mandate, answer):
    session = make_session(mandate, 1, days_ahead=-3, status=Session.Status.HELD)
    client.force_login(secretary)
    response = client.post(
        url("session_set_status", session), {"status": "cancelled", **answer}, follow=True
    )
    session.refresh_from_db()
    assert session.status == Session.Status.HELD
    assert "Seja, ki je izvedena, ne more postati odpovedana." in response.content.decode()
    assert mail.outbox == [] and not AgendaChange.objects.exists()


def test_the_amended_agenda_notice_asks_first(client, convened):
    client.post(
        reverse("meetings:item_create", kwargs={"council": "ptuj", "session": convened.pk}),
        {"title": "Varnost v počitniškem času"},
    )
    for response in (
        client.get(url("session_notify", convened)),
        client.post(url("session_notify", convened)),
    ):
        page = response.content.decode()
        assert response.status_code == 200
        assert "Obvestilo bo poslano 2 članoma." in page
        assert "Varnost v počitniškem času" in page
    assert mail.outbox == []
    assert AgendaChange.objects.get().notified is False


def test_a_post_without_the_answer_yes_does_not_convene(client, secretary, mandate, police):
    session = make_session(mandate, 3)
    seat_member(mandate, police, "Ana")
    client.force_login(secretary)
    response = client.post(url("session_convene", session))
    assert response.status_code == 200
    assert "Vabilo bo prejel 1 član." in response.content.decode()
    session.refresh_from_db()
    assert session.status == Session.Status.PLANNED
    assert mail.outbox == []
