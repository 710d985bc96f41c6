"""1.2 Članstvo and 1.3 Seje are written from the council's own record: a council other than
Ptuj reads its own organizations, sessions, presenters and resolutions, and nothing of Ptuj's;
Ptuj's 2023 draft still reads as the council's real document."""

import datetime

import pytest
from django.urls import reverse

from meetings.models import AgendaItem, Resolution, Session
from members import roles
from members.models import Council, Mandate, Membership, Organization, Person
from reports.drafting import draft_parts
from reports.models import AnnualReport
from tests.conftest import log_in, make_council, make_seat, make_user, seed_demo
from tests.meetings.factories import make_session
from tests.reports.helpers import letters, pdf_text, seed_section

pytestmark = pytest.mark.django_db

# Words that belong to Ptuj's council and its document, not to another council's.
PTUJ_WORDS = ["Ptuj", "LUBEJ", "Gajšek", "KOROŠAK", "četrtn", "mestne uprave", "medobčinsk",
              "Mestne občine", "2022 – 2026", "tistih organov", "Načelnik",
              "Informacij"]  # fmt: skip


def organization(council, name, group="", order=0, short_name=""):
    return Organization.objects.create(
        council=council, name=name, short_name=short_name, report_group=group, report_order=order
    )


def person(council, first_name, last_name, gender):
    return Person.objects.create(
        council=council, first_name=first_name, last_name=last_name, gender=gender
    )


def item(session, position, title, **presenter):
    return AgendaItem.objects.create(session=session, position=position, title=title, **presenter)


def resolve(item, number, text, outcome=Resolution.Outcome.ADOPTED):
    return Resolution.objects.create(
        session=item.session, item=item, number=number, text=text, outcome=outcome
    )


@pytest.fixture
def zelenje(db):
    """An invented council, its 2023 – 2026 mandate, seats and the sessions of 2025."""
    council = make_council(slug="zelenje", name="Varnostni sosvet Občine Zelenje")
    council.name_genitive = "Varnostnega sosveta Občine Zelenje"
    council.save()
    mandate = Mandate.objects.create(
        council=council, starts_on=datetime.date(2023, 1, 1), ends_on=datetime.date(2026, 12, 31)
    )
    municipality = organization(council, "Občina Zelenje")
    police = organization(council, "Policijska postaja Zelenje", "policije", 1, "PP Zelenje")
    administration = organization(council, "Občinska uprava Občine Zelenje", "občinske uprave", 2)
    school = organization(council, "Osnovna šola Zelenje")
    for name, order in (("Krajevna skupnost Gornje Zelenje", 3), ("Krajevna skupnost Dol", 4)):
        make_seat(mandate, None, organization(council, name, "krajevnih skupnosti", order))
    make_seat(mandate, None, organization(council, "Gasilska zveza Zelenje"))
    make_seat(mandate, None, school)

    mayor = person(council, "Vesna", "Zupan", Person.Gender.FEMALE)
    make_seat(mandate, mayor, municipality, role=Membership.Role.CHAIR,
              function_title="županja Občine Zelenje")  # fmt: skip
    commander = person(council, "Tomaž", "Kralj", Person.Gender.MALE)
    make_seat(mandate, commander, police, function_title="komandir PP Zelenje")
    adviser = person(council, "Nina", "Golob", Person.Gender.FEMALE)
    make_seat(mandate, adviser, administration, role=Membership.Role.SECRETARY)

    third = make_session(mandate, 3, date=datetime.date(2025, 3, 12), status="held",
                         report_summary="Seje se je udeležil tudi predstavnik gasilcev.",
                         )  # fmt: skip
    analysis = item(third, 1, "Analiza prometne varnosti v letu 2024", presenter_person=commander)
    resolve(analysis, 1, "Občina uredi prehod za pešce pri osnovni šoli.")
    item(third, 2, "Varne šolske poti", presenter_organization=school)
    cameras = item(third, 3, "Poročilo občinske uprave o videonadzoru", presenter_person=adviser)
    resolve(cameras, 2, "Sosvet predlaga razširitev videonadzora na tržnico.", "rejected")
    item(third, 4, "Pobude in vprašanja članov")

    fourth = make_session(mandate, 4, date=datetime.date(2025, 5, 20), status="held",
                          kind=Session.Kind.CORRESPONDENCE)  # fmt: skip
    workshops = item(fourth, 1, "Soglasje k programu preventivnih delavnic",
                     presenter_text="Ravnateljica Osnovne šole Zelenje Ana Kos")  # fmt: skip
    resolve(
        workshops, 1, "Sosvet soglaša s programom preventivnih delavnic\nv šolskem letu 2025/26"
    )
    item(fourth, 2, "Obvestila")
    item(fourth, 3, "Razno")

    make_session(mandate, 5, date=None, planned_month=datetime.date(2025, 10, 1))
    make_session(mandate, 6, date=datetime.date(2025, 11, 18), status="cancelled")
    return council


