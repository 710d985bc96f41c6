"""The pages are valid HTML, as the Nu Html Checker (the W3C validator's engine) reads them.

The checker is vnu.jar, run here with Java, offline; `make install-dev` puts it in the virtual
environment (npm package vnu-jar). Without Java or the jar the test is skipped with the reason,
unless SOSVET_E2E_REQUIRED=1 (as in CI) makes that a failure.

Pages are walked as each role sees them (anonymous, member, mayor's office, secretary), from every
page of the permission matrix and the links on them, and forms are also checked showing their
errors. Besides the checker: no htmx attribute in its non-standard ``hx-*`` spelling (the
``data-hx-*`` one is valid), and no template syntax leaking onto a page.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.conftest import Client
from tests.crawl import Page, crawl
from tests.meetings.factories import make_items, make_session
from tests.security.test_permission_matrix import PERSONAS, ROWS, World

pytestmark = pytest.mark.django_db

VNU_JAR = Path(
    os.environ.get("SOSVET_VNU_JAR")
    or Path(sys.prefix) / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)
FORMS_SENT_EMPTY = [
    "members:person_create",
    "members:mandate_create",
    "meetings:session_create",
    "meetings:item_create",
    "reports:report_create",
]
# An attribute whose name starts with hx- (not data-hx-), as htmx's short spelling writes it.
BARE_HTMX = re.compile(r"<[^>]*\shx-[\w:-]+\s*=", re.DOTALL)
TEMPLATE_LEAK = re.compile(r"\{[{%#]|[}%#]\}")
FRAGMENT = """<!doctype html>
<html lang="sl"><head><meta charset="utf-8"><title>Del strani</title></head>
<body><main>{}</main></body></html>"""


@pytest.fixture(scope="module")
def checker():
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        reason = f"the HTML checker needs java and {VNU_JAR} (make install-dev)"
        if os.environ.get("SOSVET_E2E_REQUIRED") == "1":
            pytest.fail(reason + " (SOSVET_E2E_REQUIRED=1)")
        pytest.skip(reason)
    # One short run per test: the JVM's quick compiler alone starts it in half the CPU time the
    # optimising one spends on code that runs for a few seconds; the checker's answer is the same.
    return [java, "-Xss8m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU_JAR)]


def checker_errors(checker, pages, folder):
    """The checker's errors for each page, in one run of the checker over all of them."""
    files = {}
    for number, page in enumerate(pages):
        path = folder / f"page-{number}.html"
        path.write_text(page.html, encoding="utf-8")
        files[path.name] = page.url
    result = subprocess.run(
        [*checker, "--errors-only", "--format", "json", "--stdout", *map(str, folder.iterdir())],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stdout)["messages"]
    return [
        f"{files.get(m.get('url', '').rsplit('/', 1)[-1])}:{m.get('lastLine')}: {m['message']}"
        f" [{m.get('extract', '').strip()}]"
        for m in messages
    ]


@pytest.fixture
def world(council, mandate, police, chief, member, settings, tmp_path):
    world = World(council, mandate, police, chief, member, settings, tmp_path)
    # Two items: the agenda shows its move buttons (htmx forms).
    world.reordered = make_session(mandate, 7)  # beside the matrix world's 1, 2 and 3
    make_items(world.reordered, "Šolske poti", "Razno")
    return world


def pages_seen_by(request, world, persona):
    client = Client()
    if persona == "member":
        client.force_login(world.member)
    elif persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    column = PERSONAS.index(persona)
    starts = [
        reverse(name, kwargs=arguments(world))
        for name, (arguments, method, _data, expected) in sorted(ROWS.items())
        if method == "get" and expected[column] == 200
    ]
    return crawl(client, *starts, per_name=2)


@pytest.mark.parametrize("persona", ["anonymous", "member", "mayors_office", "secretary"])
def test_pages_are_valid_html(request, checker, world, persona, tmp_path):
    pages = pages_seen_by(request, world, persona)
    assert len(pages) >= 5
    assert [page.url for page in pages if BARE_HTMX.search(page.html)] == []
    assert [page.url for page in pages if TEMPLATE_LEAK.search(page.html)] == []
    folder = tmp_path / "pages"
    folder.mkdir()
    assert checker_errors(checker, pages, folder) == []


def test_forms_showing_their_errors_are_valid_html(checker, client, world, secretary, tmp_path):
    client.force_login(secretary)
    pages = []
    for name in FORMS_SENT_EMPTY:
        address = reverse(name, kwargs=ROWS[name][0](world))
        response = client.post(address, {"number": ""})
        assert response.status_code == 200, name
        pages.append(Page(address, name, response.content.decode()))
    folder = tmp_path / "forms"
    folder.mkdir()
    assert checker_errors(checker, pages, folder) == []


def test_what_htmx_swaps_in_is_valid_html(checker, client, world, secretary, tmp_path):
    """The answers to htmx (the moved agenda, the report preview), each in a bare document."""
    client.force_login(secretary)
    first = world.reordered.items.first()
    moved = client.post(
        reverse("meetings:item_move", kwargs={"council": "ptuj", "pk": first.pk}),
        {"direction": "down"},
        HTTP_HX_REQUEST="true",
    )
    preview = client.post(
        reverse("reports:report_preview", kwargs={"council": "ptuj", "pk": world.draft.pk}),
        {"conclusion": "Varnost je naša skupna skrb."},
        HTTP_HX_REQUEST="true",
    )
    pages = [
        Page(name, name, FRAGMENT.format(response.content.decode()))
        for name, response in (("agenda", moved), ("preview", preview))
    ]
    assert "data-hx-swap-oob" in pages[0].html and "data-hx-swap-oob" in pages[1].html
    assert "data-hx-post" in pages[0].html
    assert [page.url for page in pages if BARE_HTMX.search(page.html)] == []
    folder = tmp_path / "fragments"
    folder.mkdir()
    assert checker_errors(checker, pages, folder) == []


def test_the_checker_finds_an_error_where_there_is_one(checker, tmp_path):
    """The test above can fail: the checker reports the htmx attribute htmx's docs write."""
    sample = """<!doctype html>
<html lang="sl"><head><meta charset="utf-8"><title>Vzorec</title></head>
<body><form hx-post="/x/" method="post"><button>Pošlji</button></form></body></html>"""
    page = Page("/sample/", "sample", sample)
    folder = tmp_path / "sample"
    folder.mkdir()
    (error,) = checker_errors(checker, [page], folder)
    assert "hx-post" in error
