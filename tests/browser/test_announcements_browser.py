"""What changes in place is said in a polite live region, briefly, and the focus stays put."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import AgendaItem
from tests.browser.conftest import assert_accessible, field, open_tab, sign_in
from tests.conftest import seed_demo
from tests.meetings.factories import make_items, make_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIVE_REGIONS = "[aria-live], [role=status], [role=alert], [role=log]"


def agenda_titles(page):
    return page.locator("#agenda-list > ol > li strong").all_inner_texts()


def move(page, status, says):
    """Press Enter on the focused button; wait until the region says ``says`` and htmx has
    settled the new list (static/js/agenda.js has then placed the focus)."""
    page.keyboard.press("Enter")
    expect(status).to_have_text(says)
    expect(page.locator("#agenda-list:not([data-moved-item])")).to_be_attached()


def test_moving_an_agenda_item_keeps_the_focus_on_it_and_says_where_it_went(
    page, live_server, secretary, mandate
):
    session = make_session(mandate, 2)
    first, _second, _third, _fourth = make_items(
        session, "Konstituiranje", "Poročilo PP Ptuj", "Šolske poti", "Razno"
    )
    withdrawn = AgendaItem.objects.create(session=session, position=5, title="Umaknjena",
                                          withdrawn=True, withdrawn_at=timezone.now())  # fmt: skip
    sign_in(page, live_server, secretary)
    page.goto(session.get_absolute_url())
    status = page.locator("#agenda-status")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_have_text("")
    # The region is outside the part htmx replaces, so it is the same element before and after.
    status.evaluate("region => { region.dataset.kept = 'yes'; }")

    page.get_by_role("button", name="Premakni nižje Konstituiranje").focus()
    move(page, status, "Točka »Konstituiranje« je zdaj 2. od 4.")
    expect(page.locator(f"#move-down-{first.pk}")).to_be_focused()
    assert agenda_titles(page) == ["Poročilo PP Ptuj", "Konstituiranje", "Šolske poti", "Razno"]

    move(page, status, "Točka »Konstituiranje« je zdaj 3. od 4.")  # the focus stayed: on down
    expect(page.locator(f"#move-down-{first.pk}")).to_be_focused()
    move(page, status, "Točka »Konstituiranje« je zdaj 4. od 4.")
    # At the bottom the item has no "move down" any more: the focus goes to its "move up".
    expect(page.locator(f"#move-up-{first.pk}")).to_be_focused()
    assert agenda_titles(page) == ["Poročilo PP Ptuj", "Šolske poti", "Razno", "Konstituiranje"]
    assert withdrawn.title not in agenda_titles(page)

    move(page, status, "Točka »Konstituiranje« je zdaj 3. od 4.")
    expect(page.locator(f"#move-up-{first.pk}")).to_be_focused()
    expect(status).to_have_attribute("data-kept", "yes")
    assert page.locator("#agenda-status").count() == 1
    assert_accessible(page)


def test_the_report_preview_says_only_that_it_was_updated(page, live_server, settings, tmp_path):
    settings.DEBUG = True  # the demo logins exist only in debug
    settings.MEDIA_ROOT = tmp_path
    seed_demo()
    sign_in(page, live_server, "tajnik")
    page.goto("/")
    open_tab(page, "Letna poročila")
    page.get_by_role("link", name="Poročilo 2023 in plan 2024", exact=True).click()
    page.get_by_role("link", name="Uredi").click()

    preview = page.get_by_role("article", name="Dokument")
    status = page.locator("#preview-status")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_have_text("")
    # The document is in no live region: a screen reader would read all of it at each keystroke.
    for region in page.locator(LIVE_REGIONS).all():
        assert region.locator("#live-preview").count() == 0
    assert preview.locator(LIVE_REGIONS).count() == 0

    field(page, "1.4 Zaključek poročila").fill("Varnost je naša skupna skrb.")
    expect(preview.get_by_text("Varnost je naša skupna skrb.")).to_be_visible()
    expect(status).to_have_text("Predogled posodobljen")
    assert preview.get_attribute("aria-live") is None
    # The field keeps the focus while the preview changes beside it.
    expect(field(page, "1.4 Zaključek poročila")).to_be_focused()
    assert_accessible(page)
