"""The secretary's weekly work with the keyboard alone (WCAG 2.1.1), axe on every page on the way.

From signing in to adopting the annual report: plan a session, build its agenda (items, a
material, a member's proposal accepted, one item moved), convene it, mark it held, record
attendance, write its minutes and a resolution, approve the last session's minutes and adopt the
report. Every step is a key press (tests/browser/keyboard.py); the confirmation pages of
convening, approving and adopting (members/confirm.py) are passed the same way, from Cancel back
to the button that does it.
"""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from meetings.models import AgendaProposal, Attendance, Session
from members.models import Person
from reports.models import AnnualReport
from reports.services import report_create
from tests.browser.conftest import assert_accessible
from tests.browser.keyboard import (
    arrive,
    assert_focus_shows,
    button,
    date_field_order,
    field,
    link,
    nav_tab,
    press_and_wait_for_page,
    tab_to,
    type_date,
    type_into,
)
from tests.conftest import PASSWORD, current_code
from tests.meetings.factories import make_items, make_session, seat_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

ITEMS = ("Aktualna varnostna problematika", "Poročilo PP Ptuj", "Razno")
PROPOSAL = "Varnost na šolskih poteh"


@pytest.fixture
def page(axe_page):
    """axe runs on every page of the journey (arrive): it is in each one from its start."""
    return axe_page


@pytest.fixture
def week(council, mandate, police, chief, secretary, member, settings, tmp_path):
    """Two seated members (Ana signs in as ``member``), last week's session held and waiting for
    its minutes to be approved, and last year's report drafted and signed, waiting for a session
    to adopt it."""
    settings.MEDIA_ROOT = tmp_path
    seat_member(mandate, police, "Ana", user=member)
    seat_member(mandate, police, "Bojana")
    last_week = make_session(mandate, 1, days_ahead=-7, status=Session.Status.HELD)
    make_items(last_week, "Konstituiranje")
    report = report_create(council, timezone.localdate().year - 1, by=secretary)
    report.preparer = Person.objects.create(
        council=council, first_name="Tina", last_name="Tajnica", gender=Person.Gender.FEMALE
    )
    report.signatory = chief
    report.save()
    return last_week, report


def agenda_titles(page):
    return page.locator("#agenda-list > ol > li strong").all_inner_texts()


def test_secretary_does_the_weekly_work_with_the_keyboard_alone(
    page, week, secretary, member, tmp_path
):
    last_week, report = week
    today = timezone.localdate()
    dates = date_field_order(page.context)
    # Bootstrap then draws colours and focus rings at once, not over 0.15 s: axe, run just after
    # a Tab, would otherwise read the colours of a button the focus is leaving, half-way.
    page.emulate_media(reduced_motion="reduce")

    sign_in(page, secretary)
    session = plan_the_session(page, today, dates)
    build_the_agenda(page, session, member, tmp_path)
    convene(page)
    hold_and_record_attendance(page, session)
    write_the_minutes(page, session)
    approve_last_weeks_minutes(page, last_week, session, today, dates)
    adopt_the_report(page, report, session)


def sign_in(page, secretary):
    page.goto("/racun/login/")  # the address typed in
    arrive(page)
    type_into(page, field(page, "Uporabniško ime"), "tajnica")
    type_into(page, field(page, "Geslo"), PASSWORD)
    tab_to(page, button(page, "Prijava"))
    press_and_wait_for_page(page)
    arrive(page)
    type_into(page, field(page, "Koda"), current_code(secretary))
    tab_to(page, button(page, "Potrdi"))
    press_and_wait_for_page(page)
    arrive(page)  # the council's overview


def plan_the_session(page, today, dates):
    tab_to(page, nav_tab(page, "Seje"))
    press_and_wait_for_page(page)
    arrive(page, skip=True)
    tab_to(page, link(page, "Nova seja"))
    press_and_wait_for_page(page)
    arrive(page, skip=True)
    expect(field(page, "Številka")).to_have_value("2")  # after last week's 1st
    type_date(page, field(page, "Datum"), today, dates)
    type_into(page, field(page, "Ura"), "1700")  # 17.00 whether the field shows 24 or 12 hours
    expect(field(page, "Ura")).to_have_value("17:00")
    type_into(page, field(page, "Kraj"), "Mestna hiša, sejna soba")
    tab_to(page, button(page, "Shrani"))
    press_and_wait_for_page(page)
    expect(page.get_by_role("heading", name="2. seja")).to_be_visible()
    arrive(page, skip=True)
    session = Session.objects.get(number=2)
    assert (session.date, session.time) == (today, datetime.time(17, 0))
    assert session.place == "Mestna hiša, sejna soba"
    return session


