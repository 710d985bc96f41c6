"""The year at a glance: its tables agree with counts taken straight from the database, its
charts have accessible names, it costs a fixed number of queries, and an empty year is calm."""

import datetime

import pytest
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from lxml import html

from meetings.models import AgendaItem, Attendance, Resolution, Session
from members.models import Mandate, Membership, Organization
from tests.meetings.factories import make_session
from tests.meetings.statistics_state import prepare_year

pytestmark = pytest.mark.django_db

MONTHS = ["januar", "februar", "marec", "april", "maj", "junij",
          "julij", "avgust", "september", "oktober", "november", "december"]  # fmt: skip


def statistics_url(year=None, council="ptuj"):
    address = reverse("meetings:statistics", kwargs={"council": council})
    return f"{address}?leto={year}" if year else address


def open_page(client, user, year=None):
    client.force_login(user)
    response = client.get(statistics_url(year))
    assert response.status_code == 200
    return html.fromstring(response.content.decode())


def table(page, caption_start):
    """The rows of the table whose caption begins so, as {row header: [cells]}."""
    for candidate in page.iter("table"):
        caption = candidate.find("caption")
        if caption is not None and caption.text_content().strip().startswith(caption_start):
            return {
                row[0].text_content().strip(): [cell.text_content().strip() for cell in row[1:]]
                for row in candidate.find("tbody").iter("tr")
            }
    raise AssertionError(f"no table captioned {caption_start!r}")


def rate(part, whole):
    """Whole percent, halves up, as the page writes it."""
    return f"{int(100 * part / whole + 0.5)}\u00a0%"


def of_year(council, year):
    """The year's sessions, as the session list has them: by date, or by the planned month."""
    sessions = Session.objects.filter(mandate__council=council)
    return sessions.filter(Q(date__year=year) | Q(date__isnull=True, planned_month__year=year))


def seats_on(council, day):
    return Membership.objects.filter(
        mandate__council=council, person__isnull=False, starts_on__lte=day
    ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))


@pytest.fixture
def year(mandate, police, other_council):
    year = prepare_year(mandate, police)
    # A session of another council in the same year counts nowhere here.
    elsewhere = Mandate.objects.create(
        council=other_council,
        starts_on=datetime.date(year, 1, 1),
        ends_on=datetime.date(year + 3, 12, 31),
    )
    make_session(elsewhere, 1, date=datetime.date(year, 4, 10), status=Session.Status.HELD)
    return year


def test_sessions_by_month_agree_with_the_database(client, member, council, year):
    page = open_page(client, member, year)
    rows = table(page, "Številke grafikona: Načrtovane in izvedene seje po mesecih")
    sessions = of_year(council, year)
    for month, name in enumerate(MONTHS, start=1):
        planned = (
            sessions.filter(planned_month__year=year, planned_month__month=month)
            | sessions.filter(date__month=month).exclude(planned_month__year=year)
        ).count()
        held = sessions.filter(status=Session.Status.HELD, date__month=month).count()
        assert rows[name] == [str(planned), str(held)], name
    assert sum(int(planned) for planned, _held in rows.values()) == sessions.count()
    figures = {dt.text_content(): dt.getnext().text_content() for dt in page.iter("dt")}
    assert figures["Načrtovane"] == str(sessions.count())
    assert figures["Izvedene"] == str(sessions.filter(status="held").count())
    assert figures["Odpovedane"] == str(sessions.filter(status="cancelled").count())
    assert figures["Še pred nami"] == str(
        sessions.filter(status__in=["planned", "convened"]).count()
    )


def test_attendance_by_session_agrees_with_the_database(client, member, council, year):
    page = open_page(client, member, year)
    rows = table(page, "Številke grafikona: Udeležba po sejah")
    held = of_year(council, year).filter(status=Session.Status.HELD)
    recorded = held.filter(attendances__presence__gt="").distinct()
    assert len(rows) == recorded.count() >= 2
    for session in recorded:
        seats = seats_on(council, session.date)
        counts = [
            Attendance.objects.filter(
                session=session, presence=presence, person__memberships__in=seats
            ).count()
            for presence in ("present", "excused", "absent")
        ]
        expected = [str(seats.count()), *map(str, counts), rate(counts[0], seats.count())]
        day = session.date
        assert rows[f"{session} ({day.day}. {day.month}. {day.year})"] == expected, session
    (not_recorded,) = held.exclude(pk__in=recorded)
    assert f"Udeležba ni bila zabeležena za: {not_recorded}." in page.text_content()