@pytest.fixture
def zelenje_secretary(client, django_user_model, zelenje):
    user = make_user(django_user_model, "tajnica-zelenje", roles.SECRETARY, zelenje)
    client.force_login(user)
    return client


@pytest.fixture
def zelenje_report(zelenje_secretary, zelenje):
    response = zelenje_secretary.post(
        reverse("reports:report_create", kwargs={"council": "zelenje"}),
        {"report_year": 2025, "plan_year": 2026},
    )
    assert response.status_code == 302
    return AnnualReport.objects.get(council=zelenje, report_year=2025)


def test_membership_names_the_councils_own_groups_and_organizations(zelenje_report):
    assert zelenje_report.membership == (
        "Funkcija člana varnostnega sosveta je častna. Varnostni sosvet vodi županja Občine "
        "Zelenje Vesna Zupan. Člani varnostnega sosveta so predstavniki policije, občinske "
        "uprave, krajevnih skupnosti ter predstavniki organizacij Gasilska zveza Zelenje in "
        "Osnovna šola Zelenje. Člani varnostnega sosveta aktivno sodelujejo pri delu "
        "varnostnega sosveta, dajejo pobude in predloge za reševanje varnostnih problemov ter "
        "izvajajo naloge iz njihove pristojnosti. Člani so imenovani za mandatno obdobje "
        "2023 – 2026."
    )


def test_sessions_are_told_from_their_agenda_presenters_and_resolutions(zelenje_report):
    first, second, the_year = zelenje_report.sessions.split("\n\n")
    assert first == (
        "Prva seja Varnostnega sosveta Občine Zelenje v letu 2025, 3. seja v mandatu "
        "2023 – 2026, je potekala 12. 3. 2025. "
        "Komandir PP Zelenje Tomaž Kralj je predstavil Analizo prometne varnosti v letu 2024. "
        "Občina uredi prehod za pešce pri osnovni šoli. "
        "Organizacija Osnovna šola Zelenje je predstavila točko »Varne šolske poti«. "
        "Nina Golob (Občinska uprava Občine Zelenje) je predstavila Poročilo občinske uprave o "
        "videonadzoru. "
        "Predlagani sklep »Sosvet predlaga razširitev videonadzora na tržnico« ni bil sprejet. "
        "Varnostni sosvet je obravnaval tudi točko »Pobude in vprašanja članov«. "
        "Seje se je udeležil tudi predstavnik gasilcev."
    )
    assert second == (
        "Druga seja Varnostnega sosveta Občine Zelenje v letu 2025, 4. seja v mandatu "
        "2023 – 2026, je potekala 20. 5. 2025. Seja je bila dopisna. "
        "Ravnateljica Osnovne šole Zelenje Ana Kos je predstavila točko »Soglasje k programu "
        "preventivnih delavnic«. "
        "Sosvet soglaša s programom preventivnih delavnic v šolskem letu 2025/26. "
        "Varnostni sosvet je obravnaval tudi dve točki: »Obvestila« in »Razno«."
    )
    assert the_year == (
        "V letu 2025 sta bili sklicani dve seji varnostnega sosveta. Plan dela je predvidel "
        "štiri seje. 5. seja, načrtovana v oktobru, ni bila izvedena. 6. seja, načrtovana v "
        "novembru, je bila odpovedana. Vsak od deležnikov je tudi v letu 2025 opravil zadane "
        "naloge, ki jih izvaja v okviru svojih pristojnosti."
    )


