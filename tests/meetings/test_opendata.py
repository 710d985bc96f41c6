"""The council's open data: public sessions, adopted resolutions and published reports as JSON
and CSV at stable addresses, and a public calendar; nothing that is not public ever appears."""

import csv
import datetime
import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from meetings import services
from meetings.models import AgendaItem, Material, Resolution, Session
from meetings.opendata import SCHEMA_DIR as MEETINGS_SCHEMAS
from reports.drafting import report_start
from reports.opendata import SCHEMA_DIR as REPORTS_SCHEMAS
from reports.services import report_adopt, report_publish
from tests.conftest import make_council, make_seat
from tests.meetings.factories import make_items, make_session, seat_member

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"
# What only members may know: none of it may appear in any public file.
SECRETS = [
    "Tajna seja točka",
    "Tajni sklep",
    "Sklep tajne seje",
    "Zavrnjeni predlog",
    "Umaknjena točka",
    "Osnutek dnevnega reda",
    "interno.pdf",
    "Sklep pred potrditvijo",
    "Opombe samo za člane",
    "ana@example.si",
    "041 555 666",
    "LUBEJ",
]


def public(name, council="ptuj", **kwargs):
    return reverse(f"public:{name}", kwargs={"council": council, **kwargs})


def attach(item, name, *, public=False):
    return Material.objects.create(item=item, file=SimpleUploadedFile(name, PDF), public=public,
                                   original_name=name, content_type="application/pdf",
                                   size=len(PDF))  # fmt: skip


@pytest.fixture
def record(mandate, police, chief):
    """A council's year: an approved public session, a members-only one, a held one whose
    minutes wait for approval, a convened one and a planned one."""
    make_seat(mandate, chief, police)
    ana = seat_member(mandate, police, "Ana")
    ana.phone = "041 555 666"
    ana.save()
    approving = make_session(mandate, 3, days_ahead=-10, status=Session.Status.HELD)

    first = make_session(mandate, 1, days_ahead=-40, status=Session.Status.HELD,
                         notes="Opombe samo za člane")  # fmt: skip
    safety, withdrawn = make_items(first, "Varnost v Črnomlju", "Umaknjena točka")
    AgendaItem.objects.filter(pk=safety.pk).update(presenter_person=chief)
    AgendaItem.objects.filter(pk=withdrawn.pk).update(withdrawn=True)
    attach(safety, "analiza.pdf", public=True)
    attach(safety, "interno.pdf")
    attach(withdrawn, "umaknjeno.pdf", public=True)
    Resolution.objects.create(
        session=first,
        item=safety,
        number=1,
        text="Javni sklep",
        responsible=police,
        deadline=datetime.date(2030, 1, 31),
    )
    Resolution.objects.create(
        session=first, item=safety, number=2, text="Tajni sklep", public=False
    )
    Resolution.objects.create(session=first, item=safety, number=3, text="Zavrnjeni predlog",
                              outcome=Resolution.Outcome.REJECTED)  # fmt: skip

    hidden = make_session(mandate, 2, days_ahead=-30, status=Session.Status.HELD, public=False)
    (secret,) = make_items(hidden, "Tajna seja točka")
    attach(secret, "tajno.pdf", public=True)
    Resolution.objects.create(session=hidden, item=secret, number=1, text="Sklep tajne seje")
    for session in (first, hidden):
        services.minutes_approve(session, at_session=approving, on=approving.date,
                                 base_url="http://t/")  # fmt: skip

    (pending,) = make_items(approving, "Poročilo policije")
    Resolution.objects.create(session=approving, item=pending, number=1,
                              text="Sklep pred potrditvijo")  # fmt: skip

    convened = make_session(mandate, 4, days_ahead=7, status=Session.Status.CONVENED,
                            place="Mestna hiša, sejna soba")  # fmt: skip
    (upcoming,) = make_items(convened, "Šolske poti")
    AgendaItem.objects.filter(pk=upcoming.pk).update(presenter_person=chief)
    planned = make_session(mandate, 5, days_ahead=40, date=None, time=None,
                           planned_month=(timezone.localdate() + datetime.timedelta(days=40))
                           .replace(day=1))  # fmt: skip
    make_items(planned, "Osnutek dnevnega reda")
    return {"first": first, "hidden": hidden, "convened": convened, "planned": planned}


