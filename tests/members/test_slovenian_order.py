"""Lists sort as a Slovenian reader expects (c < č < d, s < š < t, z < ž), on SQLite and on
PostgreSQL alike: run this file with DATABASE_URL set to see the second."""

import pytest
from django.urls import reverse

from members.collation import slovenian_key
from members.models import CouncilAccess, Organization, Person
from members.roles import MEMBER
from tests.conftest import make_council, make_seat

pytestmark = pytest.mark.django_db

SURNAMES = ["Čeh", "Cerar", "Šola", "Sever", "Žagar", "Zupan"]
IN_SLOVENIAN_ORDER = ["Cerar", "Čeh", "Sever", "Šola", "Zupan", "Žagar"]

ORGANIZATIONS = ["Zavod za šport", "Četrtna skupnost Breg", "CSD Spodnje Podravje", "Šolski center"]
ORGANIZATIONS_IN_ORDER = [
    "CSD Spodnje Podravje",
    "Četrtna skupnost Breg",
    "Šolski center",
    "Zavod za šport",
]


def people(council, surnames=SURNAMES):
    return [
        Person.objects.create(council=council, first_name="Ana", last_name=name, gender="f")
        for name in surnames
    ]


def order_on_page(page, names):
    """The names as the page shows them, top to bottom."""
    missing = [name for name in names if name not in page]
    assert missing == []
    return sorted(names, key=page.index)


def get(client, user, name, **kwargs):
    client.force_login(user)
    response = client.get(reverse(name, kwargs={"council": "ptuj", **kwargs}))
    assert response.status_code == 200
    return response.content.decode()


def test_people_list_is_in_slovenian_order(client, secretary, council):
    people(council)
    page = get(client, secretary, "members:person_list")
    assert order_on_page(page, SURNAMES) == IN_SLOVENIAN_ORDER


def test_roster_lists_an_organizations_seats_in_slovenian_order(client, member, mandate):
    communities = Organization.objects.create(council=mandate.council, name="Četrtne skupnosti")
    for person in people(mandate.council):
        make_seat(mandate, person, communities)
    page = get(client, member, "members:roster")
    assert order_on_page(page, SURNAMES) == IN_SLOVENIAN_ORDER


def test_roster_and_organization_list_put_organizations_in_slovenian_order(
    client, secretary, mandate
):
    person = Person.objects.create(council=mandate.council, first_name="Ana", last_name="Kos")
    for name in ORGANIZATIONS:
        organization = Organization.objects.create(council=mandate.council, name=name)
        make_seat(mandate, person if name == ORGANIZATIONS[0] else None, organization)
    assert order_on_page(get(client, secretary, "members:roster"), ORGANIZATIONS) == (
        ORGANIZATIONS_IN_ORDER
    )
    organization_list = get(client, secretary, "members:organization_list")
    assert order_on_page(organization_list, ORGANIZATIONS) == ORGANIZATIONS_IN_ORDER


def test_membership_form_offers_people_and_organizations_in_slovenian_order(
    client, secretary, mandate
):
    people(mandate.council)
    for name in ORGANIZATIONS:
        Organization.objects.create(council=mandate.council, name=name)
    page = get(client, secretary, "members:membership_create", mandate=mandate.pk)
    assert order_on_page(page, SURNAMES) == IN_SLOVENIAN_ORDER
    assert order_on_page(page, ORGANIZATIONS) == ORGANIZATIONS_IN_ORDER


def test_access_page_lists_people_in_slovenian_order(client, secretary, council):
    people(council)
    page = get(client, secretary, "members:access_list")
    assert order_on_page(page, SURNAMES) == IN_SLOVENIAN_ORDER


def test_council_picker_lists_councils_in_slovenian_order(client, django_user_model):
    names = ["Sosvet Žalec", "Sosvet Črnomelj", "Sosvet Cerknica", "Sosvet Šentjur"]
    user = django_user_model.objects.create_user(username="nadzornik", password="x" * 12)
    for number, name in enumerate(names):
        council = make_council(slug=f"sosvet-{number}", name=name)
        CouncilAccess.objects.create(council=council, user=user, role=MEMBER)
    client.force_login(user)
    page = client.get(reverse("home")).content.decode()
    assert order_on_page(page, names) == [
        "Sosvet Cerknica",
        "Sosvet Črnomelj",
        "Sosvet Šentjur",
        "Sosvet Žalec",
    ]


def test_the_database_sorts_as_python_does(council):
    """The database's order (ICU on PostgreSQL, the portal's own collation on SQLite) and
    slovenian_key agree, also on the letters of neighbouring languages and on accents."""
    surnames = [*SURNAMES, "Ćosić", "Đurić", "Dolenc", "Čuk", "Cvetko", "Émile", "Erjavec", "Eder"]
    people(council, surnames)
    in_the_database = list(council.people.values_list("last_name", flat=True))
    assert in_the_database == sorted(surnames, key=slovenian_key)
    assert in_the_database[:6] == ["Cerar", "Cvetko", "Čeh", "Čuk", "Ćosić", "Dolenc"]


def test_person_form_offers_logins_in_slovenian_order(
    client, secretary, council, django_user_model
):
    logins = ["žan", "cvetka", "čebela", "zala"]
    for username in logins:
        user = django_user_model.objects.create_user(username=username, password="x" * 12)
        CouncilAccess.objects.create(council=council, user=user, role=MEMBER)
    page = get(client, secretary, "members:person_create")
    assert order_on_page(page, [f">{login}<" for login in logins]) == [
        ">cvetka<",
        ">čebela<",
        ">zala<",
        ">žan<",
    ]