def test_another_councils_report_says_nothing_of_ptuj(zelenje_secretary, zelenje_report):
    for part in (zelenje_report.membership, zelenje_report.sessions):
        assert [word for word in PTUJ_WORDS if word in part] == []
    url = reverse("reports:report_pdf", kwargs={"council": "zelenje", "pk": zelenje_report.pk})
    response = zelenje_secretary.get(url)
    text = pdf_text(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    # Justified lines: pypdf reads a widened gap between words as more than one space.
    text = " ".join(text.split())
    assert "Tomaž Kralj" in text
    assert [word for word in PTUJ_WORDS if word in text] == []


def test_the_secretary_groups_an_organization_on_its_page(zelenje_secretary, zelenje):
    school = Organization.objects.get(name="Osnovna šola Zelenje")
    page = reverse("members:organization_edit", kwargs={"council": "zelenje", "pk": school.pk})
    assert "Skupina v letnem poročilu" in zelenje_secretary.get(page).content.decode()
    zelenje_secretary.post(page, {"name": school.name, "report_group": "šol", "report_order": 5,
                                  "seen_version": school.lock_version})  # fmt: skip
    membership = draft_parts(zelenje, 2025)["membership"]
    assert (
        "so predstavniki policije, občinske uprave, krajevnih skupnosti, šol in predstavniki "
        "organizacije Gasilska zveza Zelenje." in membership
    )


def test_a_chair_without_a_function_is_named_by_the_role_in_her_gender(zelenje):
    Membership.objects.filter(role=Membership.Role.CHAIR).update(function_title="")
    membership = draft_parts(zelenje, 2025)["membership"]
    assert "Varnostni sosvet vodi predsednica Vesna Zupan." in membership


def end_seats(seats):
    """Seats in the record are never deleted; these end before the report's year."""
    seats.update(ends_on=datetime.date(2024, 12, 31))


def test_an_organization_in_no_group_is_named_by_its_name(zelenje):
    Organization.objects.filter(council=zelenje).update(report_group="")
    end_seats(
        Membership.objects.exclude(
            organization__name__in=["Občina Zelenje", "Gasilska zveza Zelenje"]
        )
    )
    membership = draft_parts(zelenje, 2025)["membership"]
    assert "so predstavniki organizacije Gasilska zveza Zelenje. Člani" in membership
    assert "Občina Zelenje" not in membership.split("Vesna Zupan.")[1]  # only the chair's


def test_two_groups_are_joined_without_repeating_whom_they_represent(zelenje):
    end_seats(Membership.objects.filter(organization__report_group="").exclude(role="chair"))
    end_seats(Membership.objects.filter(organization__report_group="krajevnih skupnosti"))
    membership = draft_parts(zelenje, 2025)["membership"]
    assert "Člani varnostnega sosveta so predstavniki policije in občinske uprave." in membership


def test_a_seat_that_ended_before_the_year_is_not_counted(zelenje):
    Membership.objects.filter(organization__name="Gasilska zveza Zelenje").update(
        ends_on=datetime.date(2024, 6, 30)
    )
    membership = draft_parts(zelenje, 2025)["membership"]
    assert "predstavniki organizacije Osnovna šola Zelenje." in membership
    assert "Gasilska" not in membership


@pytest.mark.parametrize("sessions", [1, 4])
def test_drafting_costs_the_same_queries_however_many_sessions(
    zelenje, sessions, django_assert_num_queries
):
    mandate = zelenje.mandates.get()
    commander = Person.objects.get(last_name="Kralj")
    for number in range(7, 7 + sessions):
        held = make_session(mandate, number, date=datetime.date(2025, 12, number), status="held")
        for position in (1, 2):
            resolve(item(held, position, "Analiza", presenter_person=commander), position, "Da.")
    # The mandate, the chair, the seats of 1.2; the held sessions, their items, resolutions and
    # presenters' seats; all sessions of the year (against the plan); the next year's plan.
    with django_assert_num_queries(9):
        draft_parts(zelenje, 2025)


# The Ptuj demo: its 2023 draft is written from the record and reads as the seed.


@pytest.fixture
def ptuj_report(settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    seed_demo()
    return AnnualReport.objects.get(council__slug="ptuj", report_year=2023)


def test_ptuj_2023_membership_and_sessions_read_as_the_seed(ptuj_report):
    assert letters(ptuj_report.membership) == letters(seed_section("1.2. Članstvo", "1.3. Seje"))
    assert letters(ptuj_report.sessions) == letters(
        seed_section("1.3. Seje", "1.4. Zaključek poročila")
    )


def test_ptuj_sessions_follow_the_record_when_drafted_again(client, ptuj_report):
    council = Council.objects.get(slug="ptuj")
    Membership.objects.filter(person__last_name="LUBEJ").update(function_title="komandir PP Ptuj")
    assert log_in(client, "tajnik", "sosvet-demo")
    client.post(
        reverse("reports:report_redraft", kwargs={"council": "ptuj", "pk": ptuj_report.pk}),
        {"confirmed": "1", "seen_version": ptuj_report.lock_version},
    )
    ptuj_report.refresh_from_db()
    assert "Komandir PP Ptuj mag. Aleksander LUBEJ je predstavil Informacijo" in (
        ptuj_report.sessions
    )
    assert council.organizations.get(short_name="PP Ptuj").report_group == "policije"
