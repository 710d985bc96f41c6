"""The numbers the municipality's filing system gives the invitation and the minutes: entered by
the secretary, checked for the characters such numbers use, and final once the document is
sent (the invitation) or approved (the minutes)."""

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import Session
from meetings.record_querysets import RecordLocked
from tests.meetings.factories import make_items, make_session, seat_member
from tests.meetings.test_notices import CONFIRMED, form_of

pytestmark = pytest.mark.django_db

FORBIDDEN = ["0110-1/2024-3; DROP", "0110_1/2024", "<b>0110</b>", "0110-1\n/2024-3", "—", "-"]


def url(name, session):
    return reverse(f"meetings:{name}", kwargs={"council": "ptuj", "pk": session.pk})


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def planned(mandate, police):
    session = make_session(mandate, 2)
    make_items(session, "Aktualna varnostna problematika")
    seat_member(mandate, police, "Ana")
    return session


@pytest.fixture
def held(mandate):
    session = make_session(mandate, 1, days_ahead=-7, status=Session.Status.HELD)
    make_items(session, "Konstituiranje")
    return session


def minutes_form(session, **changes):
    item = session.items.get()
    data = {"seen_version": session.lock_version, "introduction": "", f"item-{item.pk}": ""}
    return {**data, **changes}


def test_secretary_gives_the_invitation_its_number(client, secretary, planned):
    client.force_login(secretary)
    response = client.post(
        url("session_edit", planned), form_of(planned, invitation_number="0110-1/2024-3")
    )
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.invitation_number == "0110-1/2024-3"


@pytest.mark.parametrize("number", FORBIDDEN)
def test_an_invitation_number_with_other_characters_is_refused(client, secretary, planned, number):
    client.force_login(secretary)
    response = client.post(
        url("session_edit", planned), form_of(planned, invitation_number=number, notes="Novo")
    )
    assert response.status_code == 200
    (error,) = response.context["form"].errors["invitation_number"]
    assert error.startswith("Številka dokumenta sme vsebovati le števke, črke, vezaje (-)")
    planned.refresh_from_db()
    assert (planned.invitation_number, planned.notes) == ("", "")


def test_the_number_of_a_sent_invitation_cannot_change(client, secretary, planned):
    client.force_login(secretary)
    client.post(url("session_edit", planned), form_of(planned, invitation_number="0110-1/2024-3"))
    client.post(url("session_convene", planned), CONFIRMED)
    planned.refresh_from_db()
    assert planned.is_convened

    page = client.get(url("session_edit", planned)).content.decode()
    assert "Nespremenljivo: vabilo je bilo poslano." in page
    client.post(url("session_edit", planned), form_of(planned, invitation_number="0110-1/2024-9"))
    planned.refresh_from_db()
    assert planned.invitation_number == "0110-1/2024-3"

    # Below the page as well: the shell, the admin, a bulk update.
    planned.invitation_number = "0110-1/2024-9"
    with pytest.raises(RecordLocked, match="Vabilo je bilo poslano s to številko"):
        planned.save()
    with pytest.raises(RecordLocked):
        Session.objects.filter(pk=planned.pk).update(invitation_number="0110-1/2024-9")
    assert Session.objects.get(pk=planned.pk).invitation_number == "0110-1/2024-3"


def test_a_convened_session_still_takes_its_other_changes(client, secretary, planned):
    client.force_login(secretary)
    client.post(url("session_convene", planned), CONFIRMED)
    planned.refresh_from_db()
    planned.notes = "Pogostitev."
    planned.save()
    assert Session.objects.get(pk=planned.pk).notes == "Pogostitev."


def test_secretary_gives_the_minutes_their_number(client, secretary, held):
    client.force_login(secretary)
    response = client.post(
        url("minutes_edit", held), minutes_form(held, minutes_number="0110-1/2024-4")
    )
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.minutes_number == "0110-1/2024-4"


@pytest.mark.parametrize("number", FORBIDDEN)
def test_a_minutes_number_with_other_characters_is_refused(client, secretary, held, number):
    client.force_login(secretary)
    response = client.post(
        url("minutes_edit", held), minutes_form(held, minutes_number=number, introduction="Uvod")
    )
    assert response.status_code == 200
    assert "Številka dokumenta sme vsebovati le" in response.content.decode()
    held.refresh_from_db()
    assert (held.minutes_number, held.minutes_introduction) == ("", "")


def test_the_number_of_approved_minutes_cannot_change(client, secretary, held, mandate):
    held.minutes_number = "0110-1/2024-4"
    held.save()
    later = make_session(mandate, 2, days_ahead=-1, status=Session.Status.HELD)
    services.minutes_approve(held, at_session=later, on=later.date, base_url="http://t/")
    held.refresh_from_db()

    client.force_login(secretary)
    client.post(url("minutes_edit", held), minutes_form(held, minutes_number="0110-1/2024-9"))
    held.refresh_from_db()
    assert held.minutes_number == "0110-1/2024-4"
    held.minutes_number = "0110-1/2024-9"
    with pytest.raises(RecordLocked):
        held.save()
    with pytest.raises(RecordLocked):
        Session.objects.filter(pk=held.pk).update(minutes_number="0110-1/2024-9")