def test_attendance_by_organization_agrees_with_the_database(client, member, council, year):
    page = open_page(client, member, year)
    rows = table(page, "Številke grafikona: Udeležba po organizacijah")
    recorded = of_year(council, year).filter(status="held", attendances__presence__gt="").distinct()
    expected = {}
    for organization in Organization.objects.filter(council=council):
        seats = present = 0
        for session in recorded:
            held_seats = seats_on(council, session.date).filter(organization=organization)
            seats += held_seats.count()
            present += Attendance.objects.filter(
                session=session, presence="present", person__memberships__in=held_seats
            ).count()
        if seats:
            name = organization.short_name or organization.name
            expected[name] = [str(seats), str(present), rate(present, seats)]
    assert rows == expected
    # In Slovenian order: Č after C, before M.
    assert list(rows) == ["Četrtna skupnost Center", "Mestna uprava", "PP Ptuj"]


def test_resolutions_agree_with_the_database(client, member, council, year):
    page = open_page(client, member, year)
    rows = table(page, "Številke grafikona: Sklepi")
    resolutions = Resolution.objects.filter(
        session__mandate__council=council, session__date__year=year
    )
    adopted = resolutions.filter(outcome="adopted")
    open_ones = adopted.filter(responsible__isnull=False, done_on__isnull=True)
    assert rows == {
        "Sprejeti": [str(adopted.count())],
        "Izvršeni": [str(adopted.filter(done_on__isnull=False).count())],
        "Odprti": [str(open_ones.count())],
        "Po roku": [str(open_ones.filter(deadline__lt=timezone.localdate()).count())],
        "Zavrnjeni": [str(resolutions.filter(outcome="rejected").count())],
    }
    assert all(int(number) for [number] in rows.values())  # the state has each kind


def test_topics_are_the_held_sessions_items_with_one_title_counted_once(
    client, member, council, year
):
    page = open_page(client, member, year)
    rows = table(page, "Teme, obravnavane v letu")
    held_items = AgendaItem.objects.filter(
        session__mandate__council=council,
        session__status="held",
        session__date__year=year,
        withdrawn=False,
    )
    standing = held_items.filter(title__icontains="aktualna")
    assert rows["Aktualna varnostna problematika"][0] == str(
        standing.values("session").distinct().count()
    )
    assert len(rows) == held_items.exclude(pk__in=standing).count() + 1
    assert rows["Poročilo PP Ptuj"][2] == "Policijska postaja Ptuj"
    assert "Umaknjena" not in rows and "Odpovedana tema" not in rows


# Which columns of each chart's table the bars show (the first column names the row).
PLOTTED = {
    "sessions-by-month": [1, 2],  # planned and held
    "attendance-by-session": [-1],  # the rate
    "attendance-by-organization": [-1],
    "resolutions": [-1],
}


@pytest.mark.parametrize("copies", [1, 9])  # with many sessions their bars lie down
def test_every_chart_is_an_image_named_by_its_title_and_described(
    client, member, mandate, police, copies
):
    page = open_page(client, member, prepare_year(mandate, police, copies=copies))
    charts = page.xpath("//*[local-name()='svg' and contains(@class, 'chart')]")
    assert len(charts) == len(PLOTTED)
    for chart in charts:
        assert chart.get("role") == "img"
        name = page.get_element_by_id(chart.get("aria-labelledby"))
        description = page.get_element_by_id(chart.get("aria-describedby"))
        assert name.tag == "title" and name.getparent() is chart and name.text_content().strip()
        assert description.tag == "desc" and description.text_content().strip()
        figure = chart.xpath("ancestor::figure")[0]
        assert figure.find("figcaption").text_content() == name.text_content()
        # The table beside it holds the numbers the bars show, each written on its bar.
        rows = [[c.text_content() for c in row] for row in figure.xpath(".//table/tbody/tr")]
        numbers = [row[column] for row in rows for column in PLOTTED[figure.get("id")]]
        shown = [text.text_content() for text in chart.xpath(".//*[@class='value']")]
        nonzero = sorted(n for n in numbers if n.rstrip("\u00a0%") != "0")
        assert sorted(n for n in shown if n.rstrip("\u00a0%") != "0") == nonzero
        bars = chart.xpath(".//*[local-name()='rect' and @class='bar']")
        assert len(bars) == len(nonzero) > 0


