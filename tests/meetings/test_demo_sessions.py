"""``seed_demo`` adds the sessions the seed document describes."""

import datetime

import pytest

from meetings.models import AgendaItem, Resolution, Session
from reports.models import AnnualReport
from tests.conftest import seed_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def demo(settings):
    settings.DEBUG = True
    seed_demo()


def test_first_session_is_the_constitutive_one_of_7_april_2023():
    first = Session.objects.get(number=1)
    assert (first.kind, first.status, first.date) == (
        "constitutive",
        "held",
        datetime.date(2023, 4, 7),
    )
    titles = list(first.items.values_list("title", flat=True))
    assert titles == [
        "Poročilo o delu varnostnega sosveta v letu 2022 in načrt dela za leto 2023",
        "Informacija o varnostnih pojavih na območju Mestne občine Ptuj v letu 2022",
    ]
    presenter = first.items.get(title__startswith="Informacija").presenter
    assert presenter.full_name == "mag. Aleksander LUBEJ"
    (adopted,) = first.resolutions.filter(outcome="adopted")
    assert adopted.item.title.startswith("Poročilo o delu")


def test_sessions_two_to_four_are_planned_for_march_june_november_2024():
    planned = Session.objects.filter(number__gt=1).order_by("number")
    assert [(s.number, s.status, s.planned_month) for s in planned] == [
        (2, "planned", datetime.date(2024, 3, 1)),
        (3, "planned", datetime.date(2024, 6, 1)),
        (4, "planned", datetime.date(2024, 11, 1)),
    ]


def test_seeding_twice_changes_nothing():
    before = list(Session.objects.values_list("number", "status", "date", "planned_month"))
    items = Session.objects.get(number=3).items.count()
    seed_demo()
    assert list(Session.objects.values_list("number", "status", "date", "planned_month")) == before
    assert Session.objects.get(number=3).items.count() == items


def test_seeding_over_an_earlier_demo_withdraws_the_items_it_no_longer_has():
    first = Session.objects.get(number=1)
    # An earlier demo's 1st session had four items and a resolution on each.
    for position, number in ((3, 2), (4, 3)):
        item = AgendaItem.objects.create(session=first, position=position, title="Stara točka")
        Resolution.objects.create(session=first, item=item, number=number, text="Star sklep.")
    seed_demo()
    kept = first.items.filter(withdrawn=False)
    assert [item.position for item in kept] == [1, 2]
    assert not Resolution.objects.filter(item__in=kept, text="Star sklep.").exists()
    assert Resolution.objects.filter(session=first).count() == 3  # the record keeps them all
    draft = AnnualReport.objects.get(report_year=2023)
    assert "Star" not in draft.sessions
