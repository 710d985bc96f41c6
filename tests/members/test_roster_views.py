"""The roster and mandate pages, as each persona sees them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html

from members.models import Council, Organization, Person
from members.roster import seat_links
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


def test_roster_lists_a_seat_that_starts_later_apart_and_does_not_count_it(
    client, member, mandate, police, council, chief
):
    make_seat(mandate, chief, police)
    newcomer = Person.objects.create(
        council=council, first_name="Nova", last_name="Članica", gender="f"
    )
    later = timezone.localdate() + datetime.timedelta(days=10)
    make_seat(mandate, newcomer, police, starts_on=later, function_title="vodja izmene")
    client.force_login(member)
    page = client.get(roster_url(council)).content.decode()
    assert "1 član," in page
    current, future = page.split("Pridružijo se pozneje")
    assert "mag. Aleksander LUBEJ</strong>, član" in current and "Nova" not in current
    assert "<strong>Nova Članica</strong>, članica, vodja izmene" in future


def test_secretarys_links_of_a_seat_are_its_pages(client, secretary, mandate, chief, police):
    ended = make_seat(mandate, chief, police, ends_on=timezone.localdate())
    client.force_login(secretary)
    page = client.get(roster_url(mandate.council)).content.decode()
    label = f'<span class="visually-hidden"> {ended}</span>'
    for name in ("members:membership_edit", "members:membership_end"):
        address = reverse(name, kwargs={"council": "ptuj", "pk": ended.pk})
        # An ended seat is not offered to be ended again.
        assert (f'href="{address}">' in page) == (name == "members:membership_edit")
    history = reverse("history", kwargs={"council": "ptuj", "kind": "clanstvo", "pk": ended.pk})
    assert f'href="{history}">Zgodovina{label}</a>' in page


@pytest.mark.parametrize("slug", ["ptuj", "sosvet-999999999", "1"])
def test_seat_addresses_are_what_reverse_gives(slug):
    links = seat_links(Council(slug=slug))
    for kind, name in (("edit", "membership_edit"), ("end", "membership_end")):
        expected = reverse(f"members:{name}", kwargs={"council": slug, "pk": 9})
        assert links[kind](9) == expected
    expected = reverse("history", kwargs={"council": slug, "kind": "clanstvo", "pk": 1234})
    assert links["history"](1234) == expected


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
    # session, user with the role in the council (with the council, and whether a second
    # factor is needed) in one statement, current mandate, seats
    with django_assert_num_queries(4):
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
    with django_assert_num_queries(6):
        page = client.get(roster_url(mandate.council)).content.decode()
    assert page.count(">Uredi<") == seats  # each seat's edit link, asked once for all


def test_the_council_tabs_mark_the_roster_as_the_page_open(client, member, mandate):
    client.force_login(member)
    page = html.fromstring(client.get(roster_url(mandate.council)).content)
    tabs = page.xpath("//nav[@aria-label='Sosvet']//a")
    current = [tab.text for tab in tabs if tab.get("aria-current") == "page"]
    assert current == ["Člani"]
    assert [tab.text for tab in tabs if "active" in tab.get("class")] == ["Člani"]
    assert "Pregled" in [tab.text for tab in tabs]
