"""Approving minutes and withdrawing from a sent agenda ask first, and work without JavaScript.

(The confirmation pages are checked with axe-core in test_accessibility_walk.py; axe needs
JavaScript, which these tests switch off.)
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import AgendaItem, Session
from tests.browser.conftest import field, new_context, sign_in
from tests.meetings.factories import make_items, make_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def no_script_page(browser, live_server):
    context = new_context(browser, live_server, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_secretary_approves_the_minutes_after_being_told_they_will_be_frozen(
    no_script_page, live_server, secretary, mandate
):
    page = no_script_page
    held = make_session(mandate, 1, days_ahead=-30, status=Session.Status.HELD)
    make_items(held, "Konstituiranje")
    later = make_session(mandate, 2, days_ahead=-1, status=Session.Status.HELD)
    sign_in(page, live_server, secretary)
    page.goto(held.get_absolute_url())
    page.get_by_role("link", name="Potrdi zapisnik").click()
    day = later.date
    field(page, "Potrjen na seji").select_option(
        label=f"2. seja, {day.day}. {day.month}. {day.year}"
    )
    field(page, "Datum potrditve").fill(day.isoformat())
    page.get_by_role("button", name="Shrani").click()
    expect(page.get_by_text("zamrzne")).to_be_visible()
    held.refresh_from_db()
    assert not held.is_locked
    page.get_by_role("button", name="Potrdi in zamrzni zapisnik").click()
    held.refresh_from_db()
    assert held.is_locked
    expect(page.get_by_text(held.minutes_pdf_sha256)).to_be_visible()


def test_withdrawn_item_is_struck_through_in_the_trail(
    no_script_page, live_server, secretary, mandate
):
    page = no_script_page
    session = make_session(mandate, 1, days_ahead=7, status=Session.Status.CONVENED,
                           convened_at=timezone.now() - datetime.timedelta(days=1))  # fmt: skip
    make_items(session, "Ostane", "Umaknjena točka")
    sign_in(page, live_server, secretary)
    page.goto(session.get_absolute_url())
    page.get_by_role("button", name="Umakni Umaknjena točka").click()
    page.get_by_role("button", name="Umakni točko").click()
    expect(page.locator("del", has_text="Umaknjena točka")).to_be_visible()
    assert page.locator("#agenda-list").get_by_text("Umaknjena točka").count() == 0
    assert AgendaItem.objects.get(title="Umaknjena točka").withdrawn_at is not None
