"""Slovenian as a native writes it, on the session's pages, in its e-mails and in its PDFs:
words agree with the person's gender ("navzoča") and with the noun ("sklep je sprejet"), names
sort in Slovenian order, and dates, times and places read "7. 4. 2023 ob 10.00, sejna soba"."""

import datetime
import re
from io import BytesIO

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from meetings.models import AgendaItem, Attendance, Resolution, Session
from members.models import Membership, Organization, Person
from tests.conftest import make_seat
from tests.meetings.factories import make_session

pytestmark = pytest.mark.django_db

WOMAN, MAN = Person.Gender.FEMALE, Person.Gender.MALE
# Čeh, Cerar, Šola, Sever, Žagar, Zupan, as a Slovenian reader lists them.
IN_SLOVENIAN_ORDER = [
    ("Ana", "Cerar", WOMAN),
    ("Bor", "Čeh", MAN),
    ("Cene", "Sever", MAN),
    ("Dana", "Šola", WOMAN),
    ("Eva", "Zupan", WOMAN),
    ("Fran", "Žagar", MAN),
]
SHUFFLED = [IN_SLOVENIAN_ORDER[i] for i in (1, 0, 3, 2, 5, 4)]


def url(name, session):
    return reverse(f"meetings:{name}", kwargs={"council": "ptuj", "pk": session.pk})


@pytest.fixture
def city(council):
    return Organization.objects.create(council=council, name="Mestna občina Ptuj")


def seat(mandate, organization, first_name, last_name, gender, **extra):
    person = Person.objects.create(
        council=mandate.council,
        first_name=first_name,
        last_name=last_name,
        gender=gender,
        email=f"{first_name.lower()}@example.si",
    )
    make_seat(mandate, person, organization, **extra)
    return person


@pytest.fixture
def members(mandate, city):
    """Six members, seated in no particular order."""
    people = {last: seat(mandate, city, first, last, gender) for first, last, gender in SHUFFLED}
    return [people[last] for _first, last, _gender in IN_SLOVENIAN_ORDER]


@pytest.fixture
def held(mandate):
    session = make_session(mandate, 1, days_ahead=-7, status=Session.Status.HELD)
    AgendaItem.objects.create(session=session, position=1, title="Konstituiranje")
    return session


def page_text(response):
    """The page as a reader reads it: tags dropped, white space collapsed."""
    assert response.status_code == 200
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    # Line breaks fall wherever the layout puts them; compare words, not lines.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def record(session, presence_by_person):
    for person, presence in presence_by_person.items():
        Attendance.objects.create(session=session, person=person, presence=presence)


def test_attendance_table_agrees_with_each_members_gender(client, secretary, members, held):
    ana, bor, cene, dana, eva, _fran = members
    record(held, {ana: "present", bor: "present", cene: "excused", dana: "excused", eva: "absent"})
    client.force_login(secretary)
    text = page_text(client.get(url("session", held)))
    table = text.split("Navzočnost", 1)[1]
    assert "Ana Cerar Mestna občina Ptuj — navzoča" in table
    assert "Bor Čeh Mestna občina Ptuj — navzoč" in table
    assert "Cene Sever Mestna občina Ptuj — opravičen" in table
    assert "Dana Šola Mestna občina Ptuj — opravičena" in table
    assert "Eva Zupan Mestna občina Ptuj — odsotna" in table
    assert "(a)" not in text


def test_attendance_lists_members_in_slovenian_order(client, secretary, members, held):
    client.force_login(secretary)
    text = page_text(client.get(url("session", held)))
    names = [f"{first} {last}" for first, last, _gender in IN_SLOVENIAN_ORDER]
    assert sorted(names, key=text.index) == names


def test_recording_attendance_offers_each_member_the_words_of_their_gender(
    client, secretary, members, held
):
    client.force_login(secretary)
    page = client.get(url("attendance_record", held)).content.decode()
    ana_choices = page.split("Ana Cerar", 1)[1].split("Bor Čeh", 1)[0]
    bor_choices = page.split("Bor Čeh", 1)[1].split("Cene Sever", 1)[0]
    assert re.findall(r">\s*(\w+)\s*</label>", ana_choices) == ["navzoča", "opravičena", "odsotna"]
    assert re.findall(r">\s*(\w+)\s*</label>", bor_choices) == ["navzoč", "opravičen", "odsoten"]


