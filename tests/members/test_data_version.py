"""Every change a council's pages could show moves that council's data version, and only its.

Cached pages are keyed on the version (members/page_cache.py), so a change that did not move it
would leave members looking at an old page.
"""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.signals import user_logged_in
from django.test import RequestFactory
from simple_history.models import HistoricalChanges

from meetings.models import (
    AgendaChange,
    AgendaItem,
    AgendaProposal,
    Attendance,
    CalendarFeed,
    InvitationDelivery,
    Material,
    Resolution,
    Session,
)
from members import data_version, roles
from members.login_throttle import PasswordResetRequest
from members.models import Council, Mandate, Membership, Organization, Person
from reports.models import AnnualReport
from tests.conftest import make_council, make_user

pytestmark = pytest.mark.django_db

# Models no cached page shows: the council (its own handler) and a user's private calendar address.
# A password-reset request belongs to no council and shows on no page.
NOT_TRACKED = {Council, CalendarFeed, PasswordResetRequest}


def version(council):
    council.refresh_from_db(fields=["data_version"])
    return council.data_version


@pytest.fixture
def ormoz(db):
    return make_council(slug="ormoz", name="Varnostni sosvet Občine Ormož")


@pytest.fixture
def world(council, django_user_model):
    """One object of every model a council page shows, all in the Ptuj council."""
    user = make_user(django_user_model, "ana", roles.MEMBER, council)
    mandate = Mandate.objects.create(
        council=council, starts_on=datetime.date(2022, 12, 1), ends_on=datetime.date(2026, 11, 30)
    )
    organization = Organization.objects.create(council=council, name="Policijska postaja Ptuj")
    person = Person.objects.create(council=council, first_name="Ana", last_name="Kos", user=user)
    seat = Membership.objects.create(
        mandate=mandate, person=person, organization=organization, starts_on=mandate.starts_on
    )
    session = Session.objects.create(mandate=mandate, number=1, date=datetime.date(2023, 4, 7))
    item = AgendaItem.objects.create(session=session, position=1, title="Konstituiranje")
    objects = [
        organization,
        person,
        mandate,
        seat,
        session,
        item,
        Material.objects.create(
            item=item, file="materials/x.pdf", original_name="x.pdf", content_type="pdf", size=1
        ),
        AgendaProposal.objects.create(session=session, proposed_by=user, title="Šolske poti"),
        AgendaChange.objects.create(session=session, item=item, kind="added", summary="Dodano"),
        InvitationDelivery.objects.create(session=session, person=person, kind="invitation"),
        Attendance.objects.create(session=session, person=person, response="yes"),
        Resolution.objects.create(session=session, item=item, number=1, text="Sklep"),
        AnnualReport.objects.create(
            council=council, report_year=2023, plan_year=2024, subject="Poročilo"
        ),
    ]
    return {type(obj): obj for obj in objects}


def test_every_model_a_council_page_shows_is_tracked(world):
    models = {
        model
        for label in ("members", "meetings", "reports")
        for model in apps.get_app_config(label).get_models()
        if not issubclass(model, HistoricalChanges)
    }
    assert data_version.tracked_models() == models - NOT_TRACKED
    assert set(world) == data_version.tracked_models()


@pytest.mark.parametrize(
    "model",
    sorted(data_version.tracked_models(), key=lambda model: model._meta.label),
    ids=lambda model: model._meta.label,
)
def test_saving_moves_the_version_of_its_council_only(world, council, ormoz, model):
    ptuj_before, ormoz_before = version(council), version(ormoz)
    world[model].save()
    assert version(council) != ptuj_before
    assert version(ormoz) == ormoz_before


def remove_delivery_beneath_the_orm(world):
    """Invitation deliveries are records no path of the portal deletes (meetings/records.py);
    the row is removed beneath the ORM, as a database administrator would, so the session can go.
    """
    InvitationDelivery.objects.filter(pk=world[InvitationDelivery].pk)._raw_delete("default")


def test_deleting_moves_the_version_of_its_council_only(world, council, ormoz):
    remove_delivery_beneath_the_orm(world)
    # Leaves first, so that nothing is protected by what still refers to it.
    for model in (
        Material,
        AgendaChange,
        Attendance,
        Resolution,
        AgendaProposal,
        AgendaItem,
        AnnualReport,
        Session,
        Membership,
        Person,
        Organization,
        Mandate,
    ):
        ptuj_before, ormoz_before = version(council), version(ormoz)
        world[model].delete()
        assert version(council) != ptuj_before, model
        assert version(ormoz) == ormoz_before, model


def test_deleting_a_session_with_its_agenda_and_attendance_moves_the_version(world, council):
    session = world[Session]
    remove_delivery_beneath_the_orm(world)
    for model in (AgendaChange, Resolution, AgendaProposal):
        world[model].delete()
    before = version(council)
    session.delete()
    assert version(council) != before
    assert not AgendaItem.objects.exists() and not Attendance.objects.exists()


def test_who_belongs_to_the_council_moves_its_version(council, ormoz, django_user_model):
    user = make_user(django_user_model, "bojan")
    before, ormoz_before = version(council), version(ormoz)
    council.users.add(user)
    assert version(council) != before
    before = version(council)
    user.councils.remove(council)
    assert version(council) != before
    assert version(ormoz) == ormoz_before


def test_accounts_and_roles_move_every_councils_version(council, ormoz, django_user_model):
    user = make_user(django_user_model, "bojan", roles.MEMBER, council)
    member_role = Group.objects.get(name=roles.MEMBER)
    changes = [
        lambda: setattr(user, "first_name", "Bojan") or user.save(),
        lambda: user.groups.remove(member_role),
        lambda: user.user_permissions.add(
            Permission.objects.get(content_type__app_label="members", codename="view_person")
        ),
        lambda: member_role.permissions.remove(
            Permission.objects.get(content_type__app_label="meetings", codename="view_session")
        ),
    ]
    for change in changes:
        before = version(council), version(ormoz)
        change()
        after = version(council), version(ormoz)
        assert after[0] != before[0] and after[1] != before[1]


def test_logging_in_moves_no_version(council, django_user_model):
    user = make_user(django_user_model, "bojan", roles.MEMBER, council)
    before = version(council)
    request = RequestFactory().get("/")
    user_logged_in.send(sender=type(user), request=request, user=user)
    assert version(council) == before
