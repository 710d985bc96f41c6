"""A resolution records its vote when one was counted; the minutes say it; approval freezes it."""

from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from meetings import services
from meetings.models import Resolution, Session
from meetings.records import RecordLocked
from tests.meetings.factories import make_items, make_session, seat_member

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"council": "ptuj", **kwargs})


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def held(mandate, police):
    for name in ("Ana", "Bojana", "Cvetka", "Darja"):
        seat_member(mandate, police, name)
    session = make_session(mandate, 2, days_ahead=-7, status=Session.Status.HELD)
    make_items(session, "Plan dela za leto 2024")
    return session


def resolution_form(**changes):
    data = {"number": 1, "text": "Sosvet sprejme plan dela.", "outcome": "adopted"}
    return {**data, **changes}


def test_secretary_records_the_vote_and_the_session_page_says_it(client, secretary, held):
    client.force_login(secretary)
    response = client.post(
        url("resolution_create", item=held.items.get().pk),
        resolution_form(votes_for=3, votes_against=0, votes_abstained=1),
    )
    assert response.status_code == 302
    resolution = Resolution.objects.get()
    assert (resolution.votes_for, resolution.votes_against, resolution.votes_abstained) == (3, 0, 1)
    page = client.get(url("session", pk=held.pk)).content.decode()
    assert "Sklep je bil sprejet: za 3, proti 0, vzdržani 1." in page


def test_a_rejected_resolution_says_it_was_not_adopted(client, secretary, held):
    client.force_login(secretary)
    client.post(
        url("resolution_create", item=held.items.get().pk),
        resolution_form(outcome="rejected", votes_for=1, votes_against=2, votes_abstained=1),
    )
    page = client.get(url("session", pk=held.pk)).content.decode()
    assert "Sklep ni bil sprejet: za 1, proti 2, vzdržani 1." in page


def test_a_resolution_without_a_counted_vote_says_nothing_of_one(client, secretary, held):
    client.force_login(secretary)
    client.post(url("resolution_create", item=held.items.get().pk), resolution_form())
    assert Resolution.objects.get().votes_for is None
    assert "Sklep je bil sprejet" not in client.get(url("session", pk=held.pk)).content.decode()


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        (
            {"votes_for": 3, "votes_against": 1},
            "Vpišite vse tri številke glasovanja (za, proti, vzdržani) ali nobene.",
        ),
        (
            {"votes_for": -1, "votes_against": 0, "votes_abstained": 0},
            "Poskrbite, da bo ta vrednost večja ali enaka 0.",
        ),
        (
            {"votes_for": 4, "votes_against": 1, "votes_abstained": 0},
            "Skupno število glasov presega število članov, vabljenih na sejo "
            "(glasov: 5, članov: 4).",
        ),
    ],
)
def test_a_vote_that_cannot_be_is_refused_in_slovenian(client, secretary, held, counts, message):
    client.force_login(secretary)
    response = client.post(
        url("resolution_create", item=held.items.get().pk), resolution_form(**counts)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Resolution.objects.exists()


def test_the_vote_count_appears_in_the_minutes_pdf(client, member, held):
    Resolution.objects.create(session=held, item=held.items.get(), number=1, text="Sklep.",
                              votes_for=3, votes_against=0, votes_abstained=1)  # fmt: skip
    client.force_login(member)
    response = client.get(url("minutes_pdf", pk=held.pk))
    text = " ".join(
        " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages).split()
    )
    assert "Sklep je bil sprejet: za 3, proti 0, vzdržani 1." in text


def test_the_vote_of_approved_minutes_is_not_changed_in_place(client, secretary, held, mandate):
    resolution = Resolution.objects.create(session=held, item=held.items.get(), number=1,
        text="Sklep.", votes_for=3, votes_against=0, votes_abstained=1)  # fmt: skip
    later = make_session(mandate, 3, days_ahead=-1, status=Session.Status.HELD)
    services.minutes_approve(held, at_session=later, on=later.date, base_url="http://t/")
    client.force_login(secretary)
    client.post(
        url("resolution_edit", pk=resolution.pk),
        resolution_form(votes_for=4, votes_against=0, votes_abstained=0, seen_version=0),
    )
    resolution.refresh_from_db()
    assert resolution.votes_for == 3
    resolution.votes_for = 4
    with pytest.raises(RecordLocked):
        resolution.save()
