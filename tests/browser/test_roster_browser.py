"""The secretary records a new member through the forms; a member then sees them on the roster."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, field, open_tab, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_secretary_adds_a_member_who_then_appears_on_the_roster(
    page, live_server, secretary, member, mandate, police
):
    sign_in(page, live_server, secretary)
    page.goto("/")
    open_tab(page, "Osebe")
    page.get_by_role("link", name="Nova oseba").click()
    assert_accessible(page)
    field(page, "Ime").fill("Nina")
    field(page, "Priimek").fill("Kovač")
    page.get_by_label("ženski").check()
    page.get_by_label("E-naslov").fill("nina.kovac@example.si")
    page.get_by_role("button", name="Shrani").click()
    expect(page.get_by_text("Oseba je shranjena.")).to_be_visible()

    open_tab(page, "Člani")
    page.get_by_role("link", name="Dodaj članstvo").click()
    field(page, "Oseba").select_option(label="Nina Kovač")
    field(page, "Zastopana organizacija").select_option(label="Policijska postaja Ptuj")
    page.get_by_label("Funkcija").fill("vodja policijskega okoliša")
    page.get_by_role("button", name="Shrani").click()
    expect(page.get_by_text("Članstvo je shranjeno.")).to_be_visible()
    page.get_by_role("button", name="Odjava").click()

    sign_in(page, live_server, member)
    page.goto("/")
    open_tab(page, "Člani")
    roster = page.get_by_role("main")
    expect(roster.get_by_text("Nina Kovač")).to_be_visible()
    assert "članica, vodja policijskega okoliša" in roster.inner_text()
    assert_accessible(page)


def test_secretary_sees_a_form_error_in_slovenian(page, live_server, secretary, mandate):
    sign_in(page, live_server, secretary)
    page.goto("/ptuj/osebe/nova/")
    field(page, "Ime").fill("Nina")
    page.get_by_role("button", name="Shrani").click()
    expect(page.get_by_text("Popravite napake spodaj.")).to_be_visible()
    assert field(page, "Ime").input_value() == "Nina"
    assert_accessible(page)
