"""Hostile values in every part of every URL the project defines: never a server error.

The URLs and their path converters come from the resolver, the query parameters from what each
view actually reads (recorded on a first, ordinary request), and the personas from who reaches
the view at all (not sent to the login page, not 404). Each URL then gets a few examples as each
of those personas with every value at its most hostile, and some random ones besides.
"""

from contextlib import contextmanager
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.http import QueryDict
from django.urls import URLResolver, reverse
from django.urls.converters import IntConverter, SlugConverter, StringConverter
from django.urls.resolvers import get_resolver
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from members.exports import DataFormat, ExportFormat
from tests.conftest import Client
from tests.security.test_permission_matrix import NOT_OURS, PERSONAS, ROWS, world_of

RANDOM_EXAMPLES = 5

QUERY_VALUES = st.one_of(
    st.text(max_size=30),
    st.text(min_size=200, max_size=3000),
    st.integers().map(str),
    st.sampled_from([
        "", "\x00", "a\x00b", "-1", "0", "10000", "99999", "-99999", "9" * 5000, "1e309", "NaN",
        "2024-02-30", "čšž 🙂", "%00", "' OR 1=1 --", "../../etc/passwd",
    ]),
)  # fmt: skip
# Values each converter lets through to the view; the worst ones first.
HOSTILE_PATH = {
    IntConverter: ["9" * 40, "0", "2147483648", "9223372036854775808"],
    SlugConverter: ["a" * 300, "ormoz", "-", "_"],
    StringConverter: ["\x00", "a\x00b", "x" * 5000, "čšž🙂", ".."],
    # A file format lets through only the formats it names.
    ExportFormat: ["xlsx", "csv"],
    DataFormat: ["csv", "json"],
}
PATH_VALUES = {
    IntConverter: st.integers(min_value=0, max_value=2**80).map(str),
    SlugConverter: st.from_regex(r"[-a-zA-Z0-9_]{1,80}", fullmatch=True),
    StringConverter: st.text(min_size=1, max_size=100).filter(lambda s: "/" not in s),
    ExportFormat: st.sampled_from(["csv", "xlsx"]),
    DataFormat: st.sampled_from(["csv", "json"]),
}


def project_patterns(patterns=None, namespace="", converters=None):
    """(URL name, its path converters by argument) for every URL of ours."""
    converters = converters or {}
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        found = {**converters, **getattr(pattern.pattern, "converters", {})}
        if isinstance(pattern, URLResolver):
            if pattern.namespace in NOT_OURS:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from project_patterns(pattern.url_patterns, inner, found)
        elif pattern.name:
            yield namespace + pattern.name, found


@contextmanager
def query_keys_read():
    """Record every key a request's code looks up in a QueryDict (GET or POST)."""
    keys = set()

    def spy(method):
        original = getattr(QueryDict, method)

        def recorded(self, key, *args, **kwargs):
            keys.add(key)
            return original(self, key, *args, **kwargs)

        return recorded

    methods = ("get", "getlist", "__getitem__", "__contains__")
    with mock.patch.multiple(QueryDict, **{method: spy(method) for method in methods}):
        yield keys


@pytest.fixture
def world(base, settings, tmp_path):
    return world_of(base, settings, tmp_path)


@pytest.fixture
def clients(base, world, sessions):
    """A logged-in client for each persona."""
    return {
        persona: persona_client(getattr(base, persona, None), sessions.get(persona))
        for persona in PERSONAS
    }


@pytest.fixture(scope="module")
def sessions(base_once, django_db_blocker):
    """The session of each persona's login, signed in once for the module (in base_once's
    transaction; a test that ends one, logging out, has it back after its savepoint): six logins
    for each of the 111 URLs cost more than many of their requests."""
    with django_db_blocker.unblock():
        sessions = {}
        for persona in PERSONAS:
            if persona != "anonymous":
                client = Client()
                client.force_login(getattr(base_once, persona))
                sessions[persona] = client.cookies[django_settings.SESSION_COOKIE_NAME].value
        return sessions


