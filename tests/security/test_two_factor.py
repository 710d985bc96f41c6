"""Two-factor sign-in: who must, how it is set up and checked, and how a lost one is reset."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from members import roles
from members.models import CouncilAccess, Person, SecondFactorReset
from members.two_factor import recovery_codes_create
from tests.conftest import (
    PASSWORD,
    current_code,
    give_second_factor,
    log_in,
    make_superuser,
    make_user,
)

pytestmark = pytest.mark.django_db

DASHBOARD = "/ptuj/"


def app_code(device, steps_ahead=0):
    """What the authenticator app shows now (or that many half minutes later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time += steps_ahead * device.step
    return f"{totp.token():06d}"


def wrong_code(device):
    """A six-digit code no app would show now: none of the codes the tolerance accepts."""
    accepted = {app_code(device, steps) for steps in (-1, 0, 1)}
    return next(code for code in ("123456", "654321", "111111", "999999") if code not in accepted)


def sign_in_with_password(client, username):
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def type_code(client, code, next_url=DASHBOARD):
    return client.post(reverse("two_factor:verify"), {"code": code, "next": next_url})


@pytest.fixture
def new_secretary(django_user_model, council):
    """A secretary who has not set up a second factor yet."""
    user = make_user(django_user_model, "nova-tajnica")
    CouncilAccess.objects.create(council=council, user=user, role=roles.SECRETARY)
    return user


@pytest.fixture
def member_person(council, member):
    return Person.objects.create(council=council, first_name="Ana", last_name="Novak",
                                 gender=Person.Gender.FEMALE, user=member)  # fmt: skip


def test_a_secretary_without_a_second_factor_is_led_to_set_it_up_before_anything_else(
    client, new_secretary, mandate
):
    sign_in_with_password(client, "nova-tajnica")
    setup = reverse("two_factor:setup")
    for address in (DASHBOARD, "/ptuj/clani/", "/ptuj/osebe/", "/ptuj/seje/nova/", "/"):
        response = client.get(address)
        assert response.status_code == 302, address
        assert response["Location"].startswith(setup), address
    # What anyone may open, and leaving, still work.
    assert (
        client.get(reverse("public:public_report_list", kwargs={"council": "ptuj"})).status_code
        == 200
    )
    assert client.get(reverse("password_reset")).status_code == 200
    assert client.get(reverse("two_factor:setup")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302


def test_setting_up_with_the_apps_code_turns_it_on_and_shows_recovery_codes_once(
    client, new_secretary, mandate
):
    sign_in_with_password(client, "nova-tajnica")
    page = client.get(reverse("two_factor:setup"), {"next": DASHBOARD}).content.decode()
    device = TOTPDevice.objects.get(user=new_secretary, confirmed=False)
    # The QR code is drawn on the server as SVG: no picture is fetched from anywhere.
    assert "<svg" in page and "<img" not in page.split('id="content"')[1]
    assert "Google Authenticator" in page and "Aegis" in page
    secret_shown = page.split('id="secret">')[1].split("<")[0].replace(" ", "")
    assert secret_shown == device.config_url.split("secret=")[1].split("&")[0]
    assert "issuer=Varnostni%20sosvet" in device.config_url

    response = client.post(
        reverse("two_factor:setup"), {"code": app_code(device), "next": DASHBOARD}
    )
    assert response.status_code == 302
    codes_page = client.get(response["Location"]).content.decode()
    device.refresh_from_db()
    assert device.confirmed
    codes = StaticToken.objects.filter(device__user=new_secretary).values_list("token", flat=True)
    assert len(codes) == 10
    for code in codes:
        assert code in codes_page
    assert client.get(DASHBOARD).status_code == 200
    # Shown once: the page does not show them again.
    again = client.get(reverse("two_factor:recovery_codes")).content.decode()
    assert not any(code in again for code in codes)
    assert "Ostalo vam je 10 neuporabljenih rezervnih kod." in again


def test_a_wrong_code_at_set_up_is_refused_and_turns_nothing_on(client, new_secretary, mandate):
    sign_in_with_password(client, "nova-tajnica")
    client.get(reverse("two_factor:setup"))
    device = TOTPDevice.objects.get(user=new_secretary)
    response = client.post(reverse("two_factor:setup"), {"code": wrong_code(device)})
    assert response.status_code == 200
    assert "Koda ni pravilna." in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert not StaticToken.objects.exists()
    assert client.get(DASHBOARD)["Location"].startswith(reverse("two_factor:setup"))


def test_repeated_wrong_codes_lock_the_login_even_against_the_right_code(
    client, secretary, mandate
):
    device = secretary.totpdevice_set.get()
    sign_in_with_password(client, "tajnica")
    for _ in range(4):
        response = type_code(client, wrong_code(device))
        assert response.status_code == 200
    right = type_code(client, app_code(device))
    assert right.status_code == 200
    text = right.content.decode()
    assert "Preveč napačnih kod zapored. Počakajte do" in text
    assert client.get(DASHBOARD)["Location"].startswith(reverse("two_factor:verify"))

    # Once the wait is over, the right code lets the secretary in.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - datetime.timedelta(hours=1)
    )
    response = type_code(client, app_code(device))
    assert response.status_code == 302 and response["Location"] == DASHBOARD
    assert client.get(DASHBOARD).status_code == 200


def test_each_recovery_code_works_once(client, secretary, mandate):
    first, second, *_ = recovery_codes_create(secretary)
    sign_in_with_password(client, "tajnica")
    assert type_code(client, first.upper()).status_code == 302  # typed in capitals: still fine
    assert client.get(DASHBOARD).status_code == 200
    client.post(reverse("logout"))

    sign_in_with_password(client, "tajnica")
    refused = type_code(client, first)
    assert refused.status_code == 200
    assert "rezervno kodo, ki je še niste uporabili" in refused.content.decode()
    # The refusal above started a one-second wait; let it be over.
    StaticDevice.objects.filter(user=secretary).update(throttling_failure_count=0)
    assert type_code(client, second).status_code == 302
    assert StaticToken.objects.filter(device__user=secretary).count() == 8


def test_a_secretary_elsewhere_is_led_to_set_it_up_before_a_council_without_a_role(
    client, django_user_model, other_council, mandate
):
    """The council page asks about the second factor with the role (members/access.py):
    without a role there, the login is still led to set it up, not told the page is missing."""
    user = make_user(django_user_model, "tajnica-drugje")
    CouncilAccess.objects.create(council=other_council, user=user, role=roles.SECRETARY)
    sign_in_with_password(client, "tajnica-drugje")
    for address in (DASHBOARD, f"/{other_council.slug}/"):
        response = client.get(address)
        assert response.status_code == 302, address
        assert response["Location"].startswith(reverse("two_factor:setup")), address
    give_second_factor(user)
    assert type_code(client, current_code(user)).status_code == 302
    assert client.get(DASHBOARD).status_code == 404
    assert client.get(f"/{other_council.slug}/").status_code == 200


def test_an_open_page_does_not_read_the_session_for_the_gate(
    client, new_secretary, django_assert_num_queries
):
    """A secretary who has not set up a second factor still reaches what is open to everyone,
    and the gate does not read the session and the account to let it through."""
    sign_in_with_password(client, "nova-tajnica")
    with django_assert_num_queries(0):
        assert client.get("/healthz").content == b"ok"
    assert client.get(DASHBOARD)["Location"].startswith(reverse("two_factor:setup"))


def test_a_member_is_not_asked_but_may_turn_it_on_and_is_then_asked_at_every_sign_in(
    client, member, mandate
):
    assert log_in(client, "clan")
    assert client.get(DASHBOARD).status_code == 200
    overview = client.get(reverse("two_factor:overview")).content.decode()
    assert "Dvostopenjska prijava za vaš račun ni vklopljena." in overview
    assert reverse("two_factor:setup") in overview

    client.get(reverse("two_factor:setup"))
    device = TOTPDevice.objects.get(user=member)
    assert client.post(reverse("two_factor:setup"), {"code": app_code(device)}).status_code == 302
    client.post(reverse("logout"))

    sign_in_with_password(client, "clan")
    response = client.get(DASHBOARD)
    assert response["Location"].startswith(reverse("two_factor:verify"))
    assert type_code(client, current_code(member)).status_code == 302
    assert client.get(DASHBOARD).status_code == 200


def test_a_member_who_chose_it_may_turn_it_off_and_a_secretary_may_not(
    client, member, secretary, mandate
):
    give_second_factor(member)
    client.force_login(member)
    assert client.post(reverse("two_factor:disable")).status_code == 302
    assert not TOTPDevice.objects.filter(user=member).exists()
    assert SecondFactorReset.objects.get(user=member).reset_by == member

    client.force_login(secretary)
    assert client.post(reverse("two_factor:disable")).status_code == 403
    assert TOTPDevice.objects.filter(user=secretary).exists()


def test_the_administrator_types_the_code_before_the_admin_opens(client, django_user_model):
    admin = django_user_model.objects.create_superuser("skrbnik", password=PASSWORD)
    sign_in_with_password(client, "skrbnik")
    assert client.get("/admin/")["Location"].startswith(reverse("two_factor:setup"))
    give_second_factor(admin)
    response = client.get("/admin/")
    assert response["Location"].startswith(reverse("two_factor:verify"))
    assert type_code(client, current_code(admin), next_url="/admin/")["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_secretary_resets_a_members_lost_second_factor(
    client, secretary, member, member_person, mandate
):
    give_second_factor(member)
    recovery_codes_create(member)
    client.force_login(secretary)
    reset = reverse(
        "members:person_second_factor_reset", kwargs={"council": "ptuj", "pk": member_person.pk}
    )
    people = client.get(reverse("members:person_list", kwargs={"council": "ptuj"})).content.decode()
    assert reset in people and "Ponastavi drugi faktor" in people

    question = client.get(reset).content.decode()
    assert "Aplikacija za overjanje in rezervne kode prijave clan ne bodo več delovale." in question
    assert TOTPDevice.objects.filter(user=member).exists()  # asking changes nothing
    response = client.post(reset, {"confirmed": "1"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=member).exists()
    assert not StaticToken.objects.filter(device__user=member).exists()
    record = SecondFactorReset.objects.get(user=member)
    assert (record.reset_by, record.council.slug) == (secretary, "ptuj")
    history = client.get(reverse("members:second_factor_resets", kwargs={"council": "ptuj"}))
    assert "clan" in history.content.decode()

    # The member signs in with the password alone again.
    member_client = client.__class__()
    assert log_in(member_client, "clan")
    assert member_client.get(DASHBOARD).status_code == 200


def test_a_secretarys_second_factor_is_not_reset_by_another_secretary(
    client, secretary, django_user_model, council, mandate
):
    second = make_user(django_user_model, "druga-tajnica", roles.SECRETARY, council)
    person = Person.objects.create(council=council, first_name="Eva", last_name="Kos",
                                   gender=Person.Gender.FEMALE, user=second)  # fmt: skip
    client.force_login(secretary)
    reset = reverse(
        "members:person_second_factor_reset", kwargs={"council": "ptuj", "pk": person.pk}
    )
    response = client.post(reset, {"confirmed": "1"}, follow=True)
    assert "ponastavi skrbnik namestitve" in response.content.decode()
    assert TOTPDevice.objects.filter(user=second).exists()
    assert not SecondFactorReset.objects.exists()


def test_a_member_cannot_reset_anyones_second_factor(
    client, member, mayors_office, outsider, member_person, mandate
):
    give_second_factor(member)
    reset = reverse(
        "members:person_second_factor_reset", kwargs={"council": "ptuj", "pk": member_person.pk}
    )
    history = reverse("members:second_factor_resets", kwargs={"council": "ptuj"})
    for user, status in ((member, 403), (mayors_office, 403), (outsider, 404)):
        client.force_login(user)
        assert client.post(reset, {"confirmed": "1"}).status_code == status
        assert client.get(history).status_code == status
    assert TOTPDevice.objects.filter(user=member).exists()
    assert not SecondFactorReset.objects.exists()


def test_the_administrator_resets_a_secretarys_second_factor_in_the_admin(
    client, secretary, mandate
):
    admin = make_superuser()
    client.force_login(admin)
    changelist = reverse("admin:auth_user_changelist")
    chosen = {"action": "reset_second_factor", "_selected_action": [secretary.pk]}
    question = client.post(changelist, chosen)
    assert question.status_code == 200
    assert "tajnica" in question.content.decode()
    assert TOTPDevice.objects.filter(user=secretary).exists()  # asking changes nothing

    response = client.post(changelist, {**chosen, "post": "yes"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=secretary).exists()
    record = SecondFactorReset.objects.get(user=secretary)
    assert (record.reset_by, record.council) == (admin, None)

    # At the next sign-in the secretary is led to set up a new one.
    secretary_client = client.__class__()
    sign_in_with_password(secretary_client, "tajnica")
    assert secretary_client.get(DASHBOARD)["Location"].startswith(reverse("two_factor:setup"))


def test_after_the_code_the_login_goes_only_to_a_page_of_this_site(client, secretary):
    sign_in_with_password(client, "tajnica")
    response = type_code(client, current_code(secretary), next_url="https://zlobni.example/")
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
