"""Shared fixtures: a council with its personas (secretary, member, mayor's office, outsider).

Personas follow the roles of the portal; "outsider" is the secretary of another council, who must
never see anything of the first one.
"""

import datetime
import os
import sys
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.test import Client as DjangoClient
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from members import roles
from members.models import Council, CouncilAccess, Mandate, Membership, Organization, Person
from tests import production

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# beside it are still synchronous, so Django's async-safety guard must stand aside.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "geslo-za-teste-123"


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing(django_test_environment):
    """MD5 instead of PBKDF2's many rounds, for the whole run: also for what fixtures made once
    per module (base_once) store, which are set up before any test's own fixtures."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def slovenian_by_default():
    """Each test starts in Slovenian: a request in English leaves its language on the thread."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


def log_in(client, username, password=PASSWORD):
    """Log in through the login form, as a person would (and as the login throttle sees it),
    then type the code from the app if the login has set up a second factor."""
    response = client.post(reverse("login"), {"username": username, "password": password})
    if response.status_code != 302:
        return False
    device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
    if device is None:
        return True
    response = client.post(reverse("two_factor:verify"), {"code": current_code(device.user)})
    return response.status_code == 302


def give_second_factor(user):
    """The login has set up an authenticator app, as every secretary and administrator must."""
    return TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=True)


def current_code(user):
    """The code the login's authenticator app shows now.

    django-otp accepts the code of each half minute once; a person signs in far less often than
    tests do, so the device first forgets the last half minute used, as it would not matter a
    half minute later."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{code:0{device.digits}d}"


class Client(DjangoClient):
    """The test client, whose ``force_login`` also passes the second factor of a login that has
    one, as typing the app's code on the page after the password does (django_otp.login)."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is not None:
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()


@pytest.fixture
def client():
    """pytest-django's ``client``, with the second factor passed on ``force_login``."""
    return Client()


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
    if role == roles.SECRETARY:
        give_second_factor(user)
    return user


def seed_demo():
    """The demo council (``manage.py seed_demo``), its secretaries having set up the second
    factor they must have, as they would at their first sign-in."""
    call_command("seed_demo", verbosity=0)
    secretaries = get_user_model().objects.filter(council_accesses__role=roles.SECRETARY)
    for user in secretaries.exclude(totpdevice__confirmed=True).distinct():
        give_second_factor(user)


def make_superuser(username="skrbnik"):
    """The installation administrator, with the second factor it must have."""
    user = get_user_model().objects.create_superuser(username, password="x" * 12)
    give_second_factor(user)
    return user


@pytest.fixture(scope="session")
def deploy_check_without_accessibility_body():
    """The deployment checklist of production settings that name no body responsible for the
    accessibility statement (tests/test_settings.py). A process starting Django costs a second;
    the tests that read this one's answer share it."""
    return production.deploy_check()


@pytest.fixture(scope="session")
def deploy_check_of_complete_settings():
    """The deployment checklist of complete production settings, warnings failing it too
    (tests/test_settings.py, tests/security/test_headers_and_errors.py)."""
    return production.deploy_check(
        "--fail-level", "WARNING", SOSVET_ACCESSIBILITY_BODY="Mestna občina Ptuj"
    )


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
    return make_member_here_secretary_there(django_user_model, council, other_council)


def make_member_here_secretary_there(django_user_model, council, other_council):
    """One login with two roles: a member of the first council and the other's secretary."""
    user = make_user(django_user_model, "dvojna", roles.MEMBER, council)
    CouncilAccess.objects.create(council=other_council, user=user, role=roles.SECRETARY)
    give_second_factor(user)
    return user


@pytest.fixture
def mandate(council):
    return make_mandate(council)


@pytest.fixture
def police(council):
    return make_police(council)


@pytest.fixture
def chief(council):
    return make_chief(council)


def make_mandate(council):
    """A mandate in force today, whatever day the suite runs."""
    year = timezone.localdate().year
    return Mandate.objects.create(
        council=council,
        starts_on=datetime.date(year - 1, 1, 1),
        ends_on=datetime.date(year + 2, 12, 31),
    )


def make_police(council):
    return Organization.objects.create(
        council=council, name="Policijska postaja Ptuj", short_name="PP Ptuj"
    )


def make_chief(council):
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


@pytest.fixture(scope="module")
def base_once(django_db_setup, django_db_blocker):
    """Council A (Ptuj) with its mandate, the police station and its chief in a seat, the member
    in a seat as Ana, council B (Ormož), and a login of every persona of the permission matrix:
    made once for a test module, in a transaction rolled back after its last test.

    A module's tests that read this world (through ``base``) run each in a savepoint inside that
    transaction, which pytest-django's ``db`` makes when a transaction is already open; what a
    test changes is rolled back after it, as Django's TestCase does with setUpTestData. Making
    these rows (and their history records) took longer than most of the tests that use them."""
    from tests.meetings.factories import seat_member

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            users = get_user_model()
            council = make_council()
            mandate, police = make_mandate(council), make_police(council)
            chief = make_chief(council)
            member = make_user(users, "clan", roles.MEMBER, council)
            seat = make_seat(mandate, chief, police)
            seat_member(mandate, police, "Ana", user=member)
            other_council = make_council(slug="ormoz", name="Varnostni sosvet Občine Ormož")
            base = SimpleNamespace(
                council=council,
                mandate=mandate,
                police=police,
                chief=chief,
                seat=seat,
                member=member,
                other_council=other_council,
                mayors_office=make_user(users, "kabinet", roles.MAYORS_OFFICE, council),
                secretary=make_user(users, "tajnica", roles.SECRETARY, council),
                outsider=make_user(users, "tuja-tajnica", roles.SECRETARY, other_council),
                member_here_secretary_there=make_member_here_secretary_there(
                    users, council, other_council
                ),
                superuser=make_superuser(),
            )
        except BaseException:
            outer.__exit__(*sys.exc_info())
            raise
    yield base
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def base(base_once, db):
    """The objects of ``base_once`` for one test, each as a fetch from the database would give
    it (without the query): what a test changes on them in memory (a login's last_login, a
    related object cached on one) does not reach the next test. A deep copy, as TestCase makes of
    its test data, also copies the file field and storage behind the council's crest, each time.
    """
    return fetched(base_once)


def fetched(base_once):
    return SimpleNamespace(**{name: as_fetched(obj) for name, obj in vars(base_once).items()})


def as_fetched(obj):
    fields = [field.attname for field in obj._meta.concrete_fields]
    values = [getattr(obj, name) for name in fields]
    values = [value.name if isinstance(value, FieldFile) else value for value in values]
    return type(obj).from_db(obj._state.db, fields, values)