@pytest.fixture
def published(council, mandate, chief, police, record):
    report = report_start(council, timezone.localdate().year - 1)
    report.preparer = report.signatory = chief
    report.save()
    report_adopt(report, at_session=record["first"], on=record["first"].date,
                 base_url="http://t/", by=None)  # fmt: skip
    report_publish(report, by=None)
    draft = report_start(council, timezone.localdate().year)
    draft.subject = "Osnutek poročila"
    draft.save()
    return report


def public_events(client):
    return client.get(public("opendata_sessions", fmt="json")).json()["events"]


def validator(name, directory=MEETINGS_SCHEMAS):
    schemas = {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for folder in (MEETINGS_SCHEMAS, REPORTS_SCHEMAS)
        for path in folder.glob("*.json")
    }
    registry = Registry().with_resources(
        (name_, Resource.from_contents(schema)) for name_, schema in schemas.items()
    )
    schema = json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, registry=registry)


def all_keys(value):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from all_keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from all_keys(inner)


def assert_nothing_private(text):
    for secret in SECRETS:
        assert secret not in text


def test_sessions_json_follows_its_schema_and_shows_only_the_public(client, record):
    response = client.get(public("opendata_sessions", fmt="json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    validator("sessions").validate(data)
    assert_nothing_private(response.content.decode())
    assert not {"public", "notes", "minutes", "email", "phone", "presenter"} & set(all_keys(data))
    events = {event["name"]: event for event in data["events"]}
    assert list(events) == ["1. seja", "3. seja", "4. seja", "5. seja"]
    first = events["1. seja"]
    assert first["status"] == "passed" and first["classification"] == "regular"
    assert first["agenda"] == [{"order": "1", "description": "Varnost v Črnomlju"}]
    assert [document["note"] for document in first["documents"]] == ["analiza.pdf"]
    assert events["4. seja"]["status"] == "confirmed"
    assert events["4. seja"]["location"] == {"name": "Mestna hiša, sejna soba"}
    assert events["4. seja"]["start_date"].endswith(("+01:00", "+02:00"))
    planned = events["5. seja"]
    assert planned["status"] == "tentative" and planned["agenda"] == []
    assert planned["start_date"] == record["planned"].planned_month.strftime("%Y-%m")


def test_resolutions_json_lists_the_adopted_public_ones_of_approved_minutes(client, record):
    response = client.get(public("opendata_resolutions", fmt="json"))
    data = response.json()
    validator("resolutions").validate(data)
    assert_nothing_private(response.content.decode())
    (resolution,) = data["resolutions"]
    assert resolution["text"] == "Javni sklep"
    assert resolution["responsible_organization"] == "Policijska postaja Ptuj"
    assert resolution["deadline"] == "2030-01-31"
    assert resolution["agenda_item"] == "Varnost v Črnomlju"
    sessions = client.get(public("opendata_sessions", fmt="json")).json()["events"]
    assert resolution["session"]["id"] in {event["id"] for event in sessions}


def test_reports_json_lists_the_published_ones(client, published):
    response = client.get(public("opendata_reports", fmt="json"))
    data = response.json()
    validator("reports", REPORTS_SCHEMAS).validate(data)
    (report,) = data["reports"]
    assert report["sha256"] == published.pdf_sha256
    assert "Osnutek poročila" not in response.content.decode()
    pdf = client.get(report["url"].removeprefix("http://testserver"))
    assert pdf.status_code == 200 and pdf.getvalue().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("name", "key", "rows"),
    [("opendata_sessions", "events", 4), ("opendata_resolutions", "resolutions", 1)],
)
def test_csv_holds_what_the_json_holds(client, record, name, key, rows):
    response = client.get(public(name, fmt="csv"))
    text = response.content.decode("utf-8")
    assert not text.startswith("\ufeff")
    assert_nothing_private(text)
    table = list(csv.DictReader(io.StringIO(text)))
    assert len(table) == rows
    data = client.get(public(name, fmt="json")).json()[key]
    assert [row["id"] for row in table] == [entry["id"] for entry in data]


def test_csv_of_sessions_lists_the_agenda_in_its_cell(client, record):
    text = client.get(public("opendata_sessions", fmt="csv")).content.decode()
    first = next(csv.DictReader(io.StringIO(text)))
    assert first["agenda"] == "1. Varnost v Črnomlju"
    assert first["documents"].startswith("http://testserver/javne/ptuj/gradivo/")


def test_files_of_a_council_without_data_are_empty_but_valid(client, other_council):
    data = client.get(public("opendata_sessions", council="ormoz", fmt="json")).json()
    validator("sessions").validate(data)
    assert data["events"] == []
    text = client.get(public("opendata_resolutions", council="ormoz", fmt="csv")).content
    assert text.decode().splitlines() == ["id,session_id,session_name,session_date,number,"
                                          "agenda_item,text,responsible_organization,deadline,"
                                          "carried_out_on"]  # fmt: skip


def test_unknown_council_answers_404(client, council):
    assert client.get(public("opendata_sessions", council="nobena", fmt="json")).status_code == 404


def test_public_calendar_has_the_upcoming_public_sessions(client, record, mandate):
    # cancelled after it was announced: it stays, so the calendars that had it learn of it
    make_session(mandate, 6, days_ahead=20, status=Session.Status.CANCELLED)
    make_session(mandate, 7, days_ahead=21, public=False)
    response = client.get(public("public_calendar"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert_nothing_private(response.content.decode())
    events = {
        str(event["summary"]): event
        for event in Calendar.from_ical(response.content).walk("VEVENT")
    }
    assert sorted(events) == [
        "4. seja – Varnostni sosvet Mestne občine Ptuj",
        "Odpovedano: 6. seja – Varnostni sosvet Mestne občine Ptuj",
    ]
    convened = events["4. seja – Varnostni sosvet Mestne občine Ptuj"]
    assert "1. Šolske poti" in str(convened["description"])
    assert "poroča" not in str(convened["description"])  # the members' calendar names him


def test_public_material_is_downloaded_only_when_everything_about_it_is_public(client, record):
    materials = {m.original_name: m for m in Material.objects.all()}
    address = lambda name: public("public_material", pk=materials[name].pk)  # noqa: E731
    assert client.get(address("analiza.pdf")).getvalue() == PDF
    for name in ("interno.pdf", "umaknjeno.pdf", "tajno.pdf"):
        assert client.get(address(name)).status_code == 404, name
    other = public("public_material", council="ormoz", pk=materials["analiza.pdf"].pk)
    assert client.get(other).status_code == 404


def test_secretary_makes_a_session_members_only_on_its_form(client, secretary, record):
    convened = record["convened"]
    client.force_login(secretary)
    address = reverse("meetings:session_edit", kwargs={"council": "ptuj", "pk": convened.pk})
    form = client.get(address).content.decode()
    (checkbox,) = re.findall(r'<input[^>]*name="public"[^>]*>', form)
    assert "checked" in checkbox  # public unless the secretary says otherwise
    response = client.post(address, {
        "mandate": convened.mandate_id, "number": 4, "kind": "regular",
        "date": convened.date.isoformat(), "time": "17:00", "place": convened.place,
        "seen_version": convened.lock_version,
    })  # fmt: skip
    assert response.status_code == 302
    client.logout()
    names = [event["name"] for event in public_events(client)]
    assert "4. seja" not in names


def test_a_resolution_can_be_made_members_only_after_the_minutes_are_approved(
    client, secretary, record
):
    resolution = Resolution.objects.get(text="Javni sklep")
    client.force_login(secretary)
    address = reverse("meetings:resolution_edit", kwargs={"council": "ptuj", "pk": resolution.pk})
    response = client.post(address, {"number": 1, "text": "Javni sklep", "outcome": "adopted",
                                     "seen_version": resolution.lock_version})  # fmt: skip
    assert response.status_code == 302
    resolution.refresh_from_db()
    assert resolution.public is False and resolution.text == "Javni sklep"
    assert client.get(public("opendata_resolutions", fmt="json")).json()["resolutions"] == []


def test_material_is_public_only_when_the_secretary_says_so_on_upload(client, secretary, record):
    (item,) = record["convened"].items.all()
    client.force_login(secretary)
    address = reverse("meetings:material_upload", kwargs={"council": "ptuj", "pk": item.pk})
    client.post(address, {"file": SimpleUploadedFile("zasebno.pdf", PDF)})
    client.post(address, {"file": SimpleUploadedFile("javno.pdf", PDF), "public": "on"})
    client.logout()
    (event,) = [e for e in client.get(public("opendata_sessions", fmt="json")).json()["events"]
                if e["name"] == "4. seja"]  # fmt: skip
    assert [document["note"] for document in event["documents"]] == ["javno.pdf"]


def test_public_page_links_the_open_data_and_the_landing_page_links_it(client, record):
    page = client.get(public("public_report_list")).content.decode()
    for address in (
        public("opendata_sessions", fmt="json"),
        public("opendata_sessions", fmt="csv"),
        public("opendata_resolutions", fmt="json"),
        public("opendata_reports", fmt="csv"),
        public("public_calendar"),
    ):
        assert f'href="{address}"' in page
    landing = client.get(reverse("home")).content.decode()
    assert f'href="{public("public_report_list")}"' in landing
    assert "Varnostni sosvet Mestne občine Ptuj" in landing


def test_the_files_speak_slovenian_whatever_the_visitor_chose(client, record):
    client.cookies["django_language"] = "en"
    names = [event["name"] for event in public_events(client)]
    assert names[0] == "1. seja"


@pytest.mark.parametrize("size", [1, 6])
def test_sessions_file_costs_the_same_however_many_sessions(
    client, mandate, size, django_assert_num_queries
):
    for number in range(1, size + 1):
        session = make_session(mandate, number, days_ahead=number, status=Session.Status.CONVENED)
        for item in make_items(session, "Prva", "Druga"):
            attach(item, f"g{number}.pdf", public=True)
    # The council, the sessions, their agenda items, the items' public materials.
    with django_assert_num_queries(4):
        data = client.get(public("opendata_sessions", fmt="json")).json()
    assert len(data["events"]) == size


@pytest.mark.parametrize("others", [0, 5])
def test_landing_and_public_pages_cost_the_same_however_many_councils(
    client, published, others, django_assert_num_queries
):
    for number in range(others):
        make_council(slug=f"obcina-{number}", name=f"Varnostni sosvet Občine {number}")
    # The councils; the council and its published reports.
    with django_assert_num_queries(1):
        landing = client.get(reverse("home")).content.decode()
    assert landing.count('href="/javne/') == 1 + others
    with django_assert_num_queries(2):
        client.get(public("public_report_list"))


def test_secretary_publishes_a_material_later_even_after_approval(client, secretary, member,
                                                                   record):  # fmt: skip
    internal = Material.objects.get(original_name="interno.pdf")
    address = reverse("meetings:material_publicity", kwargs={"council": "ptuj", "pk": internal.pk})
    client.force_login(member)
    assert client.post(address, {"public": "1"}).status_code == 403
    client.force_login(secretary)
    session_page = client.get(
        reverse("meetings:session", kwargs={"council": "ptuj", "pk": record["first"].pk})
    ).content.decode()
    assert f'action="{address}"' in session_page and "Objavi" in session_page
    assert client.post(address, {"public": "1"}).status_code == 302
    client.logout()
    (first,) = [event for event in public_events(client) if event["name"] == "1. seja"]
    assert [document["note"] for document in first["documents"]] == ["analiza.pdf", "interno.pdf"]
    client.force_login(secretary)
    client.post(address, {"public": "0"})
    internal.refresh_from_db()
    assert internal.public is False
