"""The annual report in a real browser: the mayor's office downloads it, the secretary edits it."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, field, open_tab, sign_in
from tests.conftest import seed_demo
from tests.reports.helpers import pdf_text, says

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def demo(settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    seed_demo()


def log_in_demo(page, live_server, username):
    """One of the demo's logins, on the page signing in opens."""
    sign_in(page, live_server, username)
    page.goto("/")


def test_mayors_office_downloads_the_2023_report(page, live_server):
    log_in_demo(page, live_server, "kabinet")
    open_tab(page, "Letna poročila")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Prenesi Poročilo 2023 in plan 2024").click()
    assert download.value.suggested_filename == "porocilo-2023-plan-2024.pdf"
    text = pdf_text(Path(download.value.path()).read_bytes())
    assert says(text, "1. POROČILO O DELU VARNOSTNEGA SOSVETA V LETU 2023")


def test_secretary_edits_a_section_and_sees_it_in_the_preview(page, live_server):
    log_in_demo(page, live_server, "tajnik")
    open_tab(page, "Letna poročila")
    page.get_by_role("link", name="Poročilo 2023 in plan 2024", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Uredi").click()
    field(page, "1.4 Zaključek poročila").fill("Varnost je naša skupna skrb.")
    live = page.get_by_role("article", name="Dokument")
    live.get_by_text("Varnost je naša skupna skrb.").wait_for()  # before saving: htmx preview
    assert_accessible(page)
    page.get_by_role("button", name="Shrani").click()
    preview = page.get_by_role("article", name="Dokument")
    expect(preview.get_by_text("Varnost je naša skupna skrb.")).to_be_visible()
    expect(preview.get_by_role("heading", name="1.4. Zaključek poročila")).to_be_visible()


def test_secretary_adopts_the_report_picking_the_session_and_confirming(page, live_server):
    log_in_demo(page, live_server, "tajnik")
    open_tab(page, "Letna poročila")
    page.get_by_role("link", name="Poročilo 2023 in plan 2024", exact=True).click()
    page.get_by_role("link", name="Sprejmi").click()
    page.wait_for_load_state()  # the deferred script listens only once the page has loaded
    field(page, "Sprejeto na seji").select_option(label="1. seja, 7. 4. 2023")
    expect(field(page, "Datum sprejema")).to_have_value("2023-04-07")  # filled by the script
    page.get_by_role("button", name="Nadaljuj").click()
    expect(page.get_by_text("PDF poročila bo zamrznjen. Seja: 1. seja, 7. 4. 2023")).to_be_visible()
    expect(page.get_by_text("To je neobičajno")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Sprejmi in zamrzni PDF").click()
    page.get_by_text("Poročilo je sprejeto; njegov PDF je zdaj dokončen.").wait_for()
    expect(page.get_by_text("SHA-256 PDF-ja").first).to_be_visible()


def test_secretary_sees_which_sections_drafting_again_would_replace(page, live_server):
    log_in_demo(page, live_server, "tajnik")
    open_tab(page, "Letna poročila")
    page.get_by_role("link", name="Poročilo 2023 in plan 2024", exact=True).click()
    page.get_by_role("link", name="Uredi").click()
    field(page, "1.3 Seje (iz podatkov)").fill("Seje je opisala tajnica na roko.")
    page.get_by_role("button", name="Shrani").click()
    page.get_by_role("link", name="Ponovno pripravi dele iz podatkov").click()
    changed = page.get_by_role("region", name="1.3 Seje (iz podatkov)")
    assert changed.get_by_role("deletion").get_by_text("Seje je opisala tajnica na roko.").count()
    assert_accessible(page)
    page.get_by_role("button", name="Nadomesti besedilo").click()
    preview = page.get_by_role("article", name="Dokument")
    preview.get_by_text("Prva seja Varnostnega sosveta Mestne občine Ptuj").wait_for()
    assert not preview.get_by_text("Seje je opisala tajnica na roko.").count()
