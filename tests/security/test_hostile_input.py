"""Random and hostile values in every form: never a 500, and nothing invalid is stored.

The forms are found on their pages (every field the page offers is filled), so a new field is
covered without touching this test.
"""

import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.test_permission_matrix import ROWS, world_of

FORMS = [
    "members:council_settings",
    "members:mandate_create",
    "members:mandate_edit",
    "members:membership_create",
    "members:membership_edit",
    "members:membership_end",
    "members:organization_create",
    "members:organization_edit",
    "members:person_create",
    "members:person_edit",
    "meetings:session_create",
    "meetings:session_edit",
    "meetings:item_create",
    "meetings:item_edit",
    "meetings:proposal_create",
    "meetings:proposal_decide",
    "meetings:attendance_record",
    "meetings:minutes_edit",
    "meetings:minutes_approve",
    "meetings:resolution_create",
    "reports:report_create",
    "reports:report_edit",
    "reports:report_adopt",
    "password_reset",
    "login",
]
MODELS = ["members.Council", "members.Mandate", "members.Membership", "members.Organization",
          "members.Person", "meetings.Session", "meetings.AgendaItem", "meetings.AgendaProposal",
          "meetings.Attendance", "meetings.Resolution", "reports.AnnualReport"]  # fmt: skip

HOSTILE = st.one_of(
    st.text(max_size=50),
    st.text(min_size=300, max_size=5000),
    st.sampled_from([
        "", " ", "\x00", "\x1b[31m", "<script>alert(1)</script>", "' OR 1=1 --", "{{ 7*7 }}",
        "0001-01-01", "9999-12-31", "2024-02-30", "31. 12. 99999", "-1", "0", "-32769",
        "99999999999999999999", "1e309", "NaN", "2024-13", "25:61", "null", "[]", "true",
    ]),
    st.integers(min_value=-(2**63), max_value=2**63).map(str),
    st.dates().map(lambda d: d.isoformat()),
)  # fmt: skip


@pytest.fixture
def world(base, settings, tmp_path):
    return world_of(base, settings, tmp_path)


def field_names(page):
    names = set(re.findall(r'<(?:input|select|textarea)[^>]* name="([^"]+)"', page))
    names -= {"csrfmiddlewaretoken", "next", "language"}
    return sorted(names)


def assert_everything_stored_is_valid():
    for label in MODELS:
        for obj in apps.get_model(label).objects.all():
            try:
                obj.full_clean()
            except ValidationError as error:
                raise AssertionError(f"invalid {label} stored: {obj!r}: {error}") from None


@pytest.mark.django_db
@pytest.mark.parametrize("name", FORMS)
def test_hostile_values_never_cause_a_server_error(client, world, base, name):
    client.force_login(base.secretary)
    address = reverse(name, kwargs=ROWS[name][0](world))
    fields = field_names(client.get(address).content.decode())
    assert fields, f"{name} offers no fields"

    @settings(
        max_examples=15,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.fixed_dictionaries({field: HOSTILE for field in fields}))
    def post(data):
        response = client.post(address, data)
        # 429: the login throttle answering repeated failures, as it should.
        assert response.status_code in (200, 302, 403, 429), f"{response.status_code} for {data!r}"

    post()
    assert_everything_stored_is_valid()
