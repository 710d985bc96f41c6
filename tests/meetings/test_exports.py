"""The secretary exports the session list, the register of resolutions and the roster as CSV and
XLSX; the register filters by year, status, responsible organization and overdue."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Resolution, Session
from members.models import Organization
from tests.meetings.factories import make_items, make_session, seat_member

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"council": "ptuj", **kwargs})


def read_csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # spreadsheet apps then read č, š, ž right
    return list(csv.reader(io.StringIO(text[1:])))


def read_xlsx(response):
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.fixture
def register(mandate, police):
    """Three resolutions: one overdue (police), one carried out (police), one rejected, and one
    of the wardens, open with time left."""
    today = timezone.localdate()
    wardens = Organization.objects.create(council=mandate.council, name="Medobčinsko redarstvo")
    held = make_session(mandate, 1, days_ahead=-20, status=Session.Status.HELD)
    first, second = make_items(held, "Varnost v prometu", "Šolske poti")
    Resolution.objects.create(
        session=held,
        item=first,
        number=1,
        text="Zamujena naloga",
        responsible=police,
        deadline=today - datetime.timedelta(days=3),
    )
    Resolution.objects.create(
        session=held,
        item=first,
        number=2,
        text="Opravljena naloga",
        responsible=police,
        done_on=today,
    )
    Resolution.objects.create(
        session=held,
        item=second,
        number=3,
        text="Zavrnjen predlog",
        outcome=Resolution.Outcome.REJECTED,
    )
    Resolution.objects.create(
        session=held,
        item=second,
        number=4,
        text="=Naloga redarstva",
        responsible=wardens,
        deadline=today + datetime.timedelta(days=30),
    )
    return held  # fmt: skip


TEXTS = ["Zamujena naloga", "Opravljena naloga", "Zavrnjen predlog", "=Naloga redarstva"]


def listed(page):
    return [text for text in TEXTS if text in page]


def test_register_filters_by_status_organization_and_overdue(client, member, register, police):
    client.force_login(member)
    page = lambda query: client.get(url("resolution_register") + query).content.decode()  # noqa: E731
    assert listed(page("")) == TEXTS
    assert listed(page("?stanje=odprt")) == ["Zamujena naloga", "=Naloga redarstva"]
    assert listed(page("?stanje=izveden")) == ["Opravljena naloga"]
    assert listed(page("?stanje=zavrnjen")) == ["Zavrnjen predlog"]
    assert listed(page(f"?organizacija={police.pk}")) == ["Zamujena naloga", "Opravljena naloga"]
    assert listed(page("?zapadli=on")) == ["Zamujena naloga"]
    # the overview's link to the open follow-ups still works
    assert listed(page("?odprti=1")) == ["Zamujena naloga", "=Naloga redarstva"]


def test_register_filters_by_the_year_of_the_session(client, member, register, mandate):
    client.force_login(member)
    year = register.date.year
    assert listed(client.get(url("resolution_register") + f"?leto={year}").content.decode())
    other_year = client.get(url("resolution_register") + f"?leto={year + 5}").content.decode()
    assert listed(other_year) == []
    assert "Nobeden sklep ne ustreza tem filtrom." in other_year


@pytest.mark.parametrize(
    "query",
    ["?leto=abc", "?leto=99999999999999999999", "?stanje=vse", "?organizacija=x",
     "?organizacija=99999999999999999999", "?leto=-4&stanje=odprt"],
)  # fmt: skip
def test_register_names_a_filter_it_cannot_read_and_keeps_the_others(
    client, member, register, query
):
    client.force_login(member)
    response = client.get(url("resolution_register") + query)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nekaterih filtrov ni mogoče prebrati" in page
    assert "is-invalid" in page
    expected = ["Zamujena naloga", "=Naloga redarstva"] if "odprt" in query else TEXTS
    assert listed(page) == expected


def test_secretary_exports_the_filtered_register(client, secretary, register, police):
    client.force_login(secretary)
    query = f"?organizacija={police.pk}"
    rows = read_csv(client.get(url("resolution_export", fmt="csv") + query))
    assert rows[0][:4] == ["Seja", "Datum seje", "Sklep", "Besedilo"]
    assert [row[3] for row in rows[1:]] == ["Zamujena naloga", "Opravljena naloga"]
    assert rows[1][8] == "da" and rows[2][8] == "ne"  # overdue
    sheet = read_xlsx(client.get(url("resolution_export", fmt="xlsx")))
    assert [row[3] for row in sheet[1:]] == TEXTS
    assert sheet[1][1] == datetime.datetime.combine(register.date, datetime.time())


def test_text_that_looks_like_a_formula_stays_text(client, secretary, register):
    client.force_login(secretary)
    rows = read_csv(client.get(url("resolution_export", fmt="csv") + "?stanje=odprt"))
    assert rows[2][3] == "'=Naloga redarstva"  # a spreadsheet shows it, does not compute it
    response = client.get(url("resolution_export", fmt="xlsx") + "?stanje=odprt")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cell = sheet.cell(row=3, column=4)
    assert (cell.value, cell.data_type) == ("=Naloga redarstva", "s")


def test_export_with_filters_it_cannot_read_goes_back_to_the_register(client, secretary, register):
    client.force_login(secretary)
    response = client.get(url("resolution_export", fmt="csv") + "?leto=abc", follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0].endswith("/sklepi/?leto=abc")
    assert "Pred izvozom popravite filtre." in page


def test_secretary_exports_a_years_sessions(client, secretary, mandate):
    session = make_session(mandate, 1, days_ahead=-3, status=Session.Status.HELD)
    make_items(session, "Prva", "Druga")
    client.force_login(secretary)
    year = session.date.year
    rows = read_csv(client.get(url("session_export", fmt="csv") + f"?leto={year}"))
    assert rows[0][0] == "Seja" and len(rows) == 2
    assert rows[1][:4] == ["1. seja", "redna", "izvedena", session.date.isoformat()]
    assert rows[1][8] == "2"
    sheet = read_xlsx(client.get(url("session_export", fmt="xlsx") + f"?leto={year}"))
    assert sheet[1][0] == "1. seja" and sheet[1][8] == 2


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_of_a_year_without_sessions_is_the_header_row_alone(client, secretary, mandate, fmt):
    make_session(mandate, 1)
    client.force_login(secretary)
    response = client.get(url("session_export", fmt=fmt) + "?leto=1999")
    assert response.status_code == 200
    rows = read_csv(response) if fmt == "csv" else read_xlsx(response)
    assert len(rows) == 1 and rows[0][0] == "Seja"
    assert 'filename="seje-ptuj-1999.' in response["Content-Disposition"]


def test_session_export_of_no_year_says_so(client, secretary, mandate):
    client.force_login(secretary)
    response = client.get(url("session_export", fmt="csv") + "?leto=" + "9" * 10000, follow=True)
    assert response.status_code == 200
    assert "Leto za izvoz mora biti število od 1 do 9999." in response.content.decode()


def test_secretary_exports_the_roster_with_contacts(client, secretary, mandate, police):
    person = seat_member(mandate, police, "Špela")
    person.phone = "02 123 45 67"
    person.save()
    client.force_login(secretary)
    roster = reverse("members:roster_export", kwargs={"council": "ptuj", "fmt": "csv"})
    rows = read_csv(client.get(roster))
    assert rows[0] == ["Organizacija", "Oseba", "Vloga", "Funkcija", "Od", "Do", "E-naslov",
                       "Telefon"]  # fmt: skip
    assert rows[1][:3] == ["Policijska postaja Ptuj", "Špela Članica", "članica"]
    assert rows[1][6:] == ["špela@example.si", "02 123 45 67"]
    sheet = read_xlsx(client.get(roster.replace(".csv", ".xlsx")))
    assert sheet[1][1] == "Špela Članica"


def test_only_the_secretary_sees_the_export_links(client, secretary, member, register):
    client.force_login(member)
    assert "izvoz.csv" not in client.get(url("resolution_register")).content.decode()
    client.force_login(secretary)
    page = client.get(url("resolution_register") + "?stanje=odprt").content.decode()
    assert "/sklepi/izvoz.csv?stanje=odprt" in page
    assert "/izvoz.xlsx?leto=" in client.get(url("session_list")).content.decode()


@pytest.mark.parametrize("size", [1, 8])
def test_register_page_costs_the_same_however_long(
    client, secretary, mandate, police, size, django_assert_num_queries
):
    held = make_session(mandate, 1, days_ahead=-3, status=Session.Status.HELD)
    items = make_items(held, *[f"Točka {n}" for n in range(size)])
    for number, item in enumerate(items, start=1):
        Resolution.objects.create(session=held, item=item, number=number, text="Sklep",
                                  responsible=police)  # fmt: skip
    client.force_login(secretary)
    # The session, the login with its role, its device; the organization asked for, the count,
    # the organizations to choose from and the page of resolutions.
    with django_assert_num_queries(7):
        client.get(url("resolution_register") + f"?stanje=odprt&organizacija={police.pk}")
