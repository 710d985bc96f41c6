"""Every page, as each role that may open it, passes axe-core's WCAG 2.1 A and AA rules.

The pages come from the permission matrix (tests/security/test_permission_matrix.py), so a new
page is walked as soon as it has a row there. Forms are also checked showing their errors, and
lists when they are empty; every page's reflow at 320 px width and at 200% zoom is checked in
test_reflow_browser.py.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from members import roles
from members.models import Council
from tests.browser.conftest import assert_accessible, new_context, sign_in
from tests.conftest import make_superuser, make_user
from tests.security.test_permission_matrix import NOT_HTML, PERSONAS, ROWS, World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HTML_PAGES = sorted(
    name for name, (_args, method, _data, _expected) in ROWS.items()
    if method == "get" and name not in NOT_HTML
)  # fmt: skip
# Forms that show their errors when sent empty.
FORMS = [
    "members:mandate_create",
    "members:membership_create",
    "members:organization_create",
    "members:person_create",
    "meetings:session_create",
    "meetings:item_create",
    "meetings:material_upload",
    "meetings:attendance_record",
    "meetings:minutes_approve",
    "meetings:resolution_create",
    "reports:report_create",
    "reports:report_adopt",
]


@pytest.fixture(scope="module")
def walker(browser, live_server):
    """One page for all the walk's checks, axe-core in each page it opens: a new page with axe
    costs more than most checks. The tests share nothing else: each starts signed out."""
    context = new_context(browser, live_server, axe=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def page(walker, live_server):
    """The walk's page, signed out."""
    sign_in(walker, live_server, None)
    return walker


@pytest.fixture
def world(council, mandate, police, chief, member, settings, tmp_path):
    return World(council, mandate, police, chief, member, settings, tmp_path)


@pytest.fixture
def personas(request, world, django_user_model):
    def user_for(persona):
        if persona == "member":
            return world.member
        if persona == "superuser":
            return make_superuser()
        return request.getfixturevalue(persona)

    return user_for


@pytest.mark.parametrize("name", HTML_PAGES)
def test_page_is_accessible_for_every_role_that_may_open_it(
    page, live_server, world, personas, name
):
    arguments, _method, _data, expected = ROWS[name]
    address = reverse(name, kwargs=arguments(world))
    for persona, status in zip(PERSONAS, expected, strict=True):
        if status != 200 or persona in ("superuser", "outsider"):
            continue
        sign_in(page, live_server, None if persona == "anonymous" else personas(persona))
        response = page.goto(address)
        assert response.status == 200, f"{persona} {address}"
        assert_accessible(page)


@pytest.mark.parametrize("name", FORMS)
def test_form_showing_its_errors_is_accessible(page, live_server, world, secretary, name):
    arguments = ROWS[name][0]
    sign_in(page, live_server, secretary)
    page.goto(reverse(name, kwargs=arguments(world)))
    for suggested in page.locator("main form input[type=number]").all():
        suggested.fill("")  # the suggested number would make an empty form valid
    page.locator("main form[method=post] button[type=submit]").last.click()
    # expect() waits for the answer to the post; is_visible() would look before it arrives.
    expect(page.locator(".invalid-feedback, .alert-danger").first).to_be_visible()
    assert_accessible(page)


def test_login_error_and_error_pages_are_accessible(page, live_server, member):
    page.goto(reverse("login"))
    page.locator("#id_username").fill("clan")
    page.locator("#id_password").fill("napačno-geslo")
    page.get_by_role("button", name="Prijava").click()
    assert_accessible(page)
    sign_in(page, live_server, member)
    assert page.goto("/ptuj/osebe/nova/").status == 403
    assert_accessible(page)
    assert page.goto("/ni-take-strani/").status == 404
    assert_accessible(page)


def test_empty_lists_are_accessible(page, live_server, django_user_model):
    empty = Council.objects.create(slug="prazen", name="Varnostni sosvet Prazne občine",
                                   municipality="Prazna občina")  # fmt: skip
    secretary = make_user(django_user_model, "nova-tajnica", roles.SECRETARY, empty)
    sign_in(page, live_server, secretary)
    for name in ("dashboard", "members:roster", "members:mandate_list",
                 "members:organization_list", "members:person_list", "meetings:session_list",
                 "meetings:resolution_register", "reports:report_list"):  # fmt: skip
        assert page.goto(reverse(name, kwargs={"council": "prazen"})).status == 200
        assert_accessible(page)
