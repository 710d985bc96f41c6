"""The next mandate begins with the seats of the last day of the previous one ("Nov mandat")."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from members.models import Mandate, Membership, Organization, Person
from members.rollover import Seat, mandate_roll_over
from tests.conftest import make_seat

pytestmark = pytest.mark.django_db

D = datetime.date


def url(name, **kwargs):
    return reverse(f"members:{name}", kwargs={"council": "ptuj", **kwargs})


def person(council, first_name, last_name, gender=Person.Gender.MALE):
    return Person.objects.create(
        council=council, first_name=first_name, last_name=last_name, gender=gender
    )


@pytest.fixture
def ptuj(council):
    """The 2022 – 2026 mandate with a chair, a member, the secretary, a vacant seat and a seat
    whose holder was replaced during the term."""
    mandate = Mandate.objects.create(
        council=council, starts_on=D(2022, 12, 1), ends_on=D(2026, 11, 30)
    )
    org = {
        name: Organization.objects.create(council=council, name=name)
        for name in ("Mestna občina Ptuj", "Policijska postaja Ptuj", "Mestna uprava",
                     "CSD Spodnje Podravje", "Medobčinsko redarstvo")
    }  # fmt: skip
    mayor = person(council, "Nuška", "Gajšek", Person.Gender.FEMALE)
    make_seat(mandate, mayor, org["Mestna občina Ptuj"], role=Membership.Role.CHAIR,
              function_title="županja Mestne občine Ptuj")  # fmt: skip
    make_seat(mandate, person(council, "Aleksander", "LUBEJ"), org["Policijska postaja Ptuj"],
              function_title="načelnik PP Ptuj")  # fmt: skip
    make_seat(mandate, person(council, "Primož", "KOROŠAK"), org["Mestna uprava"],
              role=Membership.Role.SECRETARY)  # fmt: skip
    make_seat(mandate, None, org["CSD Spodnje Podravje"])
    make_seat(mandate, person(council, "Prejšnji", "Redar"), org["Medobčinsko redarstvo"],
              ends_on=D(2024, 5, 31))  # fmt: skip
    make_seat(mandate, person(council, "Sedanja", "Redarka", Person.Gender.FEMALE),
              org["Medobčinsko redarstvo"], starts_on=D(2024, 6, 1))  # fmt: skip
    return mandate


def submitted(page, *, mandate=None, rows=None, drop=()):
    """What the secretary posts after looking at the page: the suggested values, with
    ``mandate`` (field: value) and ``rows`` ({row: {field: value}}) changed, rows in ``drop``
    left out."""
    context = page.context
    data = {name: context["form"][name].value() or "" for name in ("label", "starts_on", "ends_on")}
    data = {name: str(value) for name, value in data.items()}
    data.update(mandate or {})
    seat_forms = context["seat_forms"]
    data["seats-TOTAL_FORMS"] = str(len(seat_forms.forms))
    data["seats-INITIAL_FORMS"] = str(len(seat_forms.forms))
    for index, initial in enumerate(seat_forms.initial):
        row = {
            "organization": initial["organization"].pk,
            "person": initial["person"].pk if initial["person"] else "",
            "role": initial["role"],
            "function_title": initial["function_title"],
        }
        row.update((rows or {}).get(index, {}))
        if index in drop:
            row["DELETE"] = "on"
        data.update({f"seats-{index}-{name}": value for name, value in row.items()})
    return data


def row_of(page, last_name):
    """The index of the suggested row held by the person of that last name."""
    for index, initial in enumerate(page.context["seat_forms"].initial):
        if initial["person"] and initial["person"].last_name == last_name:
            return index
    raise AssertionError(last_name)


def new_mandate_seats():
    mandate = Mandate.objects.get(starts_on=D(2026, 12, 1))
    return {
        seat.organization.name: seat
        for seat in mandate.memberships.select_related("person", "organization")
    }


def test_page_suggests_the_next_term_and_the_seats_of_the_last_day(client, secretary, ptuj):
    client.force_login(secretary)
    page = client.get(url("mandate_rollover"))
    text = page.content.decode()
    assert "Sledi mandatu 2022 – 2026 (1. 12. 2022 – 30. 11. 2026)." in text
    assert 'value="2026-12-01"' in text and 'value="2030-11-30"' in text
    rows = page.context["seat_forms"].initial
    holders = {str(row["person"]) if row["person"] else None for row in rows}
    # The replaced holder is not suggested, the one in the seat on the last day is.
    assert holders == {
        "Nuška Gajšek",
        "Aleksander LUBEJ",
        "Primož KOROŠAK",
        None,
        "Sedanja Redarka",
    }
    assert "predstavnik ni imenovan (prazen sedež)" in text


def test_confirming_carries_every_seat_as_it_was(client, secretary, ptuj):
    client.force_login(secretary)
    page = client.get(url("mandate_rollover"))
    response = client.post(url("mandate_rollover"), submitted(page), follow=True)
    new = Mandate.objects.get(starts_on=D(2026, 12, 1))
    assert response.redirect_chain[-1][0] == new.get_absolute_url()
    assert (new.label, new.ends_on) == ("2026 – 2030", D(2030, 11, 30))
    assert "Mandat 2026 – 2030 je vnesen; prenesenih je 5 sedežev." in response.content.decode()
    seats = new_mandate_seats()
    chair = seats["Mestna občina Ptuj"]
    assert (str(chair.person), chair.role, chair.function_title) == (
        "Nuška Gajšek", Membership.Role.CHAIR, "županja Mestne občine Ptuj")  # fmt: skip
    assert seats["Policijska postaja Ptuj"].function_title == "načelnik PP Ptuj"
    assert seats["Mestna uprava"].role == Membership.Role.SECRETARY
    assert seats["CSD Spodnje Podravje"].person is None  # vacant stays vacant
    assert str(seats["Medobčinsko redarstvo"].person) == "Sedanja Redarka"
    assert {(s.starts_on, s.ends_on) for s in seats.values()} == {(D(2026, 12, 1), None)}
    # The previous mandate keeps its seats as they were.
    assert ptuj.memberships.count() == 6


def test_changed_emptied_and_dropped_rows_are_honoured(client, secretary, ptuj, council):
    newcomer = person(council, "Nova", "Načelnica", Person.Gender.FEMALE)
    client.force_login(secretary)
    page = client.get(url("mandate_rollover"))
    changes = {
        row_of(page, "LUBEJ"): {"person": newcomer.pk, "function_title": "načelnica PP Ptuj"},
        row_of(page, "Redarka"): {"person": ""},
    }
    data = submitted(page, rows=changes, drop=[row_of(page, "KOROŠAK")])
    assert client.post(url("mandate_rollover"), data).status_code == 302
    seats = new_mandate_seats()
    assert "Mestna uprava" not in seats
    police = seats["Policijska postaja Ptuj"]
    assert (police.person, police.function_title) == (newcomer, "načelnica PP Ptuj")
    assert seats["Medobčinsko redarstvo"].person is None
    assert len(seats) == 4


def test_overlapping_mandate_is_refused_and_nothing_is_saved(client, secretary, ptuj):
    client.force_login(secretary)
    page = client.get(url("mandate_rollover"))
    data = submitted(page, mandate={"starts_on": "2026-06-01", "label": "Prekrivni"})
    response = client.post(url("mandate_rollover"), data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Ta mandat se prekriva z mandatom 2022 – 2026 (1. 12. 2022 – 30. 11. 2026)." in text
    assert 'value="Prekrivni"' in text
    assert Mandate.objects.count() == 1
    assert Membership.objects.count() == 6


def test_bad_rows_keep_what_was_typed_and_save_nothing(client, secretary, ptuj):
    client.force_login(secretary)
    page = client.get(url("mandate_rollover"))
    mayor = Person.objects.get(last_name="Gajšek")
    changes = {
        row_of(page, "LUBEJ"): {"person": mayor.pk, "function_title": "vtipkana funkcija"},
        row_of(page, "KOROŠAK"): {"role": Membership.Role.CHAIR},
    }
    data = submitted(page, mandate={"label": "Mandat 2026–2030"}, rows=changes)
    response = client.post(url("mandate_rollover"), data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Popravite napake spodaj." in text
    assert "Ta oseba je že navedena na drugem sedežu." in text
    assert "Predsednik sosveta je lahko samo eden." in text
    assert 'value="Mandat 2026–2030"' in text and 'value="vtipkana funkcija"' in text
    assert Mandate.objects.count() == 1


def test_impossible_dates_are_refused_in_slovenian(client, secretary, ptuj):
    client.force_login(secretary)
    page = client.get(url("mandate_rollover"))
    data = submitted(page, mandate={"ends_on": "2026-12-01", "starts_on": "ni-datum"})
    response = client.post(url("mandate_rollover"), data)
    assert response.status_code == 200
    assert "Vnesite veljaven datum." in response.content.decode()
    assert Mandate.objects.count() == 1


def test_a_refused_seat_undoes_the_whole_roll_over(council, ptuj):
    """Written after the page's checks, the model's still hold: the mandate is not left behind."""
    chief = Person.objects.get(last_name="LUBEJ")
    police = Organization.objects.get(name="Policijska postaja Ptuj")
    seats = [Seat(organization=police, role=Membership.Role.MEMBER, person=chief)] * 2
    with pytest.raises(ValidationError):
        mandate_roll_over(council, label="", starts_on=D(2026, 12, 1), ends_on=D(2030, 11, 30),
                          seats=seats)  # fmt: skip
    assert Mandate.objects.count() == 1
    assert Membership.objects.count() == 6


@pytest.mark.parametrize("persona", ["member", "mayors_office"])
def test_member_and_mayors_office_may_not_roll_over(client, request, persona, ptuj):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url("mandate_rollover")).status_code == 403
    assert client.post(url("mandate_rollover"), {"label": "X"}).status_code == 403
    assert Mandate.objects.count() == 1


def test_council_without_a_mandate_enters_its_first_one_on_the_plain_form(client, secretary):
    client.force_login(secretary)
    response = client.get(url("mandate_rollover"))
    assert response.url == url("mandate_create")


def test_mandate_list_leads_to_the_roll_over_once_there_is_a_mandate(client, secretary, council):
    client.force_login(secretary)
    assert url("mandate_create") in client.get(url("mandate_list")).content.decode()
    Mandate.objects.create(council=council, starts_on=D(2022, 12, 1), ends_on=D(2026, 11, 30))
    text = client.get(url("mandate_list")).content.decode()
    assert url("mandate_rollover") in text and url("mandate_create") not in text


def test_new_mandate_page_offers_to_plan_the_constitutive_session(client, secretary, ptuj):
    client.force_login(secretary)
    page = client.get(url("mandate_rollover"))
    response = client.post(url("mandate_rollover"), submitted(page), follow=True)
    new = Mandate.objects.get(starts_on=D(2026, 12, 1))
    text = response.content.decode()
    assert "Mandat 2026 – 2030 še nima nobene seje; njegove seje se številčijo od 1 dalje." in text
    link = reverse("meetings:session_create", kwargs={"council": "ptuj"}) + f"?mandat={new.pk}"
    assert f'href="{link}"' in text
    assert "Načrtuj konstitutivno sejo" in text
