"""The accessibility statement (ZDSMA): one for the installation, naming the body responsible and
its contact as configured, the right enforcement body, and, reached from a council's pages, that
council's e-mail; and a link to it on every page, for every role."""

import re

import pytest
from django.urls import reverse

from tests.conftest import make_superuser
from tests.security.test_permission_matrix import NOT_HTML, PERSONAS, ROWS, World

pytestmark = pytest.mark.django_db

STATEMENT = "/dostopnost/"
COUNCIL_STATEMENT = "/dostopnost/ptuj/"


def text_of(response):
    page = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def test_statement_names_the_information_society_inspectorate(client, council):
    response = client.get(STATEMENT)
    text = text_of(response)

    assert response.status_code == 200
    assert "Inšpektorat Republike Slovenije za informacijsko družbo (IRSID)" in text
    assert "Davčna ulica 1 1000 Ljubljana" in text
    assert 'href="mailto:gp.irsid@gov.si"' in response.content.decode()
    assert (
        'href="https://www.gov.si/drzavni-organi/organi-v-sestavi/inspektorat-za-informacijsko-druzbo/"'
        in response.content.decode()
    )
    # The Information Commissioner supervises personal data and public information, not this.
    assert "pooblaščen" not in text.lower()


def test_statement_follows_the_model_and_keeps_its_dates(client):
    text = text_of(client.get(STATEMENT))

    for heading in (
        "Izjava o dostopnosti",
        "Stopnja skladnosti",
        "Nedostopna vsebina",
        "Priprava izjave o dostopnosti",
        "Povratne informacije in kontakt",
        "Izvršilni postopek",
    ):
        assert heading in text
    assert "pripravljena 24. 11. 2026" in text
    assert "nazadnje pregledana 1. 12. 2026" in text
    assert "samoocen" in text and "axe-core" in text
    assert "Gradiva sej" in text and "skrbniški vmesnik" in text.lower()


def test_statement_names_the_configured_body_and_contact(client, settings):
    settings.SOSVET_ACCESSIBILITY_BODY = "Mestna občina Ptuj"
    settings.SOSVET_ACCESSIBILITY_EMAIL = "dostopnost@ptuj.si"
    settings.SOSVET_ACCESSIBILITY_PHONE = "02 748 29 00"

    response = client.get(STATEMENT)
    text = text_of(response)

    assert "Mestna občina Ptuj se zavezuje" in text
    assert "Organ, odgovoren za portal Mestna občina Ptuj" in text
    assert 'href="mailto:dostopnost@ptuj.si"' in response.content.decode()
    assert "Telefon 02 748 29 00" in text


def test_statement_without_a_configured_body_names_the_operator(client, settings):
    settings.SOSVET_ACCESSIBILITY_BODY = ""
    settings.SOSVET_ACCESSIBILITY_EMAIL = "portal@varnostni-sosvet.si"
    settings.SOSVET_ACCESSIBILITY_PHONE = ""

    text = text_of(client.get(STATEMENT))

    assert "Upravljavec portala se zavezuje" in text
    assert "portal@varnostni-sosvet.si" in text
    assert "Telefon" not in text


def test_from_a_councils_pages_the_statement_gives_the_councils_email(client, council):
    council.email = "sosvet@ptuj.si"
    council.save()

    from_council = client.get(COUNCIL_STATEMENT)
    general = client.get(STATEMENT)

    assert 'href="mailto:sosvet@ptuj.si"' in from_council.content.decode()
    assert "Varnostni sosvet Mestne občine Ptuj" in text_of(from_council)
    assert "sosvet@ptuj.si" not in general.content.decode()


def test_statement_of_an_unknown_council_is_not_found(client, council):
    assert client.get("/dostopnost/ni-ga/").status_code == 404


def test_statement_reads_in_english(client):
    client.post(reverse("set_language"), {"language": "en"})
    text = text_of(client.get(STATEMENT))

    assert "Information Society Inspectorate of the Republic of Slovenia (IRSID)" in text
    assert "Enforcement procedure" in text


@pytest.fixture
def world(council, mandate, police, chief, member, settings, tmp_path):
    return World(council, mandate, police, chief, member, settings, tmp_path)


@pytest.fixture
def persona_user(request, world):
    def user_for(persona):
        if persona == "anonymous":
            return None
        if persona == "superuser":
            return make_superuser()
        if persona == "member":
            return world.member
        return request.getfixturevalue(persona)

    return user_for


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_links_to_the_statement(client, world, persona_user, persona):
    """Every page the persona may open (the permission matrix's rows): council pages link to
    the council's variant, the others to the installation's statement."""
    user = persona_user(persona)
    if user:
        client.force_login(user)
    walked = 0
    for name, (arguments, method, _data, expected) in sorted(ROWS.items()):
        # Files (PDFs, exports, open data) carry no link; making them only to skip them costs.
        if method != "get" or name in NOT_HTML or expected[PERSONAS.index(persona)] != 200:
            continue
        kwargs = arguments(world)
        # Pages walked earlier may have moved an object on (publishing a report): the page the
        # visitor then lands on must link to the statement as well.
        response = client.get(reverse(name, kwargs=kwargs), follow=True)
        if not response["Content-Type"].startswith("text/html"):
            continue
        link = COUNCIL_STATEMENT if "council" in kwargs else STATEMENT
        assert f'href="{link}"' in response.content.decode(), f"{persona}: {name}"
        walked += 1
    assert walked >= 3


def test_error_and_admin_pages_link_to_the_statement(client, council):
    missing = client.get("/ni-take-strani/nikjer/")
    assert missing.status_code == 404
    assert f'href="{STATEMENT}"' in missing.content.decode()
    client.force_login(make_superuser())
    for address in ("/admin/", "/admin/members/council/"):
        response = client.get(address)
        assert response.status_code == 200
        assert f'href="{STATEMENT}"' in response.content.decode(), address


@pytest.mark.urls("tests.security.urls_with_failure")
def test_the_server_error_page_links_to_the_statement(client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    response = client.get("/test-failure/")
    assert response.status_code == 500
    assert f'href="{STATEMENT}"' in response.content.decode()
