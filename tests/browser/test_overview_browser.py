"""The overview's list of what is due, as a secretary and a member see it in a browser: it comes
first, each line's link leads to where the thing is done, and the page passes axe-core's WCAG 2.1
A and AA rules with urgent lines among them."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.meetings.due_state import build_state

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_secretary_goes_from_the_overview_to_convening(
    page, live_server, council, member, secretary
):
    state = build_state(council, member)
    sign_in(page, live_server, secretary)
    page.goto("/ptuj/")
    due = page.get_by_role("region", name="Kaj je treba narediti")
    expect(due.get_by_role("listitem")).to_have_count(10)
    expect(due.get_by_role("listitem").first).to_contain_text("Nujno:")
    assert_accessible(page)
    late = due.get_by_role("listitem").filter(has_text=f"{state.late.number}. seja dne")
    late.get_by_role("link", name="Skliči sejo").click()
    expect(page).to_have_url(f"/ptuj/seje/{state.late.pk}/sklic/")


def test_a_member_goes_from_the_overview_to_the_new_materials(page, live_server, council, member):
    state = build_state(council, member)
    sign_in(page, live_server, member)
    page.goto("/ptuj/")
    due = page.get_by_role("region", name="Kaj je treba narediti")
    assert_accessible(page)
    due.get_by_role("link", name="Preberi gradiva").click()
    expect(page.get_by_role("link", name=state.material.original_name)).to_be_visible()
    page.goto("/ptuj/")
    expect(page.get_by_text("novo gradivo")).to_have_count(0)


def test_the_reminder_settings_are_a_plain_form(page, live_server, member):
    sign_in(page, live_server, member)
    page.goto("/")
    page.get_by_role("link", name="Opomniki").click()
    expect(page.get_by_role("heading", name="Opomniki po e-pošti")).to_be_visible()
    page.get_by_label("Tajništvo odloči o mojem predlogu").uncheck()
    page.get_by_role("button", name="Shrani").click()
    expect(page.get_by_text("Izbira opomnikov je shranjena.")).to_be_visible()
    expect(page.get_by_label("Tajništvo odloči o mojem predlogu")).not_to_be_checked()
    expect(page.get_by_label("Rok za izvedbo sklepa se bliža ali je potekel")).to_be_checked()
    assert_accessible(page)
