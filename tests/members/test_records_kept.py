"""Seats, people, organizations and mandates the council's records refer to are never deleted.

Whichever path tries (the shell, a queryset, the admin), the answer says why, and nothing is
half-deleted; rows nothing refers to can still be deleted, for example a seat entered by mistake.
"""

import pytest
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse

from meetings.models import Attendance, Resolution, Session
from members.models import Mandate, Membership, Organization, Person
from tests.conftest import make_seat, make_superuser
from tests.meetings.factories import make_items, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(mandate):
    return make_session(mandate, 1, days_ahead=-3, status=Session.Status.HELD)


@pytest.fixture
def admin_client(client):
    client.force_login(make_superuser())
    return client


def refused(delete):
    """Run a delete in its own savepoint (Django deletes inside the test's transaction)."""
    with pytest.raises(ProtectedError) as error, transaction.atomic():
        delete()
    return str(error.value.args[0])


def test_seat_in_force_at_a_held_session_cannot_be_deleted(mandate, chief, police, held):
    seat = make_seat(mandate, chief, police)

    message = refused(seat.delete)

    day = f"{held.date.day}. {held.date.month}. {held.date.year}"
    assert "brisanje ni mogoče, ker je del evidence sosveta" in message
    assert f"sedež je veljal {day} (1. seja)" in message
    refused(Membership.objects.filter(pk=seat.pk).delete)
    assert Membership.objects.filter(pk=seat.pk).exists()


def test_seat_that_ended_before_the_held_session_can_be_deleted(mandate, chief, police, held):
    seat = make_seat(mandate, chief, police, ends_on=mandate.starts_on)
    seat.delete()
    assert not Membership.objects.exists()


def test_seat_entered_by_mistake_can_still_be_deleted(mandate, chief, police):
    make_session(mandate, 2)  # planned, not yet convened
    seat = make_seat(mandate, chief, police)
    seat.delete()
    assert not Membership.objects.exists()


def test_person_who_attended_a_session_cannot_be_deleted_and_is_told_why(
    mandate, chief, police, held
):
    Attendance.objects.create(session=held, person=chief, response="yes")

    message = refused(chief.delete)

    assert message.startswith("mag. Aleksander LUBEJ: brisanje ni mogoče")
    assert message.endswith("vpisi: udeležba (1).")
    assert Person.objects.filter(pk=chief.pk).exists()


def test_organization_answering_for_a_resolution_is_kept(mandate, police, held):
    (item,) = make_items(held, "Varnost v prometu")
    Resolution.objects.create(session=held, item=item, number=1, text="Sklep.", responsible=police)

    message = refused(police.delete)

    assert "odgovornost za sklepe izvedenih sej (1)" in message
    refused(Organization.objects.filter(pk=police.pk).delete)
    assert Resolution.objects.get().responsible == police


def test_mandate_with_sessions_is_kept(mandate, held):
    message = refused(mandate.delete)
    assert "brisanje ni mogoče" in message
    assert Mandate.objects.filter(pk=mandate.pk).exists()


def test_admin_delete_page_says_why_a_seat_is_kept_and_keeps_it(
    admin_client, mandate, chief, police, held
):
    seat = make_seat(mandate, chief, police)
    address = reverse("admin:members_membership_delete", args=[seat.pk])

    page = admin_client.get(address)
    answer = admin_client.post(address, {"post": "yes"})

    assert page.status_code == answer.status_code == 200
    assert "sedež je veljal" in page.content.decode()
    assert Membership.objects.filter(pk=seat.pk).exists()


def test_admin_bulk_delete_of_kept_seats_is_refused(admin_client, mandate, chief, police, held):
    seat = make_seat(mandate, chief, police)
    changelist = reverse("admin:members_membership_changelist")

    answer = admin_client.post(
        changelist, {"action": "delete_selected", "_selected_action": [seat.pk], "post": "yes"}
    )

    assert answer.status_code == 200
    assert "sedež je veljal" in answer.content.decode()
    assert Membership.objects.filter(pk=seat.pk).exists()


def test_admin_delete_page_of_a_person_in_the_record_answers_without_error(
    admin_client, mandate, chief, police, held
):
    Attendance.objects.create(session=held, person=chief, response="yes")
    address = reverse("admin:members_person_delete", args=[chief.pk])

    answer = admin_client.post(address, {"post": "yes"})

    assert answer.status_code == 200
    assert Person.objects.filter(pk=chief.pk).exists()


def test_admin_cannot_delete_a_kept_seat_from_the_mandate_page(
    admin_client, mandate, chief, police, held
):
    seat = make_seat(mandate, chief, police)
    address = reverse("admin:members_mandate_change", args=[mandate.pk])
    prefix = "memberships"
    form = {
        "council": mandate.council_id,
        "label": mandate.label,
        "starts_on": mandate.starts_on.isoformat(),
        "ends_on": mandate.ends_on.isoformat(),
        "seen_version": mandate.lock_version,
        f"{prefix}-TOTAL_FORMS": 1,
        f"{prefix}-INITIAL_FORMS": 1,
        f"{prefix}-0-id": seat.pk,
        f"{prefix}-0-mandate": mandate.pk,
        f"{prefix}-0-person": chief.pk,
        f"{prefix}-0-organization": police.pk,
        f"{prefix}-0-role": seat.role,
        f"{prefix}-0-starts_on": seat.starts_on.isoformat(),
        f"{prefix}-0-DELETE": "on",
    }

    answer = admin_client.post(address, form)

    assert answer.status_code == 200
    assert "Namesto tega sedež zaključite." in answer.content.decode()
    assert Membership.objects.filter(pk=seat.pk).exists()