def build_the_agenda(page, session, member, tmp_path):
    """Three items, a material and a member's proposal, then an item moved up: the focus stays
    with it after the agenda is redrawn."""
    # Meanwhile Ana proposes an item from her own page of the session.
    AgendaProposal.objects.create(session=session, proposed_by=member, title=PROPOSAL)
    for title in ITEMS:
        tab_to(page, link(page, "Dodaj točko"))
        press_and_wait_for_page(page)
        arrive(page, skip=True)
        type_into(page, field(page, "Naslov"), title)
        tab_to(page, button(page, "Shrani"))
        press_and_wait_for_page(page)
        arrive(page, skip=True)
    assert agenda_titles(page) == list(ITEMS)

    tab_to(page, link(page, f"Priloži gradivo {ITEMS[1]}"))
    press_and_wait_for_page(page)
    arrive(page, skip=True)
    material = tmp_path / "Poročilo PP Ptuj.pdf"
    material.write_bytes(PDF_BYTES)
    tab_to(page, field(page, "Datoteka"))
    choose_file_with_space(page, field(page, "Datoteka"), material)
    tab_to(page, button(page, "Priloži"))
    press_and_wait_for_page(page)
    arrive(page)
    expect(link(page, "Poročilo PP Ptuj.pdf")).to_be_visible()

    tab_to(page, link(page, f"Odloči {PROPOSAL}"))
    press_and_wait_for_page(page)
    arrive(page, skip=True)
    tab_to(page, page.get_by_role("radio", name="sprejmi"))
    page.keyboard.press("Space")
    type_into(page, field(page, "Pojasnilo predlagatelju"), "Hvala, točka je na dnevnem redu.")
    tab_to(page, button(page, "Shrani"))
    press_and_wait_for_page(page)
    arrive(page)
    assert agenda_titles(page) == [*ITEMS, PROPOSAL]

    tab_to(page, button(page, "Premakni višje Razno"), backwards=True)
    page.keyboard.press("Space")  # htmx redraws the agenda in place
    expect(page.locator("#agenda-list > ol > li strong").nth(1)).to_have_text("Razno")
    assert agenda_titles(page) == [ITEMS[0], ITEMS[2], ITEMS[1], PROPOSAL]
    # The focus stays with the moved item (on the item or on one of its controls), not lost.
    moved = page.locator("#agenda-list > ol > li", has_text="Razno")
    expect(moved.locator(":scope:focus, :scope :focus")).to_have_count(1)
    assert_focus_shows(page)
    # From the moved item the next stops are its own controls: moving it once more is near.
    tab_to(page, button(page, "Premakni višje Razno"), limit=5)
    assert_accessible(page)


def choose_file_with_space(page, file_field, path, attempts=3):
    """Space on the focused file field opens the system's file dialog, where the person picks
    ``path``. Under load Chromium has once let a press go by without opening the dialog (no
    filechooser event in 30 s, the field focused); a person would press Space again, so a press
    that opens nothing in 10 s is repeated, the focus checked to be still on the field first."""
    for attempt in range(1, attempts + 1):
        expect(file_field).to_be_focused()
        try:
            with page.expect_file_chooser(timeout=10_000) as chooser:
                page.keyboard.press("Space")
        except PlaywrightTimeoutError:
            if attempt == attempts:
                raise
            continue
        chooser.value.set_files(path)  # what the person picks in that dialog
        return


def convene(page):
    """Through the page that says who gets the invitation; Cancel is there too, and Shift+Tab
    goes back from it to the button that sends."""
    already_sent = len(mail.outbox)  # the decision on the proposal went to its proposer
    tab_to(page, link(page, "Skliči"), backwards=True)
    press_and_wait_for_page(page)
    arrive(page, skip=True)
    tab_to(page, link(page, "Prekliči"))
    tab_to(page, button(page, "Pošlji vabilo"), backwards=True, limit=3)
    press_and_wait_for_page(page)
    arrive(page, skip=True)
    assert Session.objects.get(number=2).status == Session.Status.CONVENED
    assert sorted(message.to[0] for message in mail.outbox[already_sent:]) == [
        "ana@example.si",
        "bojana@example.si",
    ]


