"""The agenda (the session page), the register of resolutions and the roster as they print: in
Chromium with print media, no navigation, buttons or forms, black on white, and no agenda item,
table row or seat split between two sheets."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from meetings.models import Material, Resolution, Session
from tests.browser.conftest import sign_in
from tests.meetings.factories import make_items, make_session, seat_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLACK, WHITE, CLEAR = "rgb(0, 0, 0)", "rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"


@pytest.fixture
def held(mandate, police, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    session = make_session(mandate, 1, days_ahead=-2, status=Session.Status.HELD)
    first, _second = make_items(session, "Informacija o varnostnih pojavih", "Razno")
    Material.objects.create(
        item=first,
        file=SimpleUploadedFile("porocilo.pdf", b"%PDF-1.4\n%%EOF\n"),
        original_name="porocilo.pdf",
        content_type="application/pdf",
        size=15,
    )
    Resolution.objects.create(
        session=session, item=first, number=1, text="Sosvet se seznani.", responsible=police
    )
    seat_member(mandate, police, "Ana")
    return session


def style(locator, prop, pseudo=None):
    return locator.evaluate(
        "(el, [prop, pseudo]) => getComputedStyle(el, pseudo).getPropertyValue(prop)",
        [prop, pseudo],
    )


def on_paper(page):
    page.emulate_media(media="print")


def assert_black_on_white(page, text):
    element = page.get_by_role("main").get_by_text(text, exact=True).first
    assert style(element, "color") == BLACK
    assert style(page.locator("body"), "background-color") == WHITE
    assert style(element, "background-color") in (CLEAR, WHITE)


def test_the_agenda_prints_without_navigation_buttons_or_forms(page, live_server, secretary, held):
    sign_in(page, live_server, secretary)
    page.goto(f"/ptuj/seje/{held.pk}/")
    tabs = page.get_by_role("navigation", name="Sosvet").get_by_role("list")
    edit = page.get_by_role("link", name="Uredi", exact=True).first
    expect(tabs).to_be_visible()  # on the screen, all of it is there
    expect(edit).to_be_visible()

    on_paper(page)
    expect(tabs).to_be_hidden()
    expect(
        page.get_by_role("navigation", name="Sosvet").get_by_text(held.council.name)
    ).to_be_visible()
    expect(page.locator("body > header")).to_be_hidden()
    expect(page.locator("body > footer")).to_be_hidden()
    expect(edit).to_be_hidden()
    expect(page.get_by_role("link", name="Uredi 1. sklep")).to_be_hidden()
    for button in page.locator("main .btn").all():
        expect(button).to_be_hidden()
    for form in page.locator("main form").all():
        expect(form).to_be_hidden()
    expect(page.get_by_role("strong").filter(has_text="Informacija o varnostnih")).to_be_visible()
    expect(page.get_by_text("Sosvet se seznani.")).to_be_visible()
    assert_black_on_white(page, "Informacija o varnostnih pojavih")
    # A material's name says what it is; its portal address would say nothing more on paper.
    material = page.get_by_role("link", name="porocilo.pdf")
    expect(material).to_be_visible()
    assert style(material, "content", "::after") in ("none", "normal")
    item = page.locator("#agenda-list li.list-group-item").first
    assert style(item, "break-inside") == "avoid"


def test_the_register_prints_whole_rows_with_its_head_on_every_sheet(
    page, live_server, member, mandate, held
):
    sign_in(page, live_server, member)
    page.goto("/ptuj/seje/sklepi/")
    filters = page.locator("main form")
    expect(filters).to_be_visible()

    on_paper(page)
    expect(filters).to_be_hidden()
    row = page.get_by_role("row").filter(has_text="Sosvet se seznani.")
    expect(row).to_be_visible()
    assert style(row, "break-inside") == "avoid"
    assert style(page.locator("main thead"), "display") == "table-header-group"
    assert style(page.locator("main .table-responsive"), "overflow-x") == "visible"
    assert_black_on_white(page, "Policijska postaja Ptuj")


def test_the_roster_prints_the_seats_without_their_edit_links(
    page, live_server, secretary, mandate, held
):
    sign_in(page, live_server, secretary)
    page.goto("/ptuj/clani/")
    end = page.get_by_role("link", name="Zaključi Ana Članica (Policijska postaja Ptuj)")
    expect(end).to_be_visible()

    on_paper(page)
    expect(end).to_be_hidden()
    expect(page.get_by_role("link", name="Dodaj članstvo")).to_be_hidden()
    seat = page.locator("main li").filter(has_text="Ana Članica")
    expect(seat).to_be_visible()
    assert style(seat, "break-inside") == "avoid"
    assert style(page.locator("main section.card").first, "break-inside") == "avoid"
    assert_black_on_white(page, "Policijska postaja Ptuj")
