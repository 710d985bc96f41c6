"""The history pages say what changed in the words of the pages: field names, people's and
organizations' names instead of numbers, dates in Slovenian form, choice labels, Da/Ne."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse

from members.models import Organization, Person
from tests.conftest import make_seat
from tests.meetings.factories import make_items, make_session, seat_member

pytestmark = pytest.mark.django_db

CONFIRMED = {"confirmed": "1"}


def history_url(kind, obj):
    return reverse("history", kwargs={"council": "ptuj", "kind": kind, "pk": obj.pk})


def changes_read(page):
    """The listed changes as a reader sees them: "Field: old → new", tags left out."""
    items = re.findall(r"<li>(.*?)</li>", page.content.decode(), re.S)
    return [" ".join(unescape(re.sub(r"<[^>]+>", "", item)).split()) for item in items]


def edit_item(client, item, **changes):
    form = {
        "title": item.title,
        "description": item.description,
        "presenter_person": item.presenter_person_id or "",
        "presenter_organization": item.presenter_organization_id or "",
        "presenter_text": item.presenter_text,
        "seen_version": item.lock_version,
    }
    address = reverse("meetings:item_edit", kwargs={"council": "ptuj", "pk": item.pk})
    response = client.post(address, {**form, **changes})
    assert response.status_code == 302
    item.refresh_from_db()


def test_convening_reads_as_the_status_labels(client, secretary, mandate, police):
    session = make_session(mandate, 2)
    make_items(session, "Aktualna varnostna problematika")
    seat_member(mandate, police, "Ana")
    client.force_login(secretary)
    convene = reverse("meetings:session_convene", kwargs={"council": "ptuj", "pk": session.pk})
    client.post(convene, CONFIRMED)

    changes = changes_read(client.get(history_url("seja", session)))

    assert "Stanje: načrtovana → sklicana" in changes


def test_a_new_presenter_is_named_not_numbered(client, secretary, mandate, police, chief):
    (item,) = make_items(make_session(mandate, 2), "Varnost v prometu")
    other = Person.objects.create(
        council=mandate.council, first_name="Nina", last_name="Kovač", gender=Person.Gender.FEMALE
    )
    client.force_login(secretary)
    edit_item(client, item, presenter_person=chief.pk, presenter_organization=police.pk)
    edit_item(client, item, presenter_person=other.pk)

    changes = changes_read(client.get(history_url("tocka", item)))

    assert "Poroča (član): mag. Aleksander LUBEJ → Nina Kovač" in changes
    assert "Poroča (član): — → mag. Aleksander LUBEJ" in changes
    assert "Poroča (organizacija): — → Policijska postaja Ptuj" in changes
    assert not any(re.search(rf"\b{chief.pk}\b.*→|→ {other.pk}\b", line) for line in changes)


def test_dates_and_times_read_in_slovenian_form(client, secretary, mandate):
    session = make_session(mandate, 2, date=datetime.date(2027, 4, 7), time=datetime.time(17, 0))
    session.date = datetime.date(2027, 4, 14)
    session.time = datetime.time(10, 30)
    session.save()
    later = make_session(mandate, 3, date=None, planned_month=datetime.date(2027, 9, 1))
    later.planned_month = datetime.date(2027, 10, 1)
    later.save()
    client.force_login(secretary)

    moved = changes_read(client.get(history_url("seja", session)))
    planned = changes_read(client.get(history_url("seja", later)))

    assert "Datum: 7. 4. 2027 → 14. 4. 2027" in moved
    assert "Ura: 17.00 → 10.30" in moved
    assert "Načrtovani mesec: september 2027 → oktober 2027" in planned


def test_a_withdrawn_item_reads_da_and_ne(client, secretary, mandate, police):
    session = make_session(mandate, 2)
    item, _other = make_items(session, "Umaknjena točka", "Ostane")
    seat_member(mandate, police, "Ana")
    client.force_login(secretary)
    client.post(reverse("meetings:session_convene", kwargs={"council": "ptuj", "pk": session.pk}),
                CONFIRMED)  # fmt: skip
    withdraw = reverse("meetings:item_withdraw", kwargs={"council": "ptuj", "pk": item.pk})
    client.post(withdraw, CONFIRMED)

    changes = changes_read(client.get(history_url("tocka", item)))

    assert "Umaknjena: Ne → Da" in changes


def test_a_seat_given_to_another_person_names_both(client, secretary, mandate, police, chief):
    seat = make_seat(mandate, chief, police, role="member")
    successor = Person.objects.create(
        council=mandate.council, first_name="Marko", last_name="Novak", gender=Person.Gender.MALE
    )
    seat.person = successor
    seat.role = "chair"
    seat.save()
    client.force_login(secretary)

    changes = changes_read(client.get(history_url("clanstvo", seat)))

    assert "Oseba: mag. Aleksander LUBEJ → Marko Novak" in changes
    assert "Vloga: član → predsednik" in changes


@pytest.mark.parametrize("edits", [1, 10])
def test_history_page_costs_the_same_queries_however_long_the_history(
    client, secretary, mandate, police, chief, edits, django_assert_num_queries
):
    (item,) = make_items(make_session(mandate, 2), "Točka")
    people = [
        Person.objects.create(council=mandate.council, first_name=f"Oseba{n}", last_name="Ena",
                              gender=Person.Gender.FEMALE)
        for n in range(edits)
    ]  # fmt: skip
    client.force_login(secretary)
    for person in people:
        edit_item(client, item, presenter_person=person.pk, presenter_organization=police.pk)
    address = history_url("tocka", item)
    # The session, the login with its role and the council, the device that verified this
    # session (django-otp); the item with its session and mandate; the history with its authors;
    # the people and the organizations the changes name, one query each.
    with django_assert_num_queries(7):
        response = client.get(address)
    assert f"Oseba{edits - 1} Ena" in response.content.decode()


def test_a_presenter_deleted_since_is_said_to_be_deleted(client, secretary, mandate, police):
    (item,) = make_items(make_session(mandate, 2), "Točka")
    guests = Organization.objects.create(council=mandate.council, name="Društvo gostov")
    client.force_login(secretary)
    edit_item(client, item, presenter_organization=guests.pk)
    number = guests.pk
    guests.delete()

    changes = changes_read(client.get(history_url("tocka", item)))

    assert f"Poroča (organizacija): — → izbrisano (št. {number})" in changes
