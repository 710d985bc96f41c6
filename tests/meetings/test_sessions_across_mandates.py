"""Sessions are numbered within their mandate: a new mandate starts again at its constitutive
"1. seja", and a date outside the mandate is refused with what to do about it."""

import datetime

import pytest
from django.urls import reverse

from meetings.models import Session
from members.models import Mandate
from tests.meetings.factories import make_session

pytestmark = pytest.mark.django_db

D = datetime.date


def url(name, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"council": "ptuj", **kwargs})


@pytest.fixture
def ending(council):
    """The 2022 – 2026 mandate, with its four sessions held."""
    mandate = Mandate.objects.create(
        council=council, starts_on=D(2022, 12, 1), ends_on=D(2026, 11, 30)
    )
    for number in range(1, 5):
        make_session(mandate, number, date=D(2023 + number // 2, 4, 7), status=Session.Status.HELD)
    return mandate


@pytest.fixture
def following(council, ending):
    return Mandate.objects.create(
        council=council, starts_on=D(2026, 12, 1), ends_on=D(2030, 11, 30)
    )


def test_first_session_of_a_new_mandate_is_suggested_as_the_constitutive_1(
    client, secretary, following
):
    client.force_login(secretary)
    form = client.get(url("session_create") + f"?mandat={following.pk}").context["form"]
    assert form["mandate"].value() == following.pk
    assert form["number"].value() == 1
    assert form["kind"].value() == Session.Kind.CONSTITUTIVE


def test_next_session_of_a_mandate_with_sessions_is_numbered_on_as_a_regular_one(
    client, secretary, ending
):
    client.force_login(secretary)
    form = client.get(url("session_create") + f"?mandat={ending.pk}").context["form"]
    assert form["number"].value() == 5
    assert form["kind"].value() == Session.Kind.REGULAR


def test_a_mandate_of_another_council_or_nonsense_is_not_suggested(
    client, secretary, ending, other_council
):
    theirs = Mandate.objects.create(
        council=other_council, starts_on=D(2030, 12, 1), ends_on=D(2034, 11, 30)
    )
    client.force_login(secretary)
    for asked in (str(theirs.pk), "x", "²", "9" * 30):
        response = client.get(url("session_create") + f"?mandat={asked}")
        assert response.status_code == 200, asked
        assert response.context["form"]["mandate"].value() != theirs.pk


def test_new_mandate_numbers_its_sessions_from_1_again(client, secretary, following):
    client.force_login(secretary)
    data = {"mandate": following.pk, "number": 1, "kind": "constitutive", "date": "2027-01-15",
            "place": "Mestna hiša"}  # fmt: skip
    response = client.post(url("session_create"), data)
    assert response.status_code == 302
    first = following.sessions.get()
    assert (first.number, first.kind) == (1, Session.Kind.CONSTITUTIVE)
    assert Session.objects.filter(number=1).count() == 2  # one in each mandate


def test_date_after_the_last_mandate_names_it_and_says_what_to_do(client, secretary, ending):
    client.force_login(secretary)
    data = {"mandate": ending.pk, "number": 5, "kind": "regular", "date": "2026-12-10"}
    text = client.post(url("session_create"), data).content.decode()
    assert (
        "Datum je zunaj mandata 2022 – 2026 (1. 12. 2022 – 30. 11. 2026). Izberite datum v "
        "mandatu ali najprej vnesite nov mandat." in text
    )
    assert "%(" not in text
    assert not ending.sessions.filter(number=5).exists()


def test_date_in_the_next_mandate_says_to_choose_that_mandate(client, secretary, following):
    client.force_login(secretary)
    ending = Mandate.objects.get(starts_on=D(2022, 12, 1))
    data = {"mandate": ending.pk, "number": 5, "kind": "regular", "date": "2026-12-10"}
    text = client.post(url("session_create"), data).content.decode()
    assert (
        "Datum je zunaj mandata 2022 – 2026 (1. 12. 2022 – 30. 11. 2026); spada v mandat "
        "2026 – 2030. Izberite ta mandat." in text
    )


def test_planned_month_outside_the_mandate_is_named_too(client, secretary, ending):
    client.force_login(secretary)
    data = {"mandate": ending.pk, "number": 5, "kind": "regular", "planned_month": "2027-02"}
    text = client.post(url("session_create"), data).content.decode()
    assert "Mesec je zunaj mandata 2022 – 2026 (1. 12. 2022 – 30. 11. 2026)." in text


def test_a_date_before_the_start_in_the_mandates_first_month_is_outside(client, secretary, council):
    mandate = Mandate.objects.create(
        council=council, starts_on=D(2026, 12, 15), ends_on=D(2030, 12, 14)
    )
    client.force_login(secretary)
    data = {"mandate": mandate.pk, "number": 1, "kind": "constitutive", "date": "2026-12-10"}
    assert (
        "Datum je zunaj mandata 2026 – 2030"
        in client.post(url("session_create"), data).content.decode()
    )
    data = {"mandate": mandate.pk, "number": 1, "kind": "constitutive", "planned_month": "2026-12"}
    assert client.post(url("session_create"), data).status_code == 302  # that month has days in it


def test_the_message_is_filled_in_english_too(client, secretary, ending):
    client.force_login(secretary)
    client.post(reverse("set_language"), {"language": "en"})
    data = {"mandate": ending.pk, "number": 5, "kind": "regular", "date": "2026-12-10"}
    text = client.post(url("session_create"), data).content.decode()
    assert "The date is outside the mandate 2022 – 2026 (" in text
    assert "%(" not in text
