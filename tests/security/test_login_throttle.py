"""Guessing passwords is throttled, and every failure is logged without the password."""

import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.conftest import PASSWORD, log_in

pytestmark = pytest.mark.django_db


def fail(client, username="clan", password="napačno-geslo-123"):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_five_wrong_passwords_lock_the_account_from_that_address(client, member):
    for _attempt in range(5):
        fail(client)
    response = fail(client, password=PASSWORD)
    assert response.status_code == 429
    assert "Preveč neuspešnih prijav" in response.content.decode()
    assert not log_in(client, "clan")


def test_lockout_is_per_address(client, member):
    for _attempt in range(5):
        fail(client)
    assert (
        client.post(
            reverse("login"), {"username": "clan", "password": PASSWORD}, REMOTE_ADDR="10.9.8.7"
        ).status_code
        == 302
    )


def test_lockout_ends_after_the_cool_off(client, member):
    for _attempt in range(5):
        fail(client)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(hours=1)
    )
    assert log_in(client, "clan")


def test_failed_logins_are_logged_with_user_and_address_but_no_password(client, member, caplog):
    with caplog.at_level(logging.INFO):
        fail(client, password="skrivnost-ki-je-ni-v-dnevniku")
    text = " ".join(record.getMessage() for record in caplog.records)
    assert "clan" in text and "127.0.0.1" in text
    assert "skrivnost-ki-je-ni-v-dnevniku" not in text


def test_forbidden_requests_are_logged(client, member, caplog):
    client.force_login(member)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get(reverse("members:person_create", kwargs={"council": "ptuj"}))
    assert any(getattr(record, "status_code", None) == 403 for record in caplog.records)


def test_absurdly_long_username_is_refused_not_a_server_error(client):
    response = fail(client, username="x" * 1000)
    assert response.status_code == 200
    assert "Vnesite veljavno uporabniško ime in geslo." in response.content.decode()
