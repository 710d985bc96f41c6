"""The year at a glance in a real browser: reached from the council's tabs, its charts named
images beside their tables, axe-clean with data and without."""

import pytest
from playwright.sync_api import expect

from reports.services import report_create
from tests.browser.conftest import assert_accessible, open_tab, sign_in
from tests.meetings.statistics_state import prepare_year

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_opens_the_statistics_of_last_year_from_the_tabs(
    page, live_server, member, mandate, police
):
    year = prepare_year(mandate, police)
    sign_in(page, live_server, member)
    page.goto("/")
    open_tab(page, "Statistika")
    page.get_by_role("navigation", name="Leto").get_by_role("link", name=str(year)).click()
    expect(page.get_by_role("heading", name=f"Leto {year} na kratko")).to_be_visible()
    for title in (
        f"Načrtovane in izvedene seje po mesecih, {year}",
        f"Udeležba po sejah, {year}",
        f"Udeležba po organizacijah, {year}",
        f"Sklepi v letu {year}",
    ):
        expect(page.get_by_role("img", name=title)).to_be_visible()
        expect(page.get_by_role("table", name=f"Številke grafikona: {title}")).to_be_visible()
    assert_accessible(page)


def test_a_year_without_sessions_is_calm_and_accessible(
    page, live_server, mayors_office, mandate, police
):
    year = prepare_year(mandate, police)
    sign_in(page, live_server, mayors_office)
    page.goto(f"/ptuj/seje/statistika/?leto={year - 20}")
    expect(
        page.get_by_text(f"V letu {year - 20} ni bila načrtovana ali izvedena nobena seja.")
    ).to_be_visible()
    expect(page.get_by_role("img")).to_have_count(0)
    assert_accessible(page)


def test_secretary_puts_a_chart_into_the_draft_report(
    page, live_server, secretary, council, mandate, police
):
    year = prepare_year(mandate, police)
    report = report_create(council, year, by=None)
    sign_in(page, live_server, secretary)
    page.goto(f"/ptuj/porocila/{report.pk}/uredi/")
    page.get_by_role("checkbox", name="Sklepi").check()
    preview = page.get_by_role("article", name="Dokument")
    expect(preview.get_by_role("img", name=f"Sklepi v letu {year}")).to_be_visible()  # htmx
    assert_accessible(page)
    page.get_by_role("button", name="Shrani").click()
    preview = page.get_by_role("article", name="Dokument")
    expect(preview.get_by_role("img", name=f"Sklepi v letu {year}")).to_be_visible()
    expect(
        preview.get_by_role("table", name=f"Številke grafikona: Sklepi v letu {year}")
    ).to_be_visible()
    assert_accessible(page)