def test_a_member_answers_in_words_of_their_own_gender(client, member, mandate, city):
    session = make_session(mandate, 2)
    nika = seat(mandate, city, "Nika", "Kos", WOMAN)
    Person.objects.filter(pk=nika.pk).update(user=member)
    client.force_login(member)
    page = page_text(client.get(url("session", session)))
    assert "udeležila se bom" in page and "ne morem se udeležiti" in page
    client.post(url("attendance_respond", session), {"response": "yes"})
    page = page_text(client.get(url("session", session)))
    assert "vaš odgovor: udeležila se bom" in page
    assert "Nika Kos Mestna občina Ptuj udeležila se bo" in page
    assert "(a)" not in page


def test_minutes_pdf_agrees_in_gender_and_number_and_lists_names_in_order(
    client, member, members, held
):
    ana, bor, cene, dana, eva, fran = members
    record(held, {fran: "present", ana: "present", bor: "present"})
    record(held, {dana: "excused", eva: "absent"})
    resolution = Resolution.objects.create(
        session=held, item=held.items.get(), number=1, text="Sosvet se konstituira."
    )
    Resolution.objects.create(
        session=held, item=resolution.item, number=2, text="Predlog ni dobil večine.",
        outcome=Resolution.Outcome.REJECTED,
    )  # fmt: skip
    client.force_login(member)
    text = pdf_text(client.get(url("minutes_pdf", held)))
    assert "Navzoči: Ana Cerar, Bor Čeh, Fran Žagar" in text
    assert "Opravičeno odsotna: Dana Šola" in text
    assert "Odsotna: Eva Zupan" in text
    assert "1. sklep (sprejet): Sosvet se konstituira." in text
    assert "2. sklep (zavrnjen): Predlog ni dobil večine." in text


def test_minutes_pdf_says_navzoca_of_one_woman_and_navzoce_of_three(client, member, members, held):
    ana, _bor, _cene, dana, eva, _fran = members
    record(held, {ana: "present"})
    client.force_login(member)
    assert "Navzoča: Ana Cerar" in pdf_text(client.get(url("minutes_pdf", held)))
    record(held, {dana: "present", eva: "present"})
    text = pdf_text(client.get(url("minutes_pdf", held)))
    assert "Navzoče: Ana Cerar, Dana Šola, Eva Zupan" in text


@pytest.mark.parametrize(
    ("gender", "title"), [(WOMAN, "predsednica"), (MAN, "predsednik")]
)  # fmt: skip
def test_invitation_pdf_signs_with_the_chairs_title_in_their_gender(
    client, member, mandate, city, gender, title
):
    seat(mandate, city, "Kim", "Mlakar", gender, role=Membership.Role.CHAIR)
    session = make_session(mandate, 2)
    client.force_login(member)
    text = pdf_text(client.get(url("invitation_pdf", session)))
    assert f"Kim Mlakar {title} varnostnega sosveta" in text


def test_invitation_without_a_time_says_the_time_is_still_to_be_set(
    client, secretary, members, mandate
):
    session = make_session(mandate, 2, time=None, place="")
    client.force_login(secretary)
    text = pdf_text(client.get(url("invitation_pdf", session)))
    assert "Ura: še ni določena" in text
    assert "Kraj: še ni določen" in text

    client.post(url("session_convene", session), {"confirmed": "1"})
    assert mail.outbox
    for message in mail.outbox:
        assert "\nUra: še ni določena\n" in message.body
        assert "\nKraj: še ni določen\n" in message.body


def test_when_and_where_read_without_a_space_before_the_comma(client, member, members, mandate):
    make_session(mandate, 2, days_ahead=7, time=datetime.time(10, 0), place="sejna soba")
    client.force_login(member)
    page = page_text(client.get(reverse("dashboard", kwargs={"council": "ptuj"})))
    assert re.search(r"2\. seja – \d{1,2}\. \d{1,2}\. \d{4} ob 10\.00, sejna soba", page)
    assert " ," not in page
