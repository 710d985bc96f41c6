"""The overview reminds the secretary to prepare the next mandate: from 60 days before the last
mandate ends, and after it has ended until the next one is entered."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from members.models import Mandate
from members.rollover import renewal_notice

pytestmark = pytest.mark.django_db

D = datetime.date


def dashboard(client, user):
    client.force_login(user)
    return client.get(reverse("dashboard", kwargs={"council": "ptuj"})).content.decode()


def mandate_ending_in(council, days):
    ends_on = timezone.localdate() + datetime.timedelta(days=days)
    return Mandate.objects.create(
        council=council, starts_on=ends_on - datetime.timedelta(days=1460), ends_on=ends_on
    )


def shown(day):
    return date_format(day, "SHORT_DATE_FORMAT")


ROLLOVER = reverse("members:mandate_rollover", kwargs={"council": "ptuj"})


def test_no_notice_61_days_before_the_end(client, secretary, council):
    mandate_ending_in(council, 61)
    page = dashboard(client, secretary)
    assert "se izteče" not in page and ROLLOVER not in page


def test_notice_60_days_before_the_end_with_the_way_to_the_new_mandate(client, secretary, council):
    mandate = mandate_ending_in(council, 60)
    page = dashboard(client, secretary)
    label = mandate.label
    day = shown(mandate.ends_on)
    assert f"Mandat {label} se izteče {day} (čez 60 dni). Pripravite nov mandat." in page
    assert f'href="{ROLLOVER}">Nov mandat</a>' in page


@pytest.mark.parametrize(
    ("days", "words"), [(1, "čez 1 dan"), (2, "čez 2 dneva"), (3, "čez 3 dni"), (5, "čez 5 dni")]
)
def test_days_left_are_counted_in_slovenian(client, secretary, council, days, words):
    mandate_ending_in(council, days)
    assert f"({words})" in dashboard(client, secretary)


def test_last_day_of_the_mandate_says_today(client, secretary, council):
    mandate = mandate_ending_in(council, 0)
    page = dashboard(client, secretary)
    assert f"se izteče danes, {shown(mandate.ends_on)}. Pripravite nov mandat." in page


def test_ended_mandate_without_a_successor_is_reported(client, secretary, council):
    mandate = mandate_ending_in(council, -1)
    page = dashboard(client, secretary)
    expected = (
        f"Mandat {mandate.label} se je iztekel {shown(mandate.ends_on)}; nov mandat še ni vnesen."
    )
    assert expected in page
    assert ROLLOVER in page


@pytest.mark.parametrize("days", [-1, 30])
def test_no_notice_once_the_next_mandate_is_entered(client, secretary, council, days):
    ending = mandate_ending_in(council, days)
    start = ending.ends_on + datetime.timedelta(days=1)
    Mandate.objects.create(
        council=council, starts_on=start, ends_on=start.replace(year=start.year + 4)
    )
    page = dashboard(client, secretary)
    assert "se izteče" not in page and "se je iztekel" not in page


@pytest.mark.parametrize("persona", ["member", "mayors_office"])
def test_only_the_secretary_is_reminded(client, request, council, persona):
    mandate_ending_in(council, 10)
    page = dashboard(client, request.getfixturevalue(persona))
    assert "se izteče" not in page and ROLLOVER not in page


def test_the_ptuj_mandate_has_ended_on_1_december_2026(council):
    Mandate.objects.create(council=council, starts_on=D(2022, 12, 1), ends_on=D(2026, 11, 30))
    assert renewal_notice(council, today=D(2026, 10, 1)).days_left == 60
    assert renewal_notice(council, today=D(2026, 9, 30)) is None
    notice = renewal_notice(council, today=D(2026, 12, 1))
    assert notice.has_ended and notice.mandate.label == "2022 – 2026"
