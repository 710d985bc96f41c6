"""At and after the session: answers, attendance and quorum, minutes, resolutions."""

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
def members(mandate, police, member):
    """Three invited members; the first is the logged-in ``member``."""
    return [
        seat_member(mandate, police, "Ana", user=member),
        seat_member(mandate, police, "Bojana"),
        seat_member(mandate, police, "Cvetka"),
    ]


@pytest.fixture
def held(mandate):
    session = make_session(mandate, 1, days_ahead=-7, status=Session.Status.HELD)
    make_items(session, "Konstituiranje", "Poročilo")
    return session


def test_member_confirms_attendance(client, member, members, mandate):
    session = make_session(mandate, 2)
    client.force_login(member)
    client.post(url("attendance_respond", pk=session.pk), {"response": "yes"})
    attendance = Attendance.objects.get(session=session, person=members[0])
    assert attendance.response == "yes"
    page = client.get(url("session", pk=session.pk)).content.decode()
    assert "vaš odgovor: udeležila se bom" in page


def test_member_cannot_answer_after_the_session(client, member, members, held):
    client.force_login(member)
    client.post(url("attendance_respond", pk=held.pk), {"response": "no"})
    assert not Attendance.objects.exists()


def test_user_without_a_seat_cannot_answer(client, mayors_office, members, mandate):
    session = make_session(mandate, 2)
    client.force_login(mayors_office)
    response = client.post(url("attendance_respond", pk=session.pk), {"response": "yes"})
    assert response.status_code == 403


def test_secretary_records_attendance_and_quorum_is_shown(client, secretary, members, held):
    client.force_login(secretary)
    ana, bojana, cvetka = members
    response = client.post(
        url("attendance_record", pk=held.pk),
        {
            f"person-{ana.pk}": "present",
            f"person-{bojana.pk}": "excused",
            f"person-{cvetka.pk}": "absent",
        },
    )
    assert response.status_code == 302
    page = client.get(url("session", pk=held.pk)).content.decode()
    assert "Sosvet ni sklepčen – navzočih članov: 1 od 3." in page
    client.post(
        url("attendance_record", pk=held.pk),
        {
            f"person-{ana.pk}": "present",
            f"person-{bojana.pk}": "present",
            f"person-{cvetka.pk}": "absent",
        },
    )
    page = client.get(url("session", pk=held.pk)).content.decode()
    assert "Sosvet je sklepčen – navzočih članov: 2 od 3." in page


def test_incomplete_attendance_saves_nothing(client, secretary, members, held):
    client.force_login(secretary)
    response = client.post(
        url("attendance_record", pk=held.pk), {f"person-{members[0].pk}": "present"}
    )
    assert response.status_code == 200
    assert "To polje je obvezno." in response.content.decode()
    assert not Attendance.objects.exists()


def test_member_cannot_record_attendance(client, member, members, held):
    client.force_login(member)
    assert client.get(url("attendance_record", pk=held.pk)).status_code == 403


def test_resolutions_are_numbered_within_the_session(client, secretary, police, held):
    first, second = held.items.all()
    client.force_login(secretary)
    client.post(
        url("resolution_create", item=first.pk),
        {"number": 1, "text": "Prvi sklep.", "outcome": "adopted"},
    )
    page = client.get(url("resolution_create", item=second.pk)).content.decode()
    assert 'name="number" value="2"' in page
    response = client.post(
        url("resolution_create", item=second.pk),
        {"number": 1, "text": "Podvojena številka", "outcome": "adopted"},
    )
    assert "Ta seja že ima sklep s to številko." in response.content.decode()
    assert Resolution.objects.count() == 1


