"""A line break typed into a council's name, a session's place or an agenda item's title stays in
the text of the mail: it never starts a header of its own (Bcc: …) or breaks one in two."""

import datetime
import re
from email import message_from_bytes, policy

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from meetings.models import AgendaItem
from tests.meetings.factories import make_session, seat_member

pytestmark = pytest.mark.django_db

CONFIRMED = {"confirmed": "1"}
INJECTED = "\r\nBcc: vsiljivec@example.com\r\nX-Injected: da"
EXPECTED_HEADERS = {
    "Content-Type",
    "MIME-Version",
    "Subject",
    "From",
    "To",
    "Reply-To",
    "Date",
    "Message-ID",
}


def url(name, session):
    return reverse(f"meetings:{name}", kwargs={"council": "ptuj", "pk": session.pk})


def assert_headers_are_clean(message, recipient):
    raw = message.message().as_bytes()
    head = raw.split(b"\n\n", 1)[0].decode("ascii")
    # Each header is one logical line: continuation lines (folding) start with white space.
    for line in head.splitlines():
        assert line[:1] in (" ", "\t") or ":" in line, line
    parsed = message_from_bytes(raw, policy=policy.default)
    assert set(parsed.keys()) == EXPECTED_HEADERS
    for name, value in parsed.items():
        assert "\n" not in value and "\r" not in value, name
        assert "vsiljivec" not in value or name in ("From", "Subject"), name
    assert message.recipients() == [recipient]
    assert not re.search(r"^(Bcc|X-Injected):", head, flags=re.MULTILINE | re.IGNORECASE)


@pytest.fixture
def hostile_session(client, secretary, council, mandate, police):
    council.name = "Varnostni sosvet" + INJECTED
    council.save()
    session = make_session(mandate, 2, place="Dvorana" + INJECTED)
    AgendaItem.objects.create(session=session, position=1, title="Točka" + INJECTED)
    seat_member(mandate, police, "Ana")
    client.force_login(secretary)
    return session


def test_no_line_break_reaches_a_header_of_the_invitation(client, hostile_session):
    client.post(url("session_convene", hostile_session), CONFIRMED)

    (message,) = mail.outbox
    assert_headers_are_clean(message, "ana@example.si")
    assert message.subject.startswith("Varnostni sosvet Bcc: vsiljivec@example.com X-Injected")
    # The text keeps what was typed, and the calendar file holds it as data.
    assert "Točka" in message.body
    (event,) = Calendar.from_ical(message.attachments[0].content).events
    assert str(event["LOCATION"]).startswith("Dvorana")


def test_no_line_break_reaches_a_header_of_the_notices(client, hostile_session):
    client.post(url("session_convene", hostile_session), CONFIRMED)
    session = hostile_session
    session.refresh_from_db()
    form = {
        "mandate": session.mandate_id,
        "number": session.number,
        "kind": session.kind,
        "date": (session.date + datetime.timedelta(days=1)).isoformat(),
        "time": "17:00",
        "place": "Dvorana" + INJECTED,
        "seen_version": session.lock_version,
        **CONFIRMED,
    }
    client.post(url("session_edit", session), form)
    client.post(url("session_set_status", session), {"status": "cancelled", **CONFIRMED})

    invitation, moved, cancelled = mail.outbox
    for message in (moved, cancelled):
        assert_headers_are_clean(message, "ana@example.si")
    assert "nov datum" in moved.subject and "odpovedana" in cancelled.subject