def test_a_year_without_sessions_shows_empty_states(client, mayors_office, mandate, year):
    page = open_page(client, mayors_office, year - 30)
    text = page.text_content()
    assert f"V letu {year - 30} ni bila načrtovana ali izvedena nobena seja." in text
    assert f"Na nobeni seji, izvedeni v letu {year - 30}, udeležba ni bila zabeležena." in text
    assert f"Na sejah, izvedenih v letu {year - 30}, sosvet ni odločal o nobenem sklepu." in text
    assert not page.xpath("//*[local-name()='svg' and contains(@class, 'chart')]")
    assert not page.xpath("//main//table")


def test_a_council_without_mandates_or_sessions_opens(client, outsider):
    client.force_login(outsider)
    response = client.get(statistics_url(council="ormoz"))
    assert response.status_code == 200
    assert "ni bila načrtovana ali izvedena nobena seja" in response.content.decode()


@pytest.mark.parametrize("asked", ["abc", "0", "99999", ""])
def test_a_year_that_is_no_year_shows_this_one(client, member, mandate, asked):
    client.force_login(member)
    response = client.get(statistics_url() + f"?leto={asked}")
    assert response.status_code == 200
    this_year = timezone.localdate().year
    assert f"Leto {this_year} na kratko" in response.content.decode()


def test_the_year_picker_offers_the_years_with_sessions(client, member, year):
    page = open_page(client, member, year)
    picker = page.xpath("//nav[@aria-label='Leto']//a")
    years = [int(link.text_content()) for link in picker]
    assert years == sorted({year, year + 1, timezone.localdate().year}, reverse=True)
    (current,) = page.xpath("//nav[@aria-label='Leto']//a[@aria-current='page']")
    assert current.text_content() == str(year)


def test_a_session_with_neither_date_nor_month_belongs_to_no_year(client, member, mandate, year):
    make_session(mandate, 99, date=None)
    page = open_page(client, member, year)
    years = [int(link.text_content()) for link in page.xpath("//nav[@aria-label='Leto']//a")]
    assert years == sorted({year, year + 1, timezone.localdate().year}, reverse=True)


def test_every_role_reaches_it_from_the_council_tabs(client, member, mayors_office, secretary):
    for user in (member, mayors_office, secretary):
        client.force_login(user)
        page = html.fromstring(client.get(reverse("dashboard", kwargs={"council": "ptuj"})).content)
        tabs = page.xpath("//nav[@aria-label='Sosvet']//a")
        assert statistics_url() in [tab.get("href") for tab in tabs if tab.text == "Statistika"]


def test_outsider_gets_404_and_anonymous_the_login(client, outsider, year):
    assert client.get(statistics_url(year)).status_code == 302
    client.force_login(outsider)
    assert client.get(statistics_url(year)).status_code == 404


@pytest.mark.parametrize("copies", [1, 6])
@pytest.mark.parametrize(("login", "queries"), [("secretary", 7), ("member", 6)])
def test_the_page_costs_the_same_queries_however_much_the_year_holds(
    client, request, mandate, police, copies, login, queries, django_assert_num_queries
):
    year = prepare_year(mandate, police, copies=copies)
    client.force_login(request.getfixturevalue(login))
    # The session, the login with its role and the council, (the secretary's device;) the years,
    # the sessions with their figures, the attendance per organization, the topics.
    with django_assert_num_queries(queries):
        response = client.get(statistics_url(year))
    page = html.fromstring(response.content.decode())
    assert len(table(page, "Številke grafikona: Udeležba po sejah")) == copies + 1
    assert table(page, "Teme")["Aktualna varnostna problematika"][0] == str(copies + 1)
