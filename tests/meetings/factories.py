"""Small builders for meetings tests."""

import datetime

from django.utils import timezone

from meetings.models import AgendaItem, Session
from members.models import Person
from tests.conftest import make_seat


def make_session(mandate, number=1, *, days_ahead=14, **extra):
    extra.setdefault("date", timezone.localdate() + datetime.timedelta(days=days_ahead))
    extra.setdefault("time", datetime.time(17, 0))
    extra.setdefault("place", "Mestna hiša, sejna soba")
    return Session.objects.create(mandate=mandate, number=number, **extra)


def make_items(session, *titles):
    return [
        AgendaItem.objects.create(session=session, position=position, title=title)
        for position, title in enumerate(titles, start=1)
    ]


def seat_member(mandate, organization, first_name, *, user=None, **extra):
    """A person with a seat covering the whole mandate, optionally linked to a user account."""
    person = Person.objects.create(
        council=mandate.council,
        first_name=first_name,
        last_name="Članica",
        gender=Person.Gender.FEMALE,
        email=f"{first_name.lower()}@example.si",
        user=user,
    )
    make_seat(mandate, person, organization, **extra)
    return person
