"""The invariants of members and mandates, each with the Slovenian message a secretary sees."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from members.models import Council, Mandate, Membership, Organization, Person
from tests.conftest import make_seat

pytestmark = pytest.mark.django_db


def messages_of(excinfo):
    return " ".join(excinfo.value.messages)


def test_mandate_must_end_after_it_starts(council):
    mandate = Mandate(
        council=council, starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2022, 1, 1)
    )
    with pytest.raises(ValidationError) as excinfo:
        mandate.full_clean()
    assert "Mandat se mora končati po začetku." in messages_of(excinfo)


def test_database_refuses_a_mandate_that_ends_before_it_starts(council):
    with pytest.raises(IntegrityError), transaction.atomic():
        Mandate.objects.create(
            council=council, starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2022, 1, 1)
        )


def test_mandates_of_one_council_cannot_overlap(council, mandate):
    overlapping = Mandate(
        council=council, starts_on=mandate.ends_on, ends_on=mandate.ends_on.replace(year=2040)
    )
    with pytest.raises(ValidationError) as excinfo:
        overlapping.full_clean()
    assert "se prekriva z mandatom" in messages_of(excinfo)


def test_mandate_label_defaults_to_its_years(council):
    mandate = Mandate.objects.create(
        council=council, starts_on=datetime.date(2022, 12, 1), ends_on=datetime.date(2026, 11, 30)
    )
    assert str(mandate) == "2022 – 2026"


def test_membership_must_begin_within_its_mandate(mandate, chief, police):
    seat = Membership(
        mandate=mandate,
        person=chief,
        organization=police,
        starts_on=mandate.starts_on - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as excinfo:
        seat.full_clean()
    assert "Članstvo se mora začeti v času mandata" in messages_of(excinfo)


def test_membership_must_end_within_its_mandate(mandate, chief, police):
    seat = Membership(
        mandate=mandate,
        person=chief,
        organization=police,
        starts_on=mandate.starts_on,
        ends_on=mandate.ends_on + datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as excinfo:
        seat.full_clean()
    assert "Članstvo se mora končati v času mandata" in messages_of(excinfo)


def test_membership_cannot_end_before_it_starts(mandate, chief, police):
    seat = Membership(
        mandate=mandate,
        person=chief,
        organization=police,
        starts_on=mandate.starts_on + datetime.timedelta(days=10),
        ends_on=mandate.starts_on,
    )
    with pytest.raises(ValidationError) as excinfo:
        seat.full_clean()
    assert "Članstvo se ne more končati pred začetkom." in messages_of(excinfo)


def test_a_person_holds_one_seat_at_a_time(mandate, chief, police, council):
    make_seat(mandate, chief, police, ends_on=mandate.starts_on + datetime.timedelta(days=100))
    city = Organization.objects.create(council=council, name="Mestna uprava")
    overlapping = Membership(
        mandate=mandate,
        person=chief,
        organization=city,
        starts_on=mandate.starts_on + datetime.timedelta(days=50),
    )
    with pytest.raises(ValidationError) as excinfo:
        overlapping.full_clean()
    assert "Ta oseba je v tem času že članica sosveta." in messages_of(excinfo)


def test_a_person_may_take_another_seat_after_leaving_the_first(mandate, chief, police, council):
    make_seat(mandate, chief, police, ends_on=mandate.starts_on + datetime.timedelta(days=100))
    city = Organization.objects.create(council=council, name="Mestna uprava")
    later = Membership(
        mandate=mandate,
        person=chief,
        organization=city,
        starts_on=mandate.starts_on + datetime.timedelta(days=101),
    )
    later.full_clean()


def test_database_refuses_two_open_seats_for_one_person(mandate, chief, police):
    make_seat(mandate, chief, police)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_seat(mandate, chief, police)


def _woman(council, first_name):
    return Person.objects.create(
        council=council, first_name=first_name, last_name="Novak", gender=Person.Gender.FEMALE
    )


def test_at_most_one_chair_at_any_date(mandate, police, council):
    make_seat(mandate, _woman(council, "Ana"), police, role=Membership.Role.CHAIR)
    second = Membership(
        mandate=mandate,
        person=_woman(council, "Maja"),
        organization=police,
        role=Membership.Role.CHAIR,
        starts_on=mandate.ends_on,
    )
    with pytest.raises(ValidationError) as excinfo:
        second.full_clean()
    assert "Sosvet ima v tem času že predsednika." in messages_of(excinfo)


def test_a_new_chair_may_follow_the_previous_one(mandate, police, council):
    handover = mandate.starts_on + datetime.timedelta(days=365)
    make_seat(mandate, _woman(council, "Ana"), police, role="chair", ends_on=handover)
    successor = Membership(
        mandate=mandate,
        person=_woman(council, "Maja"),
        organization=police,
        role=Membership.Role.CHAIR,
        starts_on=handover + datetime.timedelta(days=1),
    )
    successor.full_clean()


def test_database_refuses_two_open_chairs(mandate, police, council):
    make_seat(mandate, _woman(council, "Ana"), police, role="chair")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_seat(mandate, _woman(council, "Maja"), police, role="chair")


def test_organization_names_are_unique_within_a_council(council, police):
    duplicate = Organization(council=council, name=police.name)
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()
    assert "Sosvet že ima organizacijo s tem imenom." in messages_of(excinfo)


def test_role_title_agrees_with_the_persons_gender(mandate, police, council, chief):
    chair = make_seat(mandate, _woman(council, "Ana"), police, role="chair")
    seat = make_seat(mandate, chief, police)
    assert (chair.role_title, seat.role_title) == ("predsednica", "član")


def test_council_slug_cannot_take_an_address_the_portal_uses():
    council = Council(slug="admin", name="X", municipality="X")
    with pytest.raises(ValidationError) as excinfo:
        council.full_clean()
    assert "To kratko ime uporablja portal" in messages_of(excinfo)


def test_mandate_dates_cannot_leave_its_seats_outside(mandate, chief, police):
    make_seat(mandate, chief, police)
    mandate.starts_on = mandate.starts_on.replace(year=mandate.starts_on.year + 1)
    with pytest.raises(ValidationError) as excinfo:
        mandate.full_clean()
    assert "Članstva tega mandata so zunaj teh datumov" in messages_of(excinfo)


def test_mandate_dates_cannot_leave_its_sessions_outside(mandate):
    from meetings.models import Session

    Session.objects.create(mandate=mandate, number=1, date=mandate.ends_on)
    mandate.ends_on = mandate.ends_on.replace(year=mandate.ends_on.year - 1)
    with pytest.raises(ValidationError) as excinfo:
        mandate.full_clean()
    assert "Seje tega mandata so zunaj teh datumov" in messages_of(excinfo)
