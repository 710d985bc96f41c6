"""Erasing a former member's personal data on request, and setting up a new council."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from meetings.models import CalendarFeed, InvitationDelivery
from members import roles
from members.accounts import ERASURE_REASON
from members.models import Council, CouncilAccess, Person
from sosvet.models import PasswordResetRequest
from tests.conftest import log_in, make_seat, make_user
from tests.meetings.factories import make_session

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"members:{name}", kwargs={"council": "ptuj", **kwargs})


@pytest.fixture
def former(council, mandate, police, django_user_model):
    """A member whose seat ended last month, with a login, a phone and an invitation sent."""
    person = Person.objects.create(
        council=council,
        honorific="dr.",
        first_name="Bojana",
        last_name="BIVŠA",
        gender=Person.Gender.FEMALE,
        email="bojana@example.com",
        phone="041 123 456",
    )
    person.email = "bojana.bivsa@example.com"  # an older address, kept in the history
    person.save()
    person.user = make_user(django_user_model, "bojana", roles.MEMBER, council)
    person.save()
    ended = datetime.date.today() - datetime.timedelta(days=30)
    make_seat(mandate, person, police, ends_on=ended)
    session = make_session(mandate, 1, days_ahead=-60)
    InvitationDelivery.objects.create(
        session=session, person=person, kind="invitation", email=person.email, status="sent"
    )
    CalendarFeed.objects.create(user=person.user)
    return person


def test_erasing_asks_first_then_erases_contact_details_everywhere(
    client, secretary, former, django_user_model
):
    client.force_login(secretary)
    login = former.user
    question = client.get(url("person_erase", pk=former.pk)).content.decode()
    assert "se izbrišeta, tudi iz zgodovine sprememb" in question
    former.refresh_from_db()
    assert former.email  # nothing happens before the answer

    response = client.post(url("person_erase", pk=former.pk), {"confirmed": "1"}, follow=True)

    assert "Osebni podatki osebe dr. Bojana BIVŠA so izbrisani." in response.content.decode()
    former.refresh_from_db()
    assert (former.full_name, former.gender) == ("dr. Bojana BIVŠA", "f")
    assert (former.email, former.phone, former.user) == ("", "", None)
    for record in former.history.all():
        assert (record.email, record.phone) == ("", "")
    assert former.history.first().history_change_reason == ERASURE_REASON
    assert former.history.first().history_user == secretary
    assert InvitationDelivery.objects.get(person=former).email == ""
    # The login stays (the records name it), anonymised and disabled, without a role here.
    login.refresh_from_db()
    assert login.username == f"izbrisan-{login.pk}" and login.email == ""
    assert not login.is_active and not login.has_usable_password()
    assert not CouncilAccess.objects.filter(user=login).exists()
    assert not CalendarFeed.objects.filter(user=login).exists()
    assert not log_in(client.__class__(), "bojana")


def test_erasing_a_login_forgets_the_reset_requests_made_for_its_address(client, secretary, former):
    """The login throttle keeps an hour of requests for reset links by the address typed."""
    client.post(reverse("password_reset"), {"email": "Bojana@Example.com"})
    client.post(reverse("password_reset"), {"email": "drugi@example.com"})
    assert PasswordResetRequest.objects.count() == 2

    client.force_login(secretary)
    client.post(url("person_erase", pk=former.pk), {"confirmed": "1"})

    assert list(PasswordResetRequest.objects.values_list("email", flat=True)) == [
        "drugi@example.com"
    ]


def test_erasing_keeps_a_login_that_works_with_another_council(
    client, secretary, former, other_council
):
    CouncilAccess.objects.create(council=other_council, user=former.user, role=roles.MEMBER)
    login = former.user
    client.force_login(secretary)

    client.post(url("person_erase", pk=former.pk), {"confirmed": "1"})

    login.refresh_from_db()
    assert login.username == "bojana" and login.is_active
    assert list(login.council_accesses.values_list("council__slug", flat=True)) == ["ormoz"]


def test_a_current_members_data_cannot_be_erased(client, secretary, chief, mandate, police):
    chief.email = "lubej@example.com"
    chief.save()
    make_seat(mandate, chief, police)
    client.force_login(secretary)

    response = client.post(url("person_erase", pk=chief.pk), {"confirmed": "1"}, follow=True)

    assert "ima v sosvetu sedanji ali prihodnji sedež" in response.content.decode()
    chief.refresh_from_db()
    assert chief.email == "lubej@example.com"


def test_people_page_offers_erasure_for_former_members_only(
    client, secretary, former, chief, mandate, police
):
    chief.email = "lubej@example.com"
    chief.save()
    make_seat(mandate, chief, police)
    client.force_login(secretary)
    page = client.get(url("person_list")).content.decode()
    assert url("person_erase", pk=former.pk) in page
    assert url("person_erase", pk=chief.pk) not in page


def test_create_council_makes_the_council_and_invites_its_first_secretary(
    client, django_user_model
):
    out = _call(
        "sevnica",
        "Varnostni sosvet Občine Sevnica",
        "Občina Sevnica",
        "--email=sosvet@sevnica.si",
        "--secretary=tajnica@sevnica.si",
        "--base-url=https://sosvet.example.si",
    )

    council = Council.objects.get(slug="sevnica")
    assert (council.name, council.municipality, council.email) == (
        "Varnostni sosvet Občine Sevnica",
        "Občina Sevnica",
        "sosvet@sevnica.si",
    )
    login = django_user_model.objects.get(username="tajnica@sevnica.si")
    assert council.accesses.get().user == login
    assert council.accesses.get().role == roles.SECRETARY
    (invitation,) = mail.outbox
    link = re.search(r"https://sosvet\.example\.si/racun/nastavi-geslo/\S+/", invitation.body)
    assert link and link.group(0) in out


def test_create_council_refuses_a_short_name_in_use(council):
    with pytest.raises(CommandError, match="exists already"):
        _call("ptuj", "Drugi", "Drugje", "--secretary=x@example.com")
    assert Council.objects.count() == 1
    assert mail.outbox == []


def test_create_council_gives_an_existing_login_the_role_with_a_notice(django_user_model):
    login = make_user(django_user_model, "ana@example.com")
    _call("sevnica", "Sosvet Sevnica", "Občina Sevnica", "--secretary=ana@example.com")
    assert login.council_accesses.get().role == roles.SECRETARY
    assert "nastavi-geslo" not in mail.outbox[0].body


def _call(*args):
    from io import StringIO

    out = StringIO()
    call_command("create_council", *args, stdout=out)
    return out.getvalue()
