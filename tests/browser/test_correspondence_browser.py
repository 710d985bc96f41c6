"""A member votes at a session by correspondence in a real browser, and every page on the way
passes axe-core's WCAG 2.1 A and AA rules."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Resolution, Session, Vote
from tests.browser.conftest import assert_accessible, sign_in
from tests.meetings.factories import make_items, make_session, seat_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sent(mandate, police, member):
    ana = seat_member(mandate, police, "Ana", user=member)
    seat_member(mandate, police, "Bojana")
    session = make_session(mandate, 3, days_ahead=5, kind=Session.Kind.CORRESPONDENCE,
                           status=Session.Status.CONVENED, convened_at=timezone.now(),
                           time=datetime.time(12, 0), place="")  # fmt: skip
    (item,) = make_items(session, "Plan dela za leto 2025")
    for number, text in enumerate(["Sosvet sprejme plan dela.", "Sosvet predlaga radar."], 1):
        Resolution.objects.create(session=session, item=item, number=number, text=text,
                                  outcome=Resolution.Outcome.PROPOSED)  # fmt: skip
    return session, ana


def test_member_votes_and_changes_the_vote(page, live_server, member, sent):
    session, ana = sent
    sign_in(page, live_server, member)
    page.goto(session.get_absolute_url())
    expect(page.get_by_text("Doslej so glasovali člani: 0 od 2.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Glasuj").click()
    expect(page.get_by_role("heading", name="Vaš glas: 3. seja")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Oddaj glas").click()  # nothing chosen: said on the page
    expect(page.get_by_text("Izberite za, proti ali vzdržan.").first).to_be_visible()
    assert_accessible(page)

    first = page.get_by_role("group", name="1. sklep: Sosvet sprejme plan dela.")
    second = page.get_by_role("group", name="2. sklep: Sosvet predlaga radar.")
    first.get_by_label("Glasujem za").check()
    second.get_by_label("Se vzdržim").check()
    page.get_by_role("button", name="Oddaj glas").click()
    expect(page.get_by_text("Vaš glas je zabeležen; do roka ga lahko spremenite.")).to_be_visible()
    votes = page.get_by_role("table", name="Kdo je glasoval (kako, je vidno po roku za glasovanje)")
    expect(votes.get_by_role("row", name=re.compile("^Ana Članica"))).to_contain_text("da")
    expect(votes.get_by_role("row", name=re.compile("^Bojana Članica"))).to_contain_text("še ne")
    assert_accessible(page)

    page.get_by_role("link", name="Spremeni glas").click()
    expect(second.get_by_label("Se vzdržim")).to_be_checked()
    second.get_by_label("Glasujem proti").check()
    page.get_by_role("button", name="Spremeni moj glas").click()
    expect(page.get_by_text("Vaš glas je zabeležen")).to_be_visible()
    choices = dict(Vote.objects.filter(person=ana).values_list("resolution__number", "choice"))
    assert choices == {1: "for", 2: "against"}


def test_secretary_counts_the_votes_after_the_deadline(page, live_server, secretary, sent):
    session, ana = sent
    Vote.objects.create(resolution=session.resolutions.get(number=1), person=ana, choice="for")
    Vote.objects.create(resolution=session.resolutions.get(number=2), person=ana, choice="against")
    # The deadline passes: the live server keeps the real clock, so the deadline moves instead.
    Session.objects.filter(pk=session.pk).update(date=timezone.localdate() - datetime.timedelta(1))
    sign_in(page, live_server, secretary)
    page.goto(session.get_absolute_url())
    page.get_by_role("button", name="Preštej glasove").click()
    expect(page.get_by_text("Glasovali so člani: 1 od 2 vabljenih.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Preštej glasove").click()
    expect(page.get_by_text("Glasovi so prešteti, izid je zapisan.")).to_be_visible()
    quorum = page.get_by_text("Dopisna seja ni sklepčna – glasovali so člani: 1 od 2.")
    expect(quorum).to_be_visible()
    table = page.get_by_role("table", name="Kako so člani glasovali")
    expect(table.get_by_role("row", name=re.compile("^Ana Članica"))).to_contain_text("za")
    expect(table.get_by_role("row", name=re.compile("^Bojana"))).to_contain_text("ni glasovala")
    assert_accessible(page)
