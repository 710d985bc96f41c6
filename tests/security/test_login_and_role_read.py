"""On a council page the login's account, the council the address names and the login's role
there come in one statement (sosvet/auth.py, members/access.py): ``council_view`` names the
council while the login is first read, and ``open_council`` takes what that read found. The
statement must decide exactly what the two reads decided apart: a role in another council is no
role here, a deactivated account is no login, and a page that names no council reads the account
alone."""

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import path, reverse

import sosvet.urls
from members import roles
from members.access import council_view, page_council
from members.models import CouncilAccess

from .test_session_and_login_reads import sent_to_login


@council_view
def floor(request, council):
    """The cheapest council page: what it shows is the council and role it was given."""
    return HttpResponse(f"{council.slug} {request.user.council_access.role}")


urlpatterns = [path("<slug:council>/prazna-stran/", floor, name="floor"), *sosvet.urls.urlpatterns]
pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def floor_of(council):
    return reverse("floor", kwargs={"council": council.slug})


def account_read(queries):
    """The first statement that reads the accounts' table: the login's own."""
    return next(query["sql"] for query in queries if 'FROM "auth_user"' in query["sql"])


def test_a_council_page_reads_the_login_council_and_role_in_one_statement(
    client, member, council, django_assert_num_queries
):
    client.force_login(member)
    # The session; the login with the council, its role there and whether it needs a second
    # factor. Nothing else before the page's own (this one has none).
    with django_assert_num_queries(2) as read:
        response = client.get(floor_of(council))
    assert response.content.decode() == f"{council.slug} {roles.MEMBER}"
    session, login = (query["sql"] for query in read.captured_queries)
    assert '"django_session"' in session
    for table in ('"auth_user"', '"members_council"', '"members_councilaccess"'):
        assert table in login


def test_each_council_s_page_gets_the_role_held_there(
    client, member_here_secretary_there, council, other_council
):
    client.force_login(member_here_secretary_there)
    assert client.get(floor_of(council)).content.decode() == f"{council.slug} {roles.MEMBER}"
    secretary_there = f"{other_council.slug} {roles.SECRETARY}"
    assert client.get(floor_of(other_council)).content.decode() == secretary_there


def test_a_role_in_another_council_only_is_404_here(client, outsider, council, other_council):
    """The other council's role is read by nothing on this council's page: still 404."""
    client.force_login(outsider)
    assert client.get(floor_of(council)).status_code == 404
    assert client.get(floor_of(other_council)).status_code == 200


def test_a_login_without_any_role_is_404_and_anonymous_goes_to_log_in(
    client, django_user_model, council
):
    nobody = django_user_model.objects.create_user(username="nihce", password="x")
    assert sent_to_login(client.get(floor_of(council)))
    client.force_login(nobody)
    assert client.get(floor_of(council)).status_code == 404
    assert client.get("/ni-takega-sosveta/prazna-stran/").status_code == 404
    assert not CouncilAccess.objects.filter(user=nobody).exists()


def test_a_deactivated_account_is_refused_though_its_role_is_read(
    client, django_user_model, member, council
):
    client.force_login(member)
    assert client.get(floor_of(council)).status_code == 200
    django_user_model.objects.filter(pk=member.pk).update(is_active=False)
    with CaptureQueriesContext(connection) as read:
        response = client.get(floor_of(council))
    assert sent_to_login(response)
    login = account_read(read.captured_queries)
    assert '"members_councilaccess"' in login  # read with the role, refused all the same


def test_the_page_s_council_is_named_for_its_own_request_only(client, member, council):
    """After a council page, a page that names no council reads the account alone."""
    client.force_login(member)
    assert client.get(floor_of(council)).status_code == 200
    assert page_council.get() is None
    with CaptureQueriesContext(connection) as read:
        response = client.get(reverse("home"))
    assert response.status_code == 302  # one council: straight to its overview
    login = account_read(read.captured_queries)
    assert '"members_council' not in login
