"""The secretary moves and then cancels a convened session in a browser without JavaScript: each
step asks first, saying how many members will be told, and the notices go out once confirmed.
The questions pass axe-core's WCAG 2.1 A and AA rules (checked with JavaScript, which axe needs)."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from meetings import invitations
from meetings.models import AgendaChange, Session
from tests.browser.conftest import assert_accessible, field, log_in, new_context, sign_in
from tests.meetings.factories import make_items, make_session, seat_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page_without_js(browser, live_server):
    context = new_context(browser, live_server, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def test_secretary_moves_and_cancels_a_convened_session_without_javascript(
    page_without_js, secretary, mandate, police
):
    page = page_without_js
    session = make_session(mandate, 2)
    make_items(session, "Aktualna varnostna problematika")
    seat_member(mandate, police, "Ana")
    seat_member(mandate, police, "Bor")
    log_in(page, "tajnica")  # the password, then the code from the app: no script needed
    page.goto(session.get_absolute_url())

    page.get_by_role("link", name="Skliči").click()
    page.get_by_role("button", name="Pošlji vabilo").click()
    expect(page.get_by_text("Vabilo je bilo poslano 2 članoma.")).to_be_visible()

    page.get_by_role("link", name="Uredi", exact=True).click()
    field(page, "Kraj").fill("Dvorana B")
    page.get_by_role("button", name="Shrani").click()
    expect(page.get_by_text("Obvestilo bo poslano 2 članoma.")).to_be_visible()
    assert Session.objects.get().place != "Dvorana B"
    page.get_by_role("button", name="Shrani in obvesti člane").click()
    expect(page.get_by_text("Obvestilo je bilo poslano 2 članoma.")).to_be_visible()
    assert Session.objects.get().place == "Dvorana B"

    page.get_by_role("button", name="Odpovej sejo").click()
    expect(page.get_by_text("Obvestilo bo poslano 2 članoma.")).to_be_visible()
    assert Session.objects.get().status == Session.Status.CONVENED
    page.get_by_role("button", name="Odpovej sejo").click()
    expect(page.get_by_text("Obvestilo je bilo poslano 2 članoma.")).to_be_visible()

    assert Session.objects.get().status == Session.Status.CANCELLED
    assert [change.kind for change in AgendaChange.objects.all()] == ["moved", "cancelled"]
    assert [message.subject.split(": ", 1)[1] for message in mail.outbox] == [
        "vabilo na 2. sejo",
        "vabilo na 2. sejo",
        "nov datum, ura ali kraj 2. seje",
        "nov datum, ura ali kraj 2. seje",
        "2. seja je odpovedana",
        "2. seja je odpovedana",
    ]


def test_the_questions_before_a_notice_are_accessible(
    page, live_server, secretary, mandate, police
):
    session = make_session(mandate, 2)
    make_items(session, "Aktualna varnostna problematika")
    seat_member(mandate, police, "Ana")
    invitations.session_convene(session, sent_by=secretary, request=None)
    sign_in(page, live_server, secretary)
    page.goto(session.get_absolute_url())

    page.get_by_role("link", name="Dodaj točko").click()
    field(page, "Naslov").fill("Varnost v počitniškem času")
    page.get_by_role("button", name="Shrani").click()
    page.get_by_role("button", name="Pošlji članom spremenjeni dnevni red").click()
    expect(page.get_by_text("Obvestilo bo poslano 1 članu.")).to_be_visible()
    expect(page.get_by_text("Dodano: Varnost v počitniškem času")).to_be_visible()
    assert_accessible(page)

    page.goto(session.get_absolute_url())
    page.get_by_role("button", name="Odpovej sejo").click()
    expect(page.get_by_text("Obvestilo bo poslano 1 članu.")).to_be_visible()
    assert_accessible(page)
