"""Create, edit and end pages: only the secretary may use them, and bad input loses nothing."""

import datetime

import pytest
from django.urls import reverse

from members.models import Mandate, Membership, Organization, Person
from tests.conftest import make_seat

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"members:{name}", kwargs={"council": "ptuj", **kwargs})


@pytest.fixture
def edit_urls(mandate, chief, police):
    seat = make_seat(mandate, chief, police)
    return [
        url("organization_create"),
        url("organization_edit", pk=police.pk),
        url("person_create"),
        url("person_edit", pk=chief.pk),
        url("mandate_create"),
        url("mandate_edit", pk=mandate.pk),
        url("membership_create", mandate=mandate.pk),
        url("membership_edit", pk=seat.pk),
        url("membership_end", pk=seat.pk),
    ]


def test_anonymous_visitor_is_sent_to_log_in(client, edit_urls):
    for address in edit_urls:
        response = client.get(address)
        assert response.status_code == 302, address
        assert response.url.startswith(reverse("login")), address


@pytest.mark.parametrize("persona", ["member", "mayors_office"])
def test_member_and_mayors_office_cannot_edit(client, request, persona, edit_urls):
    client.force_login(request.getfixturevalue(persona))
    for address in edit_urls:
        assert client.get(address).status_code == 403, address
        assert client.post(address, {"name": "X"}).status_code == 403, address


def test_user_of_another_council_gets_404(client, outsider, edit_urls):
    client.force_login(outsider)
    for address in edit_urls:
        assert client.get(address).status_code == 404, address


def test_secretary_opens_every_edit_page(client, secretary, edit_urls):
    client.force_login(secretary)
    for address in edit_urls:
        assert client.get(address).status_code == 200, address


def test_person_list_with_contacts_is_for_the_secretary_only(client, member, secretary, chief):
    client.force_login(member)
    assert client.get(url("person_list")).status_code == 403
    client.force_login(secretary)
    assert "LUBEJ" in client.get(url("person_list")).content.decode()


def test_secretary_adds_an_organization(client, secretary, council):
    client.force_login(secretary)
    response = client.post(url("organization_create"), {"name": "CID Ptuj", "short_name": "CID"})
    assert response.status_code == 302
    assert council.organizations.get().name == "CID Ptuj"


