"""The rule of a mandate in force, written once as SQL (members.sql.mandate_covers), answers at
its edges, through the ORM (MandateQuerySet.covering) and the roster's own query."""

import datetime

import pytest
from django.utils import timezone

from members.models import Mandate, mandate_in_force_or_latest

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def test_a_mandate_is_in_force_from_its_first_to_its_last_day(council):
    mandate = Mandate.objects.create(
        council=council, starts_on=datetime.date(2022, 12, 1), ends_on=datetime.date(2026, 11, 30)
    )
    for day, covered in [
        (mandate.starts_on - DAY, False),
        (mandate.starts_on, True),
        (mandate.ends_on, True),
        (mandate.ends_on + DAY, False),
    ]:
        assert list(Mandate.objects.covering(day)) == ([mandate] if covered else []), day
        assert list(Mandate.objects.covering(day.isoformat())) == list(
            Mandate.objects.covering(day)
        ), day


def test_the_roster_shows_the_mandate_in_force_today_else_the_latest(council, other_council):
    assert mandate_in_force_or_latest(council) is None
    today = timezone.localdate()
    past = Mandate.objects.create(council=council, starts_on=today - 30 * DAY, ends_on=today - DAY)
    Mandate.objects.create(council=other_council, starts_on=today, ends_on=today + 9 * DAY)
    assert mandate_in_force_or_latest(council) == past  # between mandates, the latest
    later = Mandate.objects.create(
        council=council, starts_on=today + 2 * DAY, ends_on=today + 30 * DAY
    )
    assert mandate_in_force_or_latest(council) == later
    in_force = Mandate.objects.create(council=council, starts_on=today, ends_on=today + DAY)
    shown = mandate_in_force_or_latest(council)
    assert shown == in_force  # before a later one
    assert (shown.label, shown.starts_on, shown.ends_on, shown.council) == (
        in_force.label,
        today,
        today + DAY,
        council,
    )
