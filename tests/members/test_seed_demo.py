"""``seed_demo`` loads the Ptuj council from the seed document, and can be run again safely."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from members.models import Council, CouncilAccess, Mandate, Membership, Organization, Person
from tests.conftest import log_in, seed_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def debug_mode(settings):
    """Demo users are for local use, where debug is on; Django's test runner turns it off."""
    settings.DEBUG = True


def snapshot():
    return {
        "councils": list(Council.objects.values_list("slug", "name", "email", "founded_year")),
        "mandates": list(Mandate.objects.values_list("label", "starts_on", "ends_on")),
        "organizations": sorted(Organization.objects.values_list("name", flat=True)),
        "people": sorted(Person.objects.values_list("honorific", "first_name", "last_name")),
        "seats": sorted(
            Membership.objects.values_list("organization__name", "person__last_name", "role")
        ),
    }


def test_seed_demo_twice_gives_the_same_data(django_user_model):
    call_command("seed_demo", verbosity=0)
    first = snapshot()
    call_command("seed_demo", verbosity=0)
    assert snapshot() == first
    assert django_user_model.objects.count() == 5


def test_seed_demo_loads_what_the_seed_names():
    call_command("seed_demo", "--without-users", verbosity=0)
    data = snapshot()
    assert data["councils"] == [
        ("ptuj", "Varnostni sosvet Mestne občine Ptuj", "varnostni.sosvet@ptuj.si", 2003)
    ]
    assert [label for label, *_ in data["mandates"]] == ["2022 – 2026"]
    assert ("mag.", "Aleksander", "LUBEJ") in data["people"]
    assert ("Mestna občina Ptuj", "Gajšek", "chair") in data["seats"]
    assert "CSD Spodnje Podravje" in data["organizations"]
    assert len(data["people"]) == 3


def test_demo_users_log_in_with_the_published_password(client):
    call_command("seed_demo", verbosity=0)
    for username in ("tajnik", "clan", "kabinet"):
        assert log_in(client, username, "sosvet-demo"), username
    log_in(client, "clan", "sosvet-demo")
    page = client.get(reverse("members:roster", kwargs={"council": "ptuj"})).content.decode()
    assert "Nuška Gajšek" in page
    assert "predsednica" in page


def test_seed_demo_refuses_demo_users_when_debug_is_off(settings, django_user_model):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="not created when debug is off"):
        call_command("seed_demo", verbosity=0)
    assert not django_user_model.objects.exists()
    call_command("seed_demo", "--without-users", verbosity=0)
    assert Council.objects.filter(slug="ptuj").exists()
    assert not django_user_model.objects.exists()


def test_every_demo_person_has_an_address_in_a_reserved_example_domain():
    call_command("seed_demo", verbosity=0)
    addresses = list(Person.objects.values_list("email", flat=True))
    assert len(addresses) == 6  # three in Ptuj, three in the invented second council
    assert all(address.endswith(".example") for address in addresses), addresses
    assert "aleksander.lubej@ptuj.example" in addresses
    logins = get_user_model().objects.values_list("username", "email")
    assert all(email.endswith(".example") for _username, email in logins)


def test_demo_logins_show_isolation_between_the_two_councils(client):
    """The demo's two councils: Ptuj's logins do not see the second one, and the login that is
    a member in Ptuj and the secretary of Vzorčje has in each exactly its role's rights."""
    seed_demo()  # with the second factor the secretaries set up at their first sign-in
    second = Council.objects.get(slug="vzorcje")
    roles = dict(
        CouncilAccess.objects.filter(user__username="dvojna").values_list("council__slug", "role")
    )
    assert roles == {"ptuj": "member", "vzorcje": "secretary"}
    assert second.accesses.get(user__username="tajnica-vzorcje").role == "secretary"

    log_in(client, "tajnik", "sosvet-demo")
    assert client.get(reverse("dashboard", kwargs={"council": "vzorcje"})).status_code == 404
    log_in(client, "dvojna", "sosvet-demo")
    new_session = "meetings:session_create"
    assert client.get(reverse(new_session, kwargs={"council": "ptuj"})).status_code == 403
    assert client.get(reverse(new_session, kwargs={"council": "vzorcje"})).status_code == 200