def test_duplicate_organization_name_is_refused_with_a_message(client, secretary, police):
    client.force_login(secretary)
    response = client.post(
        url("organization_create"), {"name": police.name, "short_name": "Dvojnik"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sosvet že ima organizacijo s tem imenom." in page
    assert 'value="Dvojnik"' in page
    assert Organization.objects.count() == 1


def test_same_organization_name_is_fine_in_another_council(client, outsider, police):
    client.force_login(outsider)
    response = client.post(
        reverse("members:organization_create", kwargs={"council": "ormoz"}), {"name": police.name}
    )
    assert response.status_code == 302
    assert Organization.objects.filter(name=police.name).count() == 2


def test_secretary_adds_a_person(client, secretary, council):
    client.force_login(secretary)
    response = client.post(
        url("person_create"),
        {"first_name": "Primož", "last_name": "KOROŠAK", "gender": "m", "email": "p@ptuj.si"},
    )
    assert response.status_code == 302
    assert council.people.get().full_name == "Primož KOROŠAK"


def test_person_without_a_last_name_keeps_what_was_typed(client, secretary):
    client.force_login(secretary)
    response = client.post(url("person_create"), {"first_name": "Primož", "gender": "m"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "To polje je obvezno." in page
    assert 'value="Primož"' in page
    assert not Person.objects.exists()


def test_mandate_ending_before_it_starts_is_refused(client, secretary, council):
    client.force_login(secretary)
    response = client.post(
        url("mandate_create"), {"starts_on": "2026-12-01", "ends_on": "2022-01-01"}
    )
    assert "Mandat se mora končati po začetku." in response.content.decode()
    assert 'value="2026-12-01"' in response.content.decode()
    assert not Mandate.objects.exists()


def test_nonsense_date_gets_a_slovenian_message(client, secretary):
    client.force_login(secretary)
    response = client.post(url("mandate_create"), {"starts_on": "31. 2. 2026", "ends_on": "x"})
    assert response.status_code == 200
    assert "Vnesite veljaven datum." in response.content.decode()


def test_secretary_adds_a_membership(client, secretary, mandate, chief, police):
    client.force_login(secretary)
    response = client.post(
        url("membership_create", mandate=mandate.pk),
        {
            "person": chief.pk,
            "organization": police.pk,
            "role": "member",
            "function_title": "načelnik PP Ptuj",
            "starts_on": mandate.starts_on.isoformat(),
        },
    )
    assert response.status_code == 302
    seat = Membership.objects.get()
    assert (seat.mandate, seat.person, seat.function_title) == (mandate, chief, "načelnik PP Ptuj")


def test_membership_outside_the_mandate_is_refused(client, secretary, mandate, chief, police):
    client.force_login(secretary)
    too_early = mandate.starts_on - datetime.timedelta(days=1)
    response = client.post(
        url("membership_create", mandate=mandate.pk),
        {"person": chief.pk, "organization": police.pk, "role": "member", "starts_on": too_early},
    )
    assert "Članstvo se mora začeti v času mandata" in response.content.decode()
    assert not Membership.objects.exists()


def test_membership_cannot_name_another_councils_person(
    client, secretary, mandate, police, other_council
):
    stranger = Person.objects.create(
        council=other_council, first_name="T", last_name="O", gender="m"
    )
    client.force_login(secretary)
    response = client.post(
        url("membership_create", mandate=mandate.pk),
        {
            "person": stranger.pk,
            "organization": police.pk,
            "role": "member",
            "starts_on": mandate.starts_on,
        },
    )
    assert response.status_code == 200
    assert "Izberite veljavno možnost." in response.content.decode()
    assert not Membership.objects.exists()


def test_ending_a_membership_asks_first_and_ends_it_once_confirmed(
    client, secretary, mandate, chief, police
):
    seat = make_seat(mandate, chief, police)
    last_day = mandate.starts_on + datetime.timedelta(days=90)
    client.force_login(secretary)
    address = url("membership_end", pk=seat.pk)
    form = {"ends_on": last_day.isoformat(), "seen_version": 0}

    question = client.post(address, form)

    page = question.content.decode()
    shown_day = f"{last_day.day}. {last_day.month}. {last_day.year}"
    seat_ends = "Sedež, ki ga zaseda mag. Aleksander LUBEJ (Policijska postaja Ptuj), se konča"
    assert f"{seat_ends} {shown_day}." in page
    assert "ostane v evidenci" in page
    assert 'name="confirmed" value="1"' in page
    seat.refresh_from_db()
    assert seat.ends_on is None  # nothing happens before the answer

    response = client.post(address, {**form, "confirmed": "1"})
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.ends_on == last_day
    assert Membership.objects.filter(pk=seat.pk).exists()  # ended, not deleted


def test_ending_a_membership_needs_a_date(client, secretary, mandate, chief, police):
    seat = make_seat(mandate, chief, police)
    client.force_login(secretary)
    response = client.post(url("membership_end", pk=seat.pk), {"ends_on": "", "confirmed": "1"})
    assert "To polje je obvezno." in response.content.decode()
    seat.refresh_from_db()
    assert seat.ends_on is None


def test_ending_a_membership_before_it_began_is_refused(client, secretary, mandate, chief, police):
    seat = make_seat(
        mandate, chief, police, starts_on=mandate.starts_on + datetime.timedelta(days=30)
    )
    client.force_login(secretary)
    response = client.post(
        url("membership_end", pk=seat.pk),
        {"ends_on": mandate.starts_on.isoformat(), "seen_version": 0},
    )
    assert response.status_code == 200
    assert "Članstvo se ne more končati pred začetkom." in response.content.decode()
    seat.refresh_from_db()
    assert seat.ends_on is None
