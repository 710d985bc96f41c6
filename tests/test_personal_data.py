"""A member downloads what the portal holds about them, and nothing about anyone else."""

import json

import pytest
from django.urls import reverse

from meetings.models import AgendaProposal, Attendance
from tests.meetings.factories import make_session, seat_member

pytestmark = pytest.mark.django_db


def test_member_downloads_their_personal_data(client, member, mandate, police):
    ana = seat_member(mandate, police, "Ana", user=member, function_title="vodja okoliša")
    other = seat_member(mandate, police, "Bojana")
    session = make_session(mandate, 1)
    Attendance.objects.create(session=session, person=ana, response="yes")
    Attendance.objects.create(session=session, person=other, response="no")
    AgendaProposal.objects.create(session=session, proposed_by=member, title="Šolske poti")
    client.force_login(member)
    response = client.get(reverse("personal_data"))
    assert response["Content-Disposition"] == 'attachment; filename="moji-podatki.json"'
    data = json.loads(response.content)
    assert data["account"]["username"] == "clan"
    assert data["people"][0]["email"] == "ana@example.si"
    assert data["people"][0]["memberships"][0]["function_title"] == "vodja okoliša"
    assert [a["response"] for a in data["people"][0]["attendance"]] == ["yes"]
    assert data["agenda_proposals"][0]["title"] == "Šolske poti"
    assert "Bojana" not in response.content.decode()


def test_anonymous_visitor_has_no_personal_data_to_download(client):
    assert client.get(reverse("personal_data")).status_code == 302


def test_the_download_says_which_reminders_the_login_turned_off(client, member):
    client.force_login(member)
    client.post(reverse("reminder_settings"), {"decision": "on", "mandate_end": "on"})
    data = json.loads(client.get(reverse("personal_data")).content)
    assert sorted(data["account"]["reminders_turned_off"]) == ["deadline", "proposal"]
