"""The overview leads with what is due for the login's role, each line linking to where it is done,
and nothing of another council."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from meetings.models import Attendance, Material, Resolution, Session
from tests.meetings.due_state import build_state
from tests.meetings.factories import make_items, make_session

pytestmark = pytest.mark.django_db


def day(days):
    """The date ``days`` from today, as the Slovenian pages write it."""
    return date_format(timezone.localdate() + datetime.timedelta(days=days), "SHORT_DATE_FORMAT")


def overview(client, user, slug="ptuj"):
    client.force_login(user)
    return client.get(reverse("dashboard", kwargs={"council": slug})).content.decode()


def due_section(page):
    return page.split('id="due-heading"', 1)[1].split("</section>", 1)[0]


def due_lines(page):
    """The lines under "Kaj je treba narediti", as text."""
    items = re.findall(r"<li.*?</li>", due_section(page), flags=re.DOTALL)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


def due_links(page):
    return re.findall(r'<a href="([^"]+)">', due_section(page))


def secretary_lines(state, tag=""):
    year = timezone.localdate().year
    s = {name: getattr(state, name).number for name in ("unwritten", "written", "late", "later")}
    s |= {"convened": state.convened.number, "passed": state.passed.number}
    return [
        f"Nujno: 1. sklep {s['unwritten']}. seje, »Policija poveča nadzor pred šolami{tag}.«: "
        f"odgovorna organizacija Policijska postaja{tag}, rok {day(-10)} je potekel. "
        "Vpiši izvedbo",
        f"Nujno: {s['passed']}. seja ({day(-3)}) je že mimo: označite jo kot izvedeno ali "
        "odpovedano. Odpri sejo",
        f"Nujno: {s['late']}. seja dne {day(5)}: vabilo bi moralo biti poslano do {day(-2)}. "
        "Skliči sejo",
        f"Nujno: 1 vabilo ali obvestilo za {s['convened']}. sejo ni bilo dostavljeno. "
        "Poglej poslana vabila",
        f"Zapisnik {s['unwritten']}. seje ({day(-60)}) še ni napisan. Piši zapisnik",
        f"Zapisnik {s['written']}. seje ({day(-30)}) je napisan in čaka, da ga potrdi ena od "
        "naslednjih sej. Potrdi zapisnik",
        f"1 predlog za {s['convened']}. sejo čaka na vašo odločitev. Odloči o predlogih",
        f"{s['later']}. seja dne {day(30)}: vabilo je treba poslati do {day(23)}. Skliči sejo",
        f"Mandat {state.mandate.label} se izteče {day(40)} (čez 40 dni). Pripravite nov mandat. "
        "Nov mandat",
        f"Poročilo o delu v letu {year - 1} s planom dela za leto {year} je osnutek. "
        "Sprejmi poročilo",
    ]


def member_lines(state):
    number = state.convened.number
    return [
        f"Nujno: 1. sklep {state.unwritten.number}. seje, »Policija poveča nadzor pred šolami.«: "
        f"odgovorna organizacija Policijska postaja, rok {day(-10)} je potekel. Odpri sejo",
        f"{number}. seja dne {day(10)}: še niste sporočili, ali se je boste udeležili. "
        "Odgovori na vabilo",
        f"1 novo gradivo za {number}. sejo, odkar ste jo nazadnje odprli. Preberi gradiva",
    ]


def mayors_office_lines(state):
    year = timezone.localdate().year
    return [
        f"Poročilo {year - 2} in plan {year - 1}, sprejeto {day(-200)}. Prenesi PDF",
        f"Poročilo o delu v letu {year - 1} s planom dela za leto {year} je v pripravi: je "
        "osnutek, še ni sprejeto. Preberi osnutek",
    ]


EXPECTED = {
    "secretary": secretary_lines,
    "member": member_lines,
    "mayors_office": mayors_office_lines,
}


@pytest.fixture
def ormoz(other_council):
    """Another council in the same state, marked, with session numbers of its own."""
    return build_state(other_council, tag=" ORMOŽ", first_number=11)


@pytest.fixture
def state(council, member, ormoz):
    return build_state(council, member)


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_role_sees_exactly_what_is_due_for_it(client, request, state, persona):
    page = overview(client, request.getfixturevalue(persona))
    assert due_lines(page) == EXPECTED[persona](state)
    assert "ORMOŽ" not in page


def test_the_other_councils_secretary_sees_only_their_own(client, state, ormoz, outsider):
    page = overview(client, outsider, "ormoz")
    assert due_lines(page) == secretary_lines(ormoz, tag=" ORMOŽ")
    assert "Policija poveča nadzor pred šolami." not in page  # Ptuj's, without the mark


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_every_line_leads_to_a_page_that_role_may_open(
    client, request, state, persona, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "x.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    links = due_links(overview(client, request.getfixturevalue(persona)))
    assert len(links) == len(EXPECTED[persona](state))
    for link in links:
        assert client.get(link).status_code == 200, link


def test_nothing_due_says_so(client, member, mandate):
    assert "Nič ne čaka na vas." in overview(client, member)


def test_opening_the_session_clears_its_new_materials_until_more_are_added(client, state, member):
    assert "1 novo gradivo" in overview(client, member)
    client.get(state.convened.get_absolute_url())
    page = overview(client, member)
    assert "novo gradivo" not in page and "nova gradiva" not in page
    item = state.convened.items.get()
    for name in ("zapisnik-policije.pdf", "karta.pdf"):
        Material.objects.create(item=item, file="materials/y.pdf", original_name=name,
                                content_type="application/pdf", size=10)  # fmt: skip
    assert "2 novi gradivi za" in overview(client, member)


def test_withdrawn_materials_are_not_new(client, state, member):
    state.material.withdrawn_at = timezone.now()
    state.material.save()
    assert "gradiv" not in " ".join(due_lines(overview(client, member)))


def test_an_answer_clears_the_line_that_asks_for_it(client, state, member):
    Attendance.objects.create(session=state.convened, person=state.ana, response="no")
    assert "še niste sporočili" not in overview(client, member)


def test_the_convocation_deadline_follows_the_councils_period(client, state, secretary):
    state.council.convocation_days = 3
    state.council.save()
    assert f"vabilo je treba poslati do {day(27)}." in overview(client, secretary)
    assert state.later.convocation_deadline == timezone.localdate() + datetime.timedelta(27)


def test_minutes_approved_and_sessions_closed_are_no_longer_due(client, state, secretary):
    state.passed.status = Session.Status.CANCELLED
    state.passed.save()
    Resolution.objects.filter(pk=state.overdue_resolution.pk).update(done_on=timezone.localdate())
    lines = " ".join(due_lines(overview(client, secretary)))
    assert "je že mimo" not in lines and "Policija poveča nadzor" not in lines


def add_more_of_everything(state, count=7):
    """``count`` more of each kind of line, so that every list is longer than it shows."""
    today = timezone.localdate()
    first = 100
    for n in range(count):
        passed = make_session(state.mandate, first + n, days_ahead=-5 - n)
        (item,) = make_items(passed, f"Točka {n}")
        Resolution.objects.create(session=passed, item=item, number=1, text=f"Sklep {n}",
                                  responsible=state.police,
                                  deadline=today - datetime.timedelta(days=5 + n))  # fmt: skip
        coming = make_session(
            state.mandate, first + 50 + n, days_ahead=12 + n, status=Session.Status.CONVENED
        )
        (item,) = make_items(coming, f"Točka {n}")
        Material.objects.create(item=item, file="materials/z.pdf", original_name=f"g{n}.pdf",
                                content_type="application/pdf", size=10)  # fmt: skip


@pytest.mark.parametrize(
    ("persona", "queries"), [("secretary", 7), ("member", 6), ("mayors_office", 4)]
)
@pytest.mark.parametrize("more", [False, True])
def test_the_overview_costs_each_role_the_same_queries_however_much_is_due(
    client, request, state, persona, queries, more, django_assert_num_queries
):
    if more:
        add_more_of_everything(state)
    user = request.getfixturevalue(persona)
    client.force_login(user)
    # The session; the login with its role, the council and whether the login needs a second
    # factor, one statement (the secretary's verified device is one more); the figures of every
    # app in one row; the next and last sessions with the login's answers and, for who may
    # propose, their own proposals; the sessions something is due about; the resolutions due. The
    # mayor's office, without a seat, has no sessions or resolutions due to be asked about.
    with django_assert_num_queries(queries):
        page = client.get(reverse("dashboard", kwargs={"council": "ptuj"})).content.decode()
    lines = " ".join(due_lines(page))
    if persona == "mayors_office":
        assert due_lines(page) == mayors_office_lines(state)
    else:  # five of a kind at most, then a line that says there are more
        assert ("Odprtih je še več sklepov, kot jih je navedenih tukaj." in lines) == more
        assert ("Pozornost potrebuje še več sej, kot jih je navedenih tukaj." in lines) == more