def persona_client(user, session):
    """A client with the login's session, as after ``force_login`` (second factor passed)."""
    client = Client()
    if session:
        client.cookies[django_settings.SESSION_COOKIE_NAME] = session
    client.user = user
    return client


def reaches(response):
    """Whether the request got past the login and the council check into the view's own work."""
    if response.status_code == 404:
        return False
    location = response.headers.get("Location", "")
    return not location.startswith(reverse(django_settings.LOGIN_URL) + "?next=")


def keep_logged_in(client):
    """A logout ends the persona's session; the next request needs it again."""
    session = client.cookies.get(django_settings.SESSION_COOKIE_NAME)
    if client.user and not (session and session.value):
        client.force_login(client.user)


PATTERNS = dict(project_patterns())


def test_every_url_is_fuzzed():
    assert set(PATTERNS) == set(ROWS)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_hostile_path_and_query_values_never_cause_a_server_error(world, clients, name):
    arguments, method, data, _expected = ROWS[name]
    real = {key: str(value) for key, value in arguments(world).items()}
    converters = PATTERNS[name]

    reached, keys = [], set()
    # The secretary last: the one who may do most, given the hostile values beyond the NUL byte.
    for persona in sorted(clients, key=lambda persona: persona == "secretary"):
        client = clients[persona]
        with query_keys_read() as read:
            response = getattr(client, method)(reverse(name, kwargs=real), data or {})
        assert response.status_code < 500
        keep_logged_in(client)
        if reaches(response):
            reached.append(persona)
            keys |= read
    keys = sorted(keys - {"csrfmiddlewaretoken"}) + ["x"]
    assert reached, f"no persona reaches {name}"

    def request(persona, path, query):
        client = clients[persona]
        address = reverse(name, kwargs=path)
        if method == "post":
            response = client.post(f"{address}?{_encode(query)}", data or {})
        else:
            response = client.get(address, query)
        assert response.status_code < 500, f"{response.status_code}: {persona} {address} {query!r}"
        keep_logged_in(client)

    path_values = {
        arg: st.one_of(st.just(real[arg]), st.sampled_from(HOSTILE_PATH[type(converter)]),
                       PATH_VALUES[type(converter)])
        for arg, converter in converters.items()
    }  # fmt: skip
    query_values = st.fixed_dictionaries({}, optional={key: QUERY_VALUES for key in keys})

    @settings(
        max_examples=RANDOM_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.sampled_from(reached), st.fixed_dictionaries(path_values), query_values)
    def fuzz(persona, path, query):
        request(persona, path, query)

    # The worst values: a NUL byte in every parameter as every persona that reaches the view,
    # and the rest as the persona who may do most there.
    worst_path = {arg: HOSTILE_PATH[type(c)][0] for arg, c in converters.items() if arg in real}
    for persona in reached:
        fuzz = example(persona, real, dict.fromkeys(keys, "\x00"))(fuzz)
    for query_value in ("-1", "99999", "9" * 5000):
        fuzz = example(reached[-1], real, dict.fromkeys(keys, query_value))(fuzz)
    fuzz = example(reached[-1], {**real, **worst_path}, dict.fromkeys(keys, "čšž🙂"))(fuzz)
    fuzz()


def _encode(query):
    encoded = QueryDict(mutable=True)
    encoded.update(query)
    return encoded.urlencode()


@pytest.mark.django_db
@pytest.mark.parametrize("year", ["10000", "99999", "0", "-1"])
def test_session_list_for_a_year_no_date_can_have_shows_this_year(client, base, year):
    client.force_login(base.member)
    response = client.get(reverse("meetings:session_list", kwargs={"council": "ptuj"}),
                          {"leto": year})  # fmt: skip
    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["\x00", "a\x00b", "x" * 65, "čšž"])
def test_calendar_address_with_an_impossible_token_is_not_found(client, token):
    assert client.get(reverse("calendar_feed", kwargs={"token": token})).status_code == 404
