"""Every page says in its title what it is (WCAG 2.4.2): the heading the page shows, then the
council (or the portal) it belongs to; never "None", never empty, and one object's page is never
titled like another's.

Two walks: every page of the permission matrix with objects in unusual states (a vacant seat, a
session without a date or place, an item without a presenter), and the demo council as its
secretary, member and mayor's office see it, following every link.
"""

import re
from collections import defaultdict
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from meetings.models import Session
from tests.conftest import Client, make_seat, seed_demo
from tests.crawl import crawl
from tests.meetings.factories import make_items
from tests.security.test_permission_matrix import NOT_HTML, PERSONAS, ROWS, World

pytestmark = pytest.mark.django_db

PORTAL = "Varnostni sosvet"


class _TitleAndHeadings(HTMLParser):
    """The document's title and its h1 headings; a chart's SVG <title> is not the page's."""

    def __init__(self):
        super().__init__()
        self.title, self.headings, self._in, self._svg = "", [], None, 0

    def handle_starttag(self, tag, attrs):
        if tag == "svg":
            self._svg += 1
        elif tag == "title" and not self._svg:
            self._in = "title"
        elif tag == "h1":
            self._in = "h1"
            self.headings.append("")

    def handle_endtag(self, tag):
        if tag == "svg":
            self._svg -= 1
        elif tag in ("title", "h1"):
            self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "h1":
            self.headings[-1] += data


def title_and_headings(html):
    parser = _TitleAndHeadings()
    parser.feed(html)
    tidy = lambda text: " ".join(text.split())  # noqa: E731
    return tidy(parser.title), [tidy(heading) for heading in parser.headings]


def title_problems(pages, council_name):
    """What is wrong with the titles of ``pages``; empty when nothing is."""
    problems, titles_by_name = [], defaultdict(dict)
    for page in pages:
        title, headings = title_and_headings(page.html)
        where = f"{page.url} ({page.name})"
        if "None" in title or any("None" in heading for heading in headings):
            problems.append(f"{where}: 'None' in {title!r} / {headings}")
        if len(headings) != 1 or not headings[0]:
            problems.append(f"{where}: one non-empty h1 expected, found {headings}")
            continue
        site = council_name if page.url.startswith("/ptuj/") else PORTAL
        if title != f"{headings[0]} · {site}":
            problems.append(f"{where}: title {title!r} is not {headings[0]!r} · {site!r}")
        path = page.url.split("?")[0]
        titles_by_name[page.name].setdefault(title, set()).add(path)
    for name, paths_by_title in titles_by_name.items():
        for title, paths in paths_by_title.items():
            if len(paths) > 1:
                problems.append(f"{name}: {len(paths)} pages share the title {title!r}")
    return problems


@pytest.fixture
def world(council, mandate, police, chief, member, settings, tmp_path):
    world = World(council, mandate, police, chief, member, settings, tmp_path)
    make_seat(mandate, None, police, function_title="")  # a vacant seat: no one named yet
    bare = Session.objects.create(mandate=mandate, number=9, date=None, place="")
    make_items(bare, "Razno")
    return world


@pytest.fixture
def logins(request, world):
    def login_of(persona):
        return world.member if persona == "member" else request.getfixturevalue(persona)

    return login_of


@pytest.mark.parametrize("persona", ["anonymous", "member", "mayors_office", "secretary"])
def test_every_page_is_titled_by_its_heading_and_council(world, logins, persona):
    client = Client()
    if persona != "anonymous":
        client.force_login(logins(persona))
    column = PERSONAS.index(persona)
    starts = [
        reverse(name, kwargs=arguments(world))
        for name, (arguments, method, _data, expected) in sorted(ROWS.items())
        if method == "get" and name not in NOT_HTML and expected[column] == 200
    ]
    pages = crawl(client, *starts)
    missing = sorted(set(starts) - {page.url for page in pages})
    assert missing == []
    assert title_problems(pages, world.council.name) == []


@pytest.mark.parametrize("username", ["tajnik", "clan", "kabinet"])
def test_demo_council_pages_have_specific_titles(settings, tmp_path, username):
    settings.DEBUG = True  # the demo logins exist only in debug
    settings.MEDIA_ROOT = tmp_path
    seed_demo()
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    pages = crawl(client, "/ptuj/")
    assert len(pages) > 10
    assert title_problems(pages, "Varnostni sosvet Mestne občine Ptuj") == []


def test_a_vacant_seat_is_named_by_its_organization(client, world, secretary):
    vacant = world.mandate.memberships.get(person=None)
    client.force_login(secretary)
    html = client.get(
        reverse("members:membership_end", kwargs={"council": "ptuj", "pk": vacant.pk})
    ).content.decode()
    title, (heading,) = title_and_headings(html)
    assert re.search(r"Policijska postaja Ptuj", title), title
    assert heading in title
