"""Required fields are marked one way, with "*" after the label, and every form that marks one
says once, above its fields, what the mark means (WCAG 3.3.2)."""

import cssselect2
import pytest
import tinyhtml5
from django.urls import reverse

from tests.conftest import Client
from tests.crawl import crawl
from tests.security.test_permission_matrix import PERSONAS, ROWS, World

pytestmark = pytest.mark.django_db

NOTE = "Polja, označena z *, so obvezna."
FORMS_SENT_EMPTY = ["members:person_create", "meetings:session_create", "reports:report_create"]


def text(element):
    return " ".join("".join(element.itertext()).split())


def marked(root, control):
    """Whether the control's label carries the mark; a radio button's is its group's legend."""
    if control.etree_element.get("type") in ("radio", "checkbox"):
        group = next((each for each in control.ancestors if each.local_name == "fieldset"), None)
        if group is not None:
            legend = group.query("legend")
            return legend is not None and legend.query(".asteriskField") is not None
    labels = root.query_all(f'label[for="{control.etree_element.get("id")}"]')
    return any(label.query(".asteriskField") is not None for label in labels)


def required_mark_problems(page):
    """What is inconsistent in how the forms of ``page`` mark and explain required fields."""
    root = cssselect2.ElementWrapper.from_html_root(tinyhtml5.parse(page.html))
    problems = []
    for number, form in enumerate(root.query_all("form"), start=1):
        where = f"{page.url} form {number}"
        notes = list(form.query_all(".required-note"))
        marks = list(form.query_all(".asteriskField"))
        if marks and len(notes) != 1:
            problems.append(f"{where}: {len(marks)} marked fields, {len(notes)} notes")
        if notes and not marks:
            problems.append(f"{where}: a note but no field marked")
        order = {id(each.etree_element): i for i, each in enumerate(form.iter_subtree())}
        if (
            notes
            and marks
            and order[id(marks[0].etree_element)] < order[id(notes[0].etree_element)]
        ):
            problems.append(f"{where}: the note comes after the first marked field")
        for note in notes:
            if text(note.etree_element) != NOTE:
                problems.append(f"{where}: the note says {text(note.etree_element)!r}")
        for mark in marks:
            if text(mark.etree_element) != "*":
                problems.append(f"{where}: a mark reads {text(mark.etree_element)!r}")
        for control in form.query_all("input[required], select[required], textarea[required]"):
            if not marked(root, control):
                name = control.etree_element.get("name")
                problems.append(f"{where}: required {name!r} has no '*' in its label")
    return problems


@pytest.fixture
def world(council, mandate, police, chief, member, settings, tmp_path):
    return World(council, mandate, police, chief, member, settings, tmp_path)


@pytest.mark.parametrize("persona", ["anonymous", "member", "secretary"])
def test_every_form_marks_and_explains_required_fields_one_way(request, world, persona):
    client = Client()
    if persona == "member":
        client.force_login(world.member)
    elif persona == "secretary":
        client.force_login(request.getfixturevalue("secretary"))
    column = PERSONAS.index(persona)
    starts = [
        reverse(name, kwargs=arguments(world))
        for name, (arguments, method, _data, expected) in sorted(ROWS.items())
        if method == "get" and expected[column] == 200 and not name.endswith(("pdf", "ics"))
    ]
    pages = crawl(client, *starts, per_name=2)
    forms_with_notes = sum(page.html.count('class="required-note"') for page in pages)
    assert forms_with_notes > (10 if persona == "secretary" else 0)
    found = [problem for page in pages for problem in required_mark_problems(page)]
    assert found == []


@pytest.mark.parametrize("name", FORMS_SENT_EMPTY)
def test_the_note_stays_once_above_a_form_showing_its_errors(client, world, secretary, name):
    client.force_login(secretary)
    response = client.post(reverse(name, kwargs=ROWS[name][0](world)), {})
    html = response.content.decode()
    assert "Popravite napake spodaj." in html
    assert html.count(NOTE) == 1
    assert html.index(NOTE) < html.index('class="asteriskField"')


def test_a_form_without_required_fields_has_no_note(client, world, secretary):
    """The calendar page's only form is a button: nothing to explain there."""
    client.force_login(secretary)
    html = client.get(reverse("meetings:calendar", kwargs={"council": "ptuj"})).content.decode()
    assert "<form" in html
    assert NOTE not in html


def test_the_new_mandate_marks_its_required_seat_columns(client, world, secretary):
    client.force_login(secretary)
    html = client.get(reverse("members:mandate_rollover", kwargs={"council": "ptuj"}))
    headers = cssselect2.ElementWrapper.from_html_root(tinyhtml5.parse(html.content.decode()))
    columns = [text(th.etree_element) for th in headers.query_all("thead th")]
    assert columns == ["Organizacija*", "Oseba", "Vloga*", "Funkcija", "Ne prenesi"]
