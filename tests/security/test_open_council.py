"""``open_council``, the one query behind every council page: the login's role in the council
the address names, with the council and whether a second factor is expected. Written as SQL for
speed, it must answer as the ORM's reading of the same tables does."""

import pytest
from django.http import Http404

from members import roles
from members.access import open_council
from members.models import Council, CouncilAccess
from members.two_factor import must_pass_second_factor
from tests.conftest import give_second_factor

pytestmark = pytest.mark.django_db


def stored_fields(instance):
    return {
        field.attname: getattr(instance, field.attname)
        for field in type(instance)._meta.concrete_fields
    }


@pytest.mark.parametrize("persona", ["secretary", "member", "mayors_office"])
def test_the_opened_role_and_council_are_the_stored_ones(request, persona, council, other_council):
    user = request.getfixturevalue(persona)
    CouncilAccess.objects.create(council=other_council, user=user, role=roles.MEMBER)
    council.address, council.phone, council.convocation_days = "Mestni trg 1", "02 123", 9
    council.save()

    access = open_council(user, council.slug, ask_second_factor=True)

    stored = CouncilAccess.objects.get(user=user, council=council)
    assert (access.pk, access.council_id, access.user_id, access.role) == (
        stored.pk, council.pk, user.pk, stored.role,
    )  # fmt: skip
    assert stored_fields(access.council) == stored_fields(Council.objects.get(pk=council.pk))
    assert access.granted_at == stored.granted_at  # left out of the query, read if asked
    assert user.council_access is access
    assert not {"access_id", "access_role", "second_factor_required"} & vars(access.council).keys()


def test_one_query(member, council, django_assert_num_queries):
    with django_assert_num_queries(1):
        open_council(member, council.slug, ask_second_factor=True)


def test_each_council_gives_the_role_held_there(
    member_here_secretary_there, council, other_council
):
    assert open_council(member_here_secretary_there, council.slug).role == roles.MEMBER
    assert open_council(member_here_secretary_there, other_council.slug).role == roles.SECRETARY


def test_no_role_there_or_no_such_council_is_404(member, outsider, council):
    with pytest.raises(Http404):
        open_council(outsider, council.slug, ask_second_factor=True)
    with pytest.raises(Http404):
        open_council(member, "no-such-council")
    assert not hasattr(outsider, "council_access")


def test_the_second_factor_question_answers_as_the_rule(
    secretary, member, mayors_office, member_here_secretary_there, council
):
    give_second_factor(mayors_office)  # set up by choice
    expected = {secretary: True, member: False, mayors_office: True}
    expected[member_here_secretary_there] = True  # a member here, a secretary elsewhere
    for user, required in expected.items():
        access = open_council(user, council.slug, ask_second_factor=True)
        assert access.second_factor_required is must_pass_second_factor(user) is required


@pytest.mark.parametrize("persona", ["secretary", "member"])
def test_a_council_page_reads_the_login_once_and_uses_it_itself(request, client, persona, mandate):
    """django-otp's lazy login wraps AuthenticationMiddleware's; a council page swaps both for
    the instance they read, with what django-otp set on it (and the role the page opened)."""
    user = request.getfixturevalue(persona)
    client.force_login(user)
    response = client.get(f"/{mandate.council.slug}/")
    login = response.wsgi_request.user
    assert type(login) is type(user) and login.pk == user.pk
    assert login.is_verified() is (persona == "secretary")  # force_login passes a device's
    assert login.council_access.role == CouncilAccess.objects.get(user=user).role
