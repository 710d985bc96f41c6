"""Shared fixtures: a council with its personas (secretary, member, mayor's office, outsider).

Personas follow the roles of the portal; "outsider" is the secretary of another council, who must
never see anything of the first one.
"""

import datetime
import os

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone, translation

from members import roles
from members.models import Council, CouncilAccess, Mandate, Membership, Organization, Person

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# beside it are still synchronous, so Django's async-safety guard must stand aside.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "geslo-za-teste-123"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def slovenian_by_default():
    """Each test starts in Slovenian: a request in English leaves its language on the thread."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


def log_in(client, username, password=PASSWORD):
    """Log in through the login form, as a person would (and as the login throttle sees it)."""
    response = client.post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302


def make_council(slug="ptuj", name="Varnostni sosvet Mestne občine Ptuj"):
    return Council.objects.create(
        slug=slug,
        name=name,
        municipality=name.replace("Varnostni sosvet ", ""),
        email=f"{slug}@x.si",
    )


def make_user(django_user_model, username, role=None, council=None, **extra):
    user = django_user_model.objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@example.com", **extra
    )
    if role and council:
        CouncilAccess.objects.create(council=council, user=user, role=role)
    return user


@pytest.fixture
def council(db):
    return make_council()


@pytest.fixture
def other_council(db):
    return make_council(slug="ormoz", name="Varnostni sosvet Občine Ormož")


@pytest.fixture
def secretary(django_user_model, council):
    return make_user(django_user_model, "tajnica", roles.SECRETARY, council)


@pytest.fixture
def member(django_user_model, council):
    return make_user(django_user_model, "clan", roles.MEMBER, council)


@pytest.fixture
def mayors_office(django_user_model, council):
    return make_user(django_user_model, "kabinet", roles.MAYORS_OFFICE, council)


@pytest.fixture
def outsider(django_user_model, other_council):
    """The secretary of another council."""
    return make_user(django_user_model, "tuja-tajnica", roles.SECRETARY, other_council)


@pytest.fixture
def member_here_secretary_there(django_user_model, council, other_council):
    """One login with two roles: a member of the first council and the other's secretary."""
    user = make_user(django_user_model, "dvojna", roles.MEMBER, council)
    CouncilAccess.objects.create(council=other_council, user=user, role=roles.SECRETARY)
    return user


@pytest.fixture
def mandate(council):
    """A mandate in force today, whatever day the suite runs."""
    year = timezone.localdate().year
    return Mandate.objects.create(
        council=council,
        starts_on=datetime.date(year - 1, 1, 1),
        ends_on=datetime.date(year + 2, 12, 31),
    )


@pytest.fixture
def police(council):
    return Organization.objects.create(
        council=council, name="Policijska postaja Ptuj", short_name="PP Ptuj"
    )


@pytest.fixture
def chief(council):
    return Person.objects.create(
        council=council,
        honorific="mag.",
        first_name="Aleksander",
        last_name="LUBEJ",
        gender=Person.Gender.MALE,
    )


def make_seat(mandate, person, organization, **extra):
    extra.setdefault("starts_on", mandate.starts_on)
    return Membership.objects.create(
        mandate=mandate, person=person, organization=organization, **extra
    )
