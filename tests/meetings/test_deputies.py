"""A member who cannot come sends a deputy, named in advance or on the day; the deputy is shown
beside the member and counts for the quorum in the member's place."""

from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from meetings.models import Attendance, Session
from members.models import Person
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
def janez(council):
    """A person of the council without a seat: a colleague who stands in."""
    return Person.objects.create(
        council=council, first_name="Janez", last_name="Novak", gender=Person.Gender.MALE
    )


@pytest.fixture
def upcoming(mandate):
    session = make_session(mandate, 2)
    make_items(session, "Prometna varnost")
    return session


@pytest.fixture
def held(mandate):
    session = make_session(mandate, 1, days_ahead=-7, status=Session.Status.HELD)
    make_items(session, "Konstituiranje")
    return session


def record(client, session, presences):
    """The attendance form as the secretary fills it: presence, then a deputy, per member."""
    data = {}
    for person, (presence, deputy, name) in presences.items():
        data[f"person-{person.pk}"] = presence
        data[f"deputy-{person.pk}"] = deputy.pk if deputy else ""
        data[f"deputy-name-{person.pk}"] = name
    return client.post(url("attendance_record", pk=session.pk), data)


def test_member_who_cannot_come_names_a_deputy(client, member, members, upcoming):
    client.force_login(member)
    client.post(
        url("attendance_respond", pk=upcoming.pk),
        {"response": "no", "deputy_name": "  Marko Horvat "},
    )
    attendance = Attendance.objects.get(session=upcoming, person=members[0])
    assert (attendance.response, attendance.deputy_name) == ("no", "Marko Horvat")
    page = client.get(url("session", pk=upcoming.pk)).content.decode()
    assert "Ana Članica (namesto nje Marko Horvat)" in page


def test_member_who_comes_after_all_has_no_deputy(client, member, members, upcoming):
    client.force_login(member)
    client.post(url("attendance_respond", pk=upcoming.pk), {"response": "no", "deputy_name": "M"})
    client.post(url("attendance_respond", pk=upcoming.pk), {"response": "yes", "deputy_name": "M"})
    attendance = Attendance.objects.get(session=upcoming, person=members[0])
    assert (attendance.response, attendance.has_deputy) == ("yes", False)


def test_secretary_names_a_person_of_the_council_in_advance(
    client, secretary, members, janez, upcoming
):
    bojana = members[1]
    client.force_login(secretary)
    response = client.post(
        url("attendance_deputy", pk=upcoming.pk, person=bojana.pk), {"deputy": janez.pk}
    )
    assert response.status_code == 302
    attendance = Attendance.objects.get(session=upcoming, person=bojana)
    assert (attendance.deputy, attendance.response) == (janez, "no")
    assert "Bojana Članica (namesto nje Janez Novak)" in client.get(response.url).content.decode()


def test_a_member_with_a_seat_cannot_stand_in_for_another(client, secretary, members, upcoming):
    client.force_login(secretary)
    response = client.post(
        url("attendance_deputy", pk=upcoming.pk, person=members[1].pk), {"deputy": members[2].pk}
    )
    assert response.status_code == 200
    assert "Izberite veljavno možnost." in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_person_and_a_typed_name_are_refused_together(
    client, secretary, members, janez, upcoming
):
    client.force_login(secretary)
    response = client.post(
        url("attendance_deputy", pk=upcoming.pk, person=members[1].pk),
        {"deputy": janez.pk, "deputy_name": "Marko Horvat"},
    )
    assert "Izberite osebo sosveta ali vpišite ime, ne obojega." in response.content.decode()
    assert not Attendance.objects.exists()


def test_deputy_counts_for_the_quorum_in_place_of_the_member(
    client, secretary, members, janez, held
):
    ana, bojana, cvetka = members
    client.force_login(secretary)
    record(client, held, {ana: ("present", None, ""), bojana: ("excused", None, ""),
                          cvetka: ("absent", None, "")})  # fmt: skip
    page = client.get(url("session", pk=held.pk)).content.decode()
    assert "Sosvet ni sklepčen – navzočih članov: 1 od 3." in page
    response = record(client, held, {ana: ("present", None, ""), bojana: ("excused", janez, ""),
                                     cvetka: ("absent", None, "")})  # fmt: skip
    assert response.status_code == 302
    page = client.get(url("session", pk=held.pk)).content.decode()
    assert "Sosvet je sklepčen – navzočih članov: 2 od 3." in page
    assert "Bojana Članica (namesto nje Janez Novak)" in page


def test_a_deputy_named_in_advance_is_kept_unless_the_member_came(client, secretary, members, held):
    ana, bojana, cvetka = members
    Attendance.objects.create(session=held, person=ana, response="no", deputy_name="Marko Horvat")
    Attendance.objects.create(session=held, person=bojana, response="no", deputy_name="Eva Kos")
    client.force_login(secretary)
    form = client.get(url("attendance_record", pk=held.pk)).content.decode()
    assert 'value="Marko Horvat"' in form  # what was named in advance is there to confirm
    record(client, held, {ana: ("excused", None, "Marko Horvat"), bojana: ("present", None, ""),
                          cvetka: ("present", None, "")})  # fmt: skip
    ana_there, bojana_there = (Attendance.objects.get(session=held, person=p) for p in members[:2])
    assert ana_there.fills_seat and ana_there.deputy_name == "Marko Horvat"
    assert bojana_there.fills_seat and not bojana_there.has_deputy


def test_one_deputy_cannot_stand_in_for_two_members(client, secretary, members, janez, held):
    ana, bojana, cvetka = members
    client.force_login(secretary)
    response = record(client, held, {ana: ("present", None, ""), bojana: ("excused", janez, ""),
                                     cvetka: ("excused", janez, "")})  # fmt: skip
    message = "Ista oseba ne more nadomeščati dveh članov; Janez Novak že nadomešča: Bojana"
    assert message in response.content.decode()
    assert not Attendance.objects.exists()


def test_minutes_pdf_shows_who_stood_in_for_whom(client, member, members, janez, held):
    ana, bojana, cvetka = members
    Attendance.objects.create(session=held, person=ana, presence="present")
    Attendance.objects.create(session=held, person=bojana, presence="excused", deputy=janez)
    Attendance.objects.create(session=held, person=cvetka, presence="excused")
    client.force_login(member)
    response = client.get(url("minutes_pdf", pk=held.pk))
    text = " ".join(
        " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages).split()
    )
    assert "Navzoči: Ana Članica, Bojana Članica (namesto nje Janez Novak)" in text
    assert "Opravičeno odsotna: Cvetka Članica" in text


def test_a_man_is_stood_in_for_in_the_masculine(client, member, chief, police, mandate, held):
    from tests.conftest import make_seat

    make_seat(mandate, chief, police)
    Attendance.objects.create(session=held, person=chief, presence="excused", deputy_name="Eva Kos")
    client.force_login(member)
    page = client.get(url("session", pk=held.pk)).content.decode()
    assert "mag. Aleksander LUBEJ (namesto njega Eva Kos)" in page
