"""Slovenian first: dates, months, plural forms and a complete catalogue."""

import datetime
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from lxml import html

from meetings.models import Session
from members.models import Organization, Person
from tests.conftest import make_seat

CATALOGUE = Path(__file__).resolve().parent.parent / "locale/sl/LC_MESSAGES/django.po"


def render(source, **context):
    return Template("{% load i18n %}" + source).render(Context(context))


def test_dates_print_the_slovenian_way():
    assert (
        render("{{ day|date:'SHORT_DATE_FORMAT' }}", day=datetime.date(2023, 4, 7)) == "7. 4. 2023"
    )
    assert render("{{ day|date }}", day=datetime.date(2023, 4, 7)) == "7. 4. 2023"


def test_month_names_are_lower_case():
    months = [render("{{ day|date:'F' }}", day=datetime.date(2024, m, 1)) for m in range(1, 13)]
    assert months == [
        "januar", "februar", "marec", "april", "maj", "junij",
        "julij", "avgust", "september", "oktober", "november", "december",
    ]  # fmt: skip


def test_english_is_the_second_language():
    with translation.override("en"):
        assert render("{% translate 'Members' %}") == "Members"
        assert render("{{ day|date }}", day=datetime.date(2023, 4, 7)) == "7 April 2023"
    assert render("{% translate 'Members' %}") == "Člani"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("count", "expected"), [(1, "1 član,"), (2, "2 člana,"), (3, "3 člani,"), (5, "5 članov,")]
)
def test_member_count_uses_all_four_slovenian_plural_forms(
    client, member, mandate, council, count, expected
):
    organization = Organization.objects.create(council=council, name="PP Ptuj")
    for number in range(count):
        person = Person.objects.create(council=council, first_name=f"I{number}", last_name="P")
        make_seat(mandate, person, organization)
    client.force_login(member)
    page = client.get(reverse("members:roster", kwargs={"council": council.slug})).content.decode()
    assert expected in page


@pytest.mark.django_db
def test_visitor_can_switch_the_interface_to_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in page
    assert "Forgotten password?" in page


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["sl", "en"])
def test_language_switch_shows_the_language_in_use_as_chosen(client, language):
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    page = html.fromstring(client.get(reverse("login")).content)
    chosen = page.xpath("//select[@name='language']/option[@selected]/@value")
    assert chosen == [language]
    assert page.xpath("//select[@name='language']/option/@value") == ["sl", "en"]


def test_slovenian_catalogue_is_complete():
    with CATALOGUE.open("rb") as po:
        catalogue = read_po(po)
    untranslated = [
        message.id
        for message in catalogue
        if message.id
        and (message.fuzzy or not all(message.string if message.pluralizable else [message.string]))
    ]
    assert untranslated == []
    assert catalogue.num_plurals == 4


@pytest.mark.django_db
def test_browser_language_does_not_override_slovenian(client):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="sl">' in page


@pytest.mark.django_db
def test_roster_lists_organizations_in_slovenian_alphabetical_order(
    client, member, mandate, council
):
    for name in ("Zavod", "Četrtne skupnosti", "CSD", "Društvo"):
        make_seat(mandate, None, Organization.objects.create(council=council, name=name))
    client.force_login(member)
    page = client.get(reverse("members:roster", kwargs={"council": council.slug})).content.decode()
    positions = [
        page.index(f">{name}<") for name in ("CSD", "Četrtne skupnosti", "Društvo", "Zavod")
    ]
    assert positions == sorted(positions)


@pytest.mark.django_db
def test_english_names_sessions_and_says_when_and_where_the_english_way(client, member, mandate):
    day = datetime.date.today() + datetime.timedelta(days=7)
    session = Session.objects.create(
        mandate=mandate, number=2, date=day, time=datetime.time(10, 0), place="Council chamber"
    )
    client.post(reverse("set_language"), {"language": "en"})
    client.force_login(member)
    page = client.get(session.get_absolute_url()).content.decode()
    with translation.override("en"):
        when = f"{day.day} {date_format(day, 'M')} {day.year} at 10:00"
    assert "<h1>Session 2" in page
    assert when in page
    dashboard = client.get(reverse("dashboard", kwargs={"council": "ptuj"})).content.decode()
    assert f"Session 2</a> – {when}, Council chamber" in dashboard