def hold_and_record_attendance(page, session):
    tab_to(page, button(page, "Označi kot izvedeno"))
    press_and_wait_for_page(page, "Space")
    arrive(page, skip=True)
    tab_to(page, link(page, "Vnesi navzočnost"))
    press_and_wait_for_page(page)
    arrive(page, skip=True)
    # A radio group is one stop: Space picks the first choice, the arrow keys the others.
    tab_to(page, presence_of(page, "Ana Članica"))
    page.keyboard.press("Space")
    # On to the next person's group, past the first one's deputy field.
    tab_to(page, presence_of(page, "Bojana Članica"), limit=4)
    page.keyboard.press("ArrowDown")
    tab_to(page, button(page, "Shrani"))
    press_and_wait_for_page(page)
    arrive(page)
    presence = dict(
        Attendance.objects.filter(session=session).values_list("person__first_name", "presence")
    )
    assert presence == {"Ana": Attendance.Presence.PRESENT, "Bojana": Attendance.Presence.EXCUSED}


def presence_of(page, name):
    """The first choice in a person's group of presence choices."""
    return page.get_by_role("group", name=name).get_by_role("radio").first


def write_the_minutes(page, session):
    tab_to(page, link(page, "Piši zapisnik"))
    press_and_wait_for_page(page)
    arrive(page, skip=True)
    type_into(page, field(page, "Uvod"), "Sejo je vodila predsednica.")
    type_into(page, field(page, f"1. {ITEMS[0]}"), "Policija je predstavila stanje.")
    tab_to(page, button(page, "Shrani"))
    press_and_wait_for_page(page)
    arrive(page)
    expect(page.get_by_text("Policija je predstavila stanje.")).to_be_visible()
    session.refresh_from_db()
    assert session.minutes_introduction == "Sejo je vodila predsednica."

    # The resolution is added from its item, up in the agenda.
    tab_to(page, link(page, f"Dodaj sklep {ITEMS[0]}"), backwards=True)
    press_and_wait_for_page(page)
    arrive(page, skip=True)
    type_into(page, field(page, "Besedilo"), "Policija pripravi pregled kaznivih dejanj.")
    tab_to(page, field(page, "Odgovorna organizacija"))
    page.keyboard.press("ArrowDown")  # the one organization, after the empty choice
    tab_to(page, button(page, "Shrani"))
    press_and_wait_for_page(page)
    arrive(page)
    (resolution,) = session.resolutions.all()
    assert resolution.text == "Policija pripravi pregled kaznivih dejanj."
    assert resolution.responsible.short_name == "PP Ptuj"


def approve_last_weeks_minutes(page, last_week, session, today, dates):
    tab_to(page, nav_tab(page, "Pregled"), backwards=True)
    press_and_wait_for_page(page)
    arrive(page, skip=True)
    tab_to(page, link(page, "1. seja"))
    press_and_wait_for_page(page)
    arrive(page, skip=True)
    tab_to(page, link(page, "Potrdi zapisnik"))
    press_and_wait_for_page(page)
    arrive(page, skip=True)
    tab_to(page, field(page, "Potrjen na seji"))
    page.keyboard.press("ArrowDown")  # the only later session held: this week's
    expect(field(page, "Potrjen na seji")).to_have_value(str(session.pk))
    type_date(page, field(page, "Datum potrditve"), today, dates)
    tab_to(page, button(page, "Shrani"))
    press_and_wait_for_page(page)
    arrive(page, skip=True)  # the confirmation page (members/confirm.py)
    tab_to(page, link(page, "Prekliči"))
    tab_to(page, button(page, "Potrdi in zamrzni zapisnik"), backwards=True, limit=3)
    press_and_wait_for_page(page)
    arrive(page)
    last_week.refresh_from_db()
    assert last_week.minutes_approved_at == session
    expect(page.get_by_text(last_week.minutes_pdf_sha256)).to_be_visible()


def adopt_the_report(page, report, session):
    tab_to(page, nav_tab(page, "Letna poročila"), backwards=True)
    press_and_wait_for_page(page)
    arrive(page, skip=True)
    tab_to(page, link(page, str(report)))
    press_and_wait_for_page(page)
    arrive(page, skip=True)
    tab_to(page, link(page, "Sprejmi"))
    press_and_wait_for_page(page)
    arrive(page, skip=True)
    tab_to(page, field(page, "Sprejeto na seji"))
    page.keyboard.press("ArrowDown")  # this week's session, the latest held
    expect(field(page, "Sprejeto na seji")).to_have_value(str(session.pk))
    expect(field(page, "Datum sprejema")).to_have_value(session.date.isoformat())
    tab_to(page, button(page, "Nadaljuj"))
    press_and_wait_for_page(page)
    arrive(page, skip=True)  # the confirmation page
    tab_to(page, button(page, "Sprejmi in zamrzni PDF"))
    press_and_wait_for_page(page)
    arrive(page)
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.ADOPTED
    assert report.adopted_at == session
