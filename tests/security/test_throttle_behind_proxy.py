"""Behind the reverse proxy, throttling sees each client's own address, and password-reset
links are limited per address and per account."""

import importlib.util
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse

from sosvet.models import PasswordResetRequest
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "sosvet" / "settings.py"
PROXY = "10.0.0.1"
IPWARE_SETTINGS = ("AXES_IPWARE_META_PRECEDENCE_ORDER", "AXES_IPWARE_PROXY_COUNT", "IPWARE_STRICT")


def settings_module(monkeypatch, **environment):
    """The project's settings file, read again under these environment variables."""
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("settings_under_test", SETTINGS_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def behind_one_proxy(settings, monkeypatch):
    """The settings a deployment behind one reverse proxy gets from SOSVET_PROXY_COUNT=1."""
    module = settings_module(monkeypatch, SOSVET_PROXY_COUNT="1")
    for name in IPWARE_SETTINGS:
        setattr(settings, name, getattr(module, name, None))


def through_proxy(client, client_address, username, password, sent_header=None):
    """A login posted through the proxy: it appends the client's address to X-Forwarded-For."""
    forwarded = f"{sent_header}, {client_address}" if sent_header else client_address
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_failures_behind_the_proxy_lock_only_that_clients_account_and_address(
    client, member, secretary, behind_one_proxy
):
    for _attempt in range(5):
        through_proxy(client, "93.103.1.1", "clan", "napačno-geslo-123")
    assert through_proxy(client, "93.103.1.1", "clan", PASSWORD).status_code == 429
    # Another client behind the same proxy still logs in to the same account,
    assert through_proxy(client, "93.103.2.2", "clan", PASSWORD).status_code == 302
    # and the locked-out client still logs in to another account.
    assert through_proxy(client, "93.103.1.1", "tajnica", PASSWORD).status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"93.103.1.1"}


def test_a_client_cannot_escape_the_lock_by_writing_its_own_forwarded_header(
    client, member, behind_one_proxy
):
    for attempt in range(5):
        through_proxy(client, "93.103.1.1", "clan", "napačno", sent_header=f"1.2.3.{attempt}")
    response = through_proxy(client, "93.103.1.1", "clan", PASSWORD, sent_header="8.8.8.8")
    assert response.status_code == 429


def test_without_a_proxy_a_forwarded_header_is_ignored(client, member):
    for attempt in range(5):
        client.post(
            reverse("login"),
            {"username": "clan", "password": "napačno-geslo-123"},
            HTTP_X_FORWARDED_FOR=f"93.103.9.{attempt}",
        )
    response = client.post(
        reverse("login"),
        {"username": "clan", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="93.103.9.200",
    )
    assert response.status_code == 429


def test_a_negative_proxy_count_stops_the_start(monkeypatch):
    with pytest.raises(Exception, match="SOSVET_PROXY_COUNT cannot be negative"):
        settings_module(monkeypatch, SOSVET_PROXY_COUNT="-1")


def ask_for_reset(client, email, address="93.103.1.1"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_password_reset_is_limited_per_account_and_sends_nothing_past_it(client, member, settings):
    settings.SOSVET_RESETS_PER_ACCOUNT = 3
    for number in range(3):
        assert ask_for_reset(client, "clan@example.com", f"93.103.1.{number}").status_code == 302
    assert len(mail.outbox) == 3
    response = ask_for_reset(client, "CLAN@example.com", "93.103.1.99")
    assert response.status_code == 429
    page = response.content.decode()
    assert "zahtevanih preveč ponastavitev gesla" in page
    assert 'value="CLAN@example.com"' in page
    assert len(mail.outbox) == 3


def test_password_reset_is_limited_per_address_whatever_the_account(client, settings):
    settings.SOSVET_RESETS_PER_ADDRESS = 4
    for number in range(4):
        assert ask_for_reset(client, f"nekdo{number}@example.com").status_code == 302
    assert ask_for_reset(client, "se-nekdo@example.com").status_code == 429
    assert ask_for_reset(client, "se-nekdo@example.com", "93.103.7.7").status_code == 302


def test_password_reset_limit_lifts_after_an_hour(client, member, settings):
    settings.SOSVET_RESETS_PER_ACCOUNT = 1
    assert ask_for_reset(client, "clan@example.com").status_code == 302
    assert ask_for_reset(client, "clan@example.com").status_code == 429
    PasswordResetRequest.objects.update(
        requested_at=PasswordResetRequest.objects.get().requested_at - timedelta(minutes=61)
    )
    assert ask_for_reset(client, "clan@example.com").status_code == 302
    assert len(mail.outbox) == 2
