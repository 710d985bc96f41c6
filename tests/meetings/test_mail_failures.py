"""A mail server that refuses or never answers: the decision still stands, each failure is
recorded, and sending again reaches only those who were missed. Nothing is sent while the
session's row is locked.

These tests commit for real (transaction=True), as the portal does outside tests.
"""

import datetime
import socket
import time

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection
from django.urls import reverse

from meetings.models import AgendaChange, InvitationDelivery, Session
from tests.meetings.factories import make_items, make_session, seat_member

pytestmark = pytest.mark.django_db(transaction=True)

CONFIRMED = {"confirmed": "1"}
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


def url(name, session):
    return reverse(f"meetings:{name}", kwargs={"council": "ptuj", "pk": session.pk})


class DeadServerBackend(BaseEmailBackend):
    """A mail server that refuses every connection."""

    def open(self):
        raise ConnectionRefusedError(111, "Connection refused")

    def send_messages(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")


class WatchingBackend(EmailBackend):
    """The test outbox, noting for each message whether a transaction was open when it left and
    what the database said about the session then."""

    seen = []

    def send_messages(self, messages):
        WatchingBackend.seen.append((connection.in_atomic_block, Session.objects.get().status))
        return super().send_messages(messages)


@pytest.fixture
def silent_server():
    """A local TCP port that accepts connections and never says a word."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)  # the kernel accepts; nobody ever answers
    yield listener.getsockname()[1]
    listener.close()


@pytest.fixture
def smtp_to_silent_server(settings, silent_server):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = silent_server
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 1


@pytest.fixture
def session(mandate, police):
    session = make_session(mandate, 2)
    make_items(session, "Aktualna varnostna problematika")
    seat_member(mandate, police, "Ana")
    seat_member(mandate, police, "Bor")
    return session


def deliveries(**filters):
    return sorted(
        InvitationDelivery.objects.filter(**filters).values_list("person__first_name", "status")
    )


def test_convening_commits_though_the_mail_server_refuses_and_a_retry_sends_the_rest(
    client, secretary, session, settings
):
    settings.EMAIL_BACKEND = f"{__name__}.DeadServerBackend"
    client.force_login(secretary)

    response = client.post(url("session_convene", session), CONFIRMED, follow=True)

    session.refresh_from_db()
    assert session.status == Session.Status.CONVENED
    assert session.convened_at is not None
    assert deliveries() == [("Ana", "failed"), ("Bor", "failed")]
    assert "Connection refused" in InvitationDelivery.objects.first().error
    assert "Pošiljanje ni uspelo 2 članoma: Ana Članica (" in response.content.decode()

    settings.EMAIL_BACKEND = LOCMEM
    client.post(url("session_convene", session), CONFIRMED)
    assert sorted(message.to for message in mail.outbox) == [
        ["ana@example.si"],
        ["bor@example.si"],
    ]
    client.post(url("session_convene", session), CONFIRMED)
    assert len(mail.outbox) == 2, "those reached are never sent it twice"


def test_a_server_that_never_answers_holds_the_request_only_for_the_timeout(
    client, secretary, mandate, police, session, settings, smtp_to_silent_server
):
    settings.EMAIL_BACKEND = LOCMEM
    client.force_login(secretary)
    client.post(url("session_convene", session), CONFIRMED)
    assert len(mail.outbox) == 2
    seat_member(mandate, police, "Cene")
    seat_member(mandate, police, "Dana")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

    started = time.monotonic()
    response = client.post(url("session_convene", session), CONFIRMED)
    elapsed = time.monotonic() - started

    assert response.status_code == 302
    assert elapsed < 3 * settings.EMAIL_TIMEOUT
    assert deliveries(status="failed") == [("Cene", "failed"), ("Dana", "failed")]
    assert deliveries(status="sent") == [("Ana", "sent"), ("Bor", "sent")]
    assert not InvitationDelivery.objects.filter(status="queued").exists()

    settings.EMAIL_BACKEND = LOCMEM
    client.post(url("session_convene", session), CONFIRMED)
    assert [message.to for message in mail.outbox[2:]] == [
        ["cene@example.si"],
        ["dana@example.si"],
    ]


def test_invitations_leave_only_after_the_session_is_committed_as_convened(
    client, secretary, session, settings
):
    settings.EMAIL_BACKEND = f"{__name__}.WatchingBackend"
    WatchingBackend.seen = []
    client.force_login(secretary)
    client.post(url("session_convene", session), CONFIRMED)

    assert len(mail.outbox) == 2
    assert WatchingBackend.seen == [(False, Session.Status.CONVENED)] * 2


def test_a_cancellation_stands_though_its_notice_cannot_leave_and_can_be_sent_again(
    client, secretary, session, settings, smtp_to_silent_server
):
    settings.EMAIL_BACKEND = LOCMEM
    client.force_login(secretary)
    client.post(url("session_convene", session), CONFIRMED)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

    started = time.monotonic()
    client.post(url("session_set_status", session), {"status": "cancelled", **CONFIRMED})
    assert time.monotonic() - started < 3 * settings.EMAIL_TIMEOUT

    session.refresh_from_db()
    assert session.status == Session.Status.CANCELLED
    assert deliveries(kind="cancelled") == [("Ana", "failed"), ("Bor", "failed")]
    change = AgendaChange.objects.get()
    assert change.kind == AgendaChange.Kind.CANCELLED and not change.notified
    page = client.get(url("session", session)).content.decode()
    assert "Znova pošlji obvestilo o odpovedi" in page

    settings.EMAIL_BACKEND = LOCMEM
    client.post(url("session_notify", session), CONFIRMED)
    notices = mail.outbox[2:]
    assert sorted(message.to for message in notices) == [
        ["ana@example.si"],
        ["bor@example.si"],
    ]
    assert all("odpovedana" in message.subject for message in notices)
    change.refresh_from_db()
    assert change.notified


def test_a_claim_left_by_a_request_that_died_is_sent_again(client, secretary, session):
    ana = session.mandate.memberships.get(person__first_name="Ana").person
    stuck = InvitationDelivery.objects.create(
        session=session,
        person=ana,
        kind=InvitationDelivery.Kind.INVITATION,
        status=InvitationDelivery.Status.QUEUED,
        sent_at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=1),
    )
    client.force_login(secretary)
    client.post(url("session_convene", session), CONFIRMED)

    assert sorted(message.to for message in mail.outbox) == [
        ["ana@example.si"],
        ["bor@example.si"],
    ]
    stuck.refresh_from_db()
    assert stuck.status == InvitationDelivery.Status.FAILED
    assert stuck.error == "ni poslano: pošiljanje je bilo prekinjeno"