def test_register_shows_open_follow_ups(client, member, police, held):
    first, second = held.items.all()
    due = timezone.localdate() + datetime.timedelta(days=30)
    Resolution.objects.create(
        session=held, item=first, number=1, text="Odprta naloga", responsible=police, deadline=due
    )
    Resolution.objects.create(
        session=held,
        item=second,
        number=2,
        text="Opravljena naloga",
        responsible=police,
        done_on=timezone.localdate(),
    )
    client.force_login(member)
    everything = client.get(url("resolution_register")).content.decode()
    assert "Odprta naloga" in everything and "Opravljena naloga" in everything
    open_only = client.get(url("resolution_register") + "?odprti=1").content.decode()
    assert "Odprta naloga" in open_only and "Opravljena naloga" not in open_only


def _approve(client, held, mandate):
    later = make_session(mandate, 2, days_ahead=-1, status=Session.Status.HELD)
    return client.post(
        url("minutes_approve", pk=held.pk),
        {"approved_at": later.pk, "approved_on": later.date.isoformat(), "confirmed": "1"},
    )


def test_minutes_are_written_per_item(client, secretary, held):
    first, second = held.items.all()
    client.force_login(secretary)
    client.post(
        url("minutes_edit", pk=held.pk),
        {
            "seen_version": 0,
            "introduction": "Seja se je začela ob 17.00.",
            f"item-{first.pk}": "Sosvet se konstituira.",
            f"item-{second.pk}": "",
        },
    )
    first.refresh_from_db()
    held.refresh_from_db()
    assert first.minutes == "Sosvet se konstituira."
    assert held.minutes_introduction == "Seja se je začela ob 17.00."


def test_approved_minutes_are_locked(client, secretary, held, mandate, police):
    (first, _second) = held.items.all()
    resolution = Resolution.objects.create(
        session=held, item=first, number=1, text="Izvirnik", responsible=police
    )
    client.force_login(secretary)
    assert _approve(client, held, mandate).status_code == 302
    held.refresh_from_db()
    assert held.is_locked
    client.post(url("minutes_edit", pk=held.pk), {f"item-{first.pk}": "Naknadno spremenjeno"})
    first.refresh_from_db()
    assert first.minutes == ""
    client.post(
        url("resolution_edit", pk=resolution.pk),
        {
            "number": 1,
            "text": "Spremenjeno",
            "outcome": "rejected",
            "done_on": timezone.localdate().isoformat(),
            "seen_version": 0,
        },
    )
    resolution.refresh_from_db()
    assert (resolution.text, resolution.outcome) == ("Izvirnik", "adopted")
    assert resolution.done_on == timezone.localdate()  # the follow-up can still be noted
    assert client.get(url("resolution_create", item=first.pk)).status_code == 302
    assert not Resolution.objects.exclude(pk=resolution.pk).exists()


def test_minutes_cannot_be_approved_at_an_earlier_session(client, secretary, held, mandate):
    earlier = make_session(mandate, 3, days_ahead=-30, status=Session.Status.HELD)
    client.force_login(secretary)
    response = client.post(
        url("minutes_approve", pk=held.pk),
        {"approved_at": earlier.pk, "approved_on": earlier.date.isoformat(), "confirmed": "1"},
    )
    assert "Zapisnik se potrdi na eni od poznejših sej." in response.content.decode()
    held.refresh_from_db()
    assert not held.is_locked


def test_minutes_pdf_reads_back_with_items_resolutions_and_attendance(
    client, member, members, held, secretary
):
    from io import BytesIO

    from pypdf import PdfReader

    first, _second = held.items.all()
    first.minutes = "Sosvet se je konstituiral."
    first.save()
    Resolution.objects.create(session=held, item=first, number=1, text="Sosvet se konstituira.")
    Attendance.objects.create(session=held, person=members[0], presence="present")
    client.force_login(member)
    response = client.get(url("minutes_pdf", pk=held.pk))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "Zapisnik 1. seje varnostnega sosveta" in text
    assert "Sosvet se je konstituiral." in text
    assert "1. sklep" in text and "Sosvet se konstituira." in text
    assert "Ana Članica" in text
    assert "Osnutek" in text
