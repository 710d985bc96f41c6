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
import socket
import subprocess
import sys
import time
import urllib.request
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
    """The address of the checker, run as a web service on this machine for the module's tests
    (its servlet: the engine the W3C's own service runs), each page sent to it with a request.
    Starting Java and reading the checker's schemas took most of a run of the jar, once per test.
    """
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        reason = f"the HTML checker needs java and {VNU_JAR} (make install-dev)"
        if os.environ.get("SOSVET_E2E_REQUIRED") == "1":
            pytest.fail(reason + " (SOSVET_E2E_REQUIRED=1)")
        pytest.skip(reason)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # The JVM's quick compiler alone: the optimising one spends more than it saves on a run of
    # seconds, and the checker's answer is the same.
    service = subprocess.Popen(
        [java, "-Xss8m", "-XX:TieredStopAtLevel=1",
         "-Dnu.validator.servlet.bind-address=127.0.0.1",
         "-cp", str(VNU_JAR), "nu.validator.servlet.Main", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    address = f"http://127.0.0.1:{port}/?out=json&level=error"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).close()
                break
            except OSError:
                if service.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the HTML checker did not start (exit code {service.poll()})")
                time.sleep(0.1)
        yield address
    finally:
        service.terminate()
        service.wait(timeout=30)


def checker_errors(checker, pages):
    """The checker's errors (no warnings) for each page."""
    errors = []
    for page in pages:
        request = urllib.request.Request(
            checker,
            data=page.html.encode(),
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        with urllib.request.urlopen(request, timeout=300) as answer:
            messages = json.load(answer)["messages"]
        errors += [
            f"{page.url}:{m.get('lastLine')}: {m['message']} [{m.get('extract', '').strip()}]"
            for m in messages
        ]
    return errors


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
def test_pages_are_valid_html(request, checker, world, persona):
    pages = pages_seen_by(request, world, persona)
    assert len(pages) >= 5
    assert [page.url for page in pages if BARE_HTMX.search(page.html)] == []
    assert [page.url for page in pages if TEMPLATE_LEAK.search(page.html)] == []
    assert checker_errors(checker, pages) == []


def test_forms_showing_their_errors_are_valid_html(checker, client, world, secretary):
    client.force_login(secretary)
    pages = []
    for name in FORMS_SENT_EMPTY:
        address = reverse(name, kwargs=ROWS[name][0](world))
        response = client.post(address, {"number": ""})
        assert response.status_code == 200, name
        pages.append(Page(address, name, response.content.decode()))
    assert checker_errors(checker, pages) == []


def test_what_htmx_swaps_in_is_valid_html(checker, client, world, secretary):
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
    assert checker_errors(checker, pages) == []


def test_the_checker_finds_an_error_where_there_is_one(checker):
    """The test above can fail: the checker reports the htmx attribute htmx's docs write."""
    sample = """<!doctype html>
<html lang="sl"><head><meta charset="utf-8"><title>Vzorec</title></head>
<body><form hx-post="/x/" method="post"><button>Pošlji</button></form></body></html>"""
    page = Page("/sample/", "sample", sample)
    (error,) = checker_errors(checker, [page])
    assert "hx-post" in error
