"""``seed_demo`` loads the Ptuj council from the seed document, and can be run again safely."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from members.models import Council, Mandate, Membership, Organization, Person
from tests.conftest import log_in

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
    assert django_user_model.objects.count() == 3


def test_seed_demo_loads_what_the_seed_names():
    call_command("seed_demo", verbosity=0)
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
