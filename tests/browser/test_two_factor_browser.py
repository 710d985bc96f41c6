"""Two-step sign-in in a real browser: a new secretary sets it up by typing the key by hand,
then signs in again with the code."""

from base64 import b32decode
from datetime import timedelta

import pytest
from django.db.models import F
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from members import roles
from members.models import CouncilAccess
from tests.browser.conftest import PASSWORD, assert_accessible, field
from tests.conftest import current_code, make_user
from tests.security.test_two_factor import wrong_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_with_password(page, username):
    page.goto("/racun/login/")
    page.get_by_label("Uporabniško ime").fill(username)
    page.get_by_label("Geslo").fill(PASSWORD)
    page.get_by_role("button", name="Prijava").click()


def test_a_new_secretary_sets_up_two_step_sign_in_and_then_signs_in_with_the_code(
    page, django_user_model, council, mandate
):
    user = make_user(django_user_model, "nova-tajnica")
    CouncilAccess.objects.create(council=council, user=user, role=roles.SECRETARY)
    sign_in_with_password(page, "nova-tajnica")
    page.goto("/ptuj/seje/")  # any page leads to the set-up first
    expect(page.get_by_role("heading", name="Nastavi dvostopenjsko prijavo")).to_be_visible()
    expect(page.get_by_role("img", name="Koda QR za aplikacijo za overjanje")).to_be_visible()
    assert_accessible(page)

    # The key typed by hand into an app, as someone who cannot scan the code would.
    key = b32decode(page.locator("#secret").inner_text().replace(" ", ""))
    field(page, "Koda").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Potrdi").click()
    expect(page.get_by_role("heading", name="Rezervne kode")).to_be_visible()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    assert_accessible(page)
    page.get_by_role("link", name="Kode so shranjene, nadaljuj").click()
    expect(page).to_have_url(f"{page.url.split('/ptuj/')[0]}/ptuj/seje/")

    page.get_by_role("button", name="Odjava").click()
    sign_in_with_password(page, "nova-tajnica")
    expect(page.get_by_role("heading", name="Dvostopenjska prijava")).to_be_visible()
    assert_accessible(page)
    field(page, "Koda").fill(wrong_code(user.totpdevice_set.get()))
    page.get_by_role("button", name="Potrdi").click()
    expect(page.get_by_text("Koda ni pravilna.")).to_be_visible()
    # The one-second wait after a wrong code, over at once: the failure a second further back.
    TOTPDevice.objects.filter(user=user).update(
        throttling_failure_timestamp=F("throttling_failure_timestamp") - timedelta(seconds=1)
    )
    field(page, "Koda").fill(current_code(user))
    page.get_by_role("button", name="Potrdi").click()
    expect(page.get_by_role("navigation", name="Sosvet")).to_be_visible()
