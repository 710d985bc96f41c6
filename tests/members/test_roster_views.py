"""The roster and mandate pages, as each persona sees them."""

import datetime

import pytest
from django.urls import reverse

from members.models import Organization, Person
from tests.conftest import make_seat

pytestmark = pytest.mark.django_db


def roster_url(council):
    return reverse("members:roster", kwargs={"council": council.slug})


def test_anonymous_visitor_is_sent_to_log_in(client, council):
    response = client.get(roster_url(council))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["member", "mayors_office", "secretary"])
def test_council_users_see_the_roster(client, request, persona, mandate, chief, police):
    make_seat(mandate, chief, police, function_title="načelnik PP Ptuj")
    client.force_login(request.getfixturevalue(persona))
    response = client.get(roster_url(mandate.council))
    assert response.status_code == 200
    page = response.content.decode()
    assert "mag. Aleksander LUBEJ" in page
    assert "načelnik PP Ptuj" in page
    assert "Policijska postaja Ptuj" in page


def test_user_of_another_council_gets_404(client, outsider, mandate):
    client.force_login(outsider)
    assert client.get(roster_url(mandate.council)).status_code == 404
    mandate_url = reverse("members:mandate", kwargs={"council": "ptuj", "pk": mandate.pk})
    assert client.get(mandate_url).status_code == 404


def test_another_councils_mandate_is_not_found_under_this_council(
    client, secretary, other_council, mandate
):
    foreign = other_council.mandates.create(
        starts_on=mandate.starts_on, ends_on=mandate.ends_on, label="tuj"
    )
    client.force_login(secretary)
    url = reverse("members:mandate", kwargs={"council": "ptuj", "pk": foreign.pk})
    assert client.get(url).status_code == 404


def test_roster_does_not_show_another_councils_members(client, member, mandate, other_council):
    foreign_mandate = other_council.mandates.create(
        starts_on=mandate.starts_on, ends_on=mandate.ends_on
    )
    foreign_org = Organization.objects.create(council=other_council, name="PP Ormož")
    stranger = Person.objects.create(
        council=other_council, first_name="Tuja", last_name="Oseba", gender="f"
    )
    make_seat(foreign_mandate, stranger, foreign_org)
    client.force_login(member)
    page = client.get(roster_url(mandate.council)).content.decode()
    assert "Tuja Oseba" not in page
    assert "PP Ormož" not in page


def test_roster_shows_who_replaced_whom(client, member, mandate, police, council):
    handover = mandate.starts_on + datetime.timedelta(days=30)
    old = Person.objects.create(
        council=council, first_name="Stari", last_name="Načelnik", gender="m"
    )
    new = Person.objects.create(
        council=council, first_name="Novi", last_name="Načelnik", gender="m"
    )
    make_seat(mandate, old, police, ends_on=handover)
    make_seat(mandate, new, police, starts_on=handover + datetime.timedelta(days=1))
    client.force_login(member)
    page = client.get(roster_url(council)).content.decode()
    current, former = page.split("Nadomeščeni v tem mandatu")
    assert "Novi Načelnik" in current and "Stari Načelnik" not in current
    assert "Stari Načelnik" in former


def test_seat_without_a_named_representative_is_shown_by_organization(
    client, member, mandate, council
):
    las = Organization.objects.create(council=council, name="LAS Ptuj")
    make_seat(mandate, None, las)
    client.force_login(member)
    page = client.get(roster_url(council)).content.decode()
    assert "LAS Ptuj" in page
    assert "predstavnik ni imenovan" in page


def test_member_sees_no_edit_links(client, member, mandate, chief, police):
    make_seat(mandate, chief, police)
    client.force_login(member)
    page = client.get(roster_url(mandate.council)).content.decode()
    assert "Dodaj članstvo" not in page
    assert "/uredi/" not in page


def test_secretary_sees_edit_links(client, secretary, mandate, chief, police):
    make_seat(mandate, chief, police)
    client.force_login(secretary)
    page = client.get(roster_url(mandate.council)).content.decode()
    assert "Dodaj članstvo" in page
    assert "/uredi/" in page


def test_council_without_a_mandate_says_so(client, secretary, council):
    client.force_login(secretary)
    page = client.get(roster_url(council)).content.decode()
    assert "Sosvet še nima mandata." in page


def _fill_roster(mandate, count):
    council = mandate.council
    for number in range(count):
        organization = Organization.objects.create(council=council, name=f"Organizacija {number}")
        person = Person.objects.create(
            council=council, first_name=f"Ime{number}", last_name="Priimek", gender="f"
        )
        make_seat(mandate, person, organization)


@pytest.mark.parametrize("seats", [2, 40])
def test_roster_query_count_does_not_grow_with_members(
    client, member, mandate, seats, django_assert_num_queries
):
    _fill_roster(mandate, seats)
    client.force_login(member)
    # session, user, the role in the council (with the council, and whether a second factor
    # is needed), current mandate, seats
    with django_assert_num_queries(5):
        response = client.get(roster_url(mandate.council))
    assert response.content.decode().count("Ime") >= seats


def test_mandate_list_counts_seats_in_slovenian(client, member, mandate, police, council):
    for number in range(3):
        person = Person.objects.create(
            council=council, first_name=f"Ime{number}", last_name="P", gender="m"
        )
        make_seat(mandate, person, police)
    client.force_login(member)
    page = client.get(reverse("members:mandate_list", kwargs={"council": council.slug}))
    assert "3 članstva" in page.content.decode()


@pytest.mark.parametrize("seats", [2, 40])
def test_roster_costs_the_secretary_two_queries_more(
    client, secretary, mandate, seats, django_assert_num_queries
):
    _fill_roster(mandate, seats)
    client.force_login(secretary)
    # As the member's, and the device that verified the session (django-otp) and whether the
    # mandate has sessions (its constitutive one is offered).
    with django_assert_num_queries(7):
        page = client.get(roster_url(mandate.council)).content.decode()
    assert page.count(">Uredi<") == seats  # each seat's edit link, asked once for all
