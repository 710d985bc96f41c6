"""Two secretaries edit the same organization, person, mandate or seat at once.

The first save stands; the second is refused with what the first one changed, beside what the
second typed, which stays in the form. The history says who changed what.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from members import roles
from members.forms import PersonForm
from members.models import Mandate, Membership, Organization, Person
from tests.conftest import make_seat, make_superuser, make_user
from tests.meetings.factories import make_items, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_secretary(django_user_model, council):
    return make_user(django_user_model, "druga-tajnica", roles.SECRETARY, council)


def edit_address(name, pk):
    return reverse(f"members:{name}", kwargs={"council": "ptuj", "pk": pk})


def organization_case(world):
    police = world["police"]
    form = {"name": police.name, "short_name": police.short_name}
    return police, "organization_edit", form, "short_name", "Kratko ime"


def person_case(world):
    chief = world["chief"]
    form = {"honorific": chief.honorific, "first_name": chief.first_name,
            "last_name": chief.last_name, "gender": chief.gender}  # fmt: skip
    return chief, "person_edit", form, "phone", "Telefon"


def mandate_case(world):
    mandate = world["mandate"]
    form = {"starts_on": mandate.starts_on.isoformat(), "ends_on": mandate.ends_on.isoformat()}
    return mandate, "mandate_edit", form, "label", "Oznaka"


def membership_case(world):
    seat = world["seat"]
    form = {"person": seat.person_id, "organization": seat.organization_id, "role": seat.role,
            "starts_on": seat.starts_on.isoformat()}  # fmt: skip
    return seat, "membership_edit", form, "function_title", "Funkcija"


CASES = [organization_case, person_case, mandate_case, membership_case]


@pytest.fixture
def world(mandate, police, chief):
    return {"mandate": mandate, "police": police, "chief": chief,
            "seat": make_seat(mandate, chief, police)}  # fmt: skip


def opened_version(client, address):
    page = client.get(address).content.decode()
    return page.split('name="seen_version" value="')[1].split('"')[0]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.__name__)
def test_second_save_is_refused_showing_the_first_ones_change(
    client, secretary, second_secretary, world, case
):
    obj, name, form, field, label = case(world)
    address = edit_address(name, obj.pk)
    first, second = client, client.__class__()
    first.force_login(secretary)
    second.force_login(second_secretary)
    first_seen = opened_version(first, address)
    second_seen = opened_version(second, address)
    assert first_seen == second_seen

    saved = first.post(address, {**form, field: "Prva različica", "seen_version": first_seen})
    assert saved.status_code == 302
    refused = second.post(address, {**form, field: "Druga različica", "seen_version": second_seen})

    page = refused.content.decode()
    assert refused.status_code == 200
    assert "Nekdo drug je to shranil" in page
    assert f"{label}: shranjeno je »Prva različica«, vi ste vnesli »Druga različica«." in page
    assert 'value="Druga različica"' in page  # what the second secretary typed is kept
    obj.refresh_from_db()
    assert getattr(obj, field) == "Prva različica"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.__name__)
def test_refused_page_lists_only_what_the_other_person_changed(
    client, secretary, second_secretary, world, case
):
    obj, name, form, field, label = case(world)
    address = edit_address(name, obj.pk)
    client.force_login(secretary)
    seen = opened_version(client, address)
    client.post(address, {**form, field: "Prva različica", "seen_version": seen})

    client.force_login(second_secretary)
    refused = client.post(address, {**form, field: "Druga različica", "seen_version": seen})

    errors = refused.context["form"].non_field_errors()
    changes = [error for error in errors if ": shranjeno je »" in error]
    assert changes == [f"{label}: shranjeno je »Prva različica«, vi ste vnesli »Druga različica«."]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.__name__)
def test_saving_again_after_seeing_the_other_change_is_a_deliberate_overwrite(
    client, secretary, second_secretary, world, case
):
    obj, name, form, field, _label = case(world)
    address = edit_address(name, obj.pk)
    client.force_login(secretary)
    seen = opened_version(client, address)
    client.post(address, {**form, field: "Prva različica", "seen_version": seen})
    client.force_login(second_secretary)
    refused = client.post(address, {**form, field: "Druga različica", "seen_version": seen})
    now_seen = refused.content.decode().split('name="seen_version" value="')[1].split('"')[0]

    again = client.post(address, {**form, field: "Druga različica", "seen_version": now_seen})

    assert again.status_code == 302
    obj.refresh_from_db()
    assert getattr(obj, field) == "Druga različica"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.__name__)
def test_history_records_who_changed_what(client, secretary, second_secretary, world, case):
    obj, name, form, field, _label = case(world)
    address = edit_address(name, obj.pk)
    client.force_login(secretary)
    client.post(address, {**form, field: "Prva različica", "seen_version": 0})
    client.force_login(second_secretary)
    client.post(address, {**form, field: "Druga različica", "seen_version": 1})

    newest, middle = obj.history.all()[:2]
    assert (middle.history_user, newest.history_user) == (secretary, second_secretary)
    change = newest.diff_against(middle, excluded_fields=["lock_version"]).changes
    assert [(c.field, c.old, c.new) for c in change] == [
        (field, "Prva različica", "Druga različica")
    ]


def test_refused_seat_shows_the_other_persons_choice_by_name(
    client, secretary, second_secretary, world
):
    seat, police = world["seat"], world["police"]
    address = edit_address("membership_edit", seat.pk)
    form = {"person": seat.person_id, "organization": police.pk, "starts_on": seat.starts_on}
    client.force_login(secretary)
    seen = opened_version(client, address)
    client.post(address, {**form, "role": Membership.Role.CHAIR, "seen_version": seen})
    client.force_login(second_secretary)
    refused = client.post(address, {**form, "role": Membership.Role.MEMBER, "seen_version": seen})

    assert "Vloga: shranjeno je »predsednik«, vi ste vnesli »član«." in refused.content.decode()
    assert Membership.objects.get().role == Membership.Role.CHAIR


def test_edits_from_a_form_move_the_version(client, secretary, world):
    client.force_login(secretary)
    for model, name, form in [
        (Organization, "organization_edit", {"name": "PP Ptuj"}),
        (Person, "person_edit", {"first_name": "Aleš", "last_name": "Kolar", "gender": "m"}),
        (
            Mandate,
            "mandate_edit",
            {"starts_on": world["mandate"].starts_on, "ends_on": world["mandate"].ends_on},
        ),  # fmt: skip
    ]:
        obj = model.objects.get()
        client.post(edit_address(name, obj.pk), {**form, "seen_version": 0})
        assert model.objects.get().lock_version == 1, model


def test_sessions_and_agenda_items_show_the_other_change_too(
    client, secretary, second_secretary, mandate
):
    session = make_session(mandate, 2, place="Dvorana A")
    (item,) = make_items(session, "Izvirni naslov")
    item_address = reverse("meetings:item_edit", kwargs={"council": "ptuj", "pk": item.pk})
    session_address = reverse("meetings:session_edit", kwargs={"council": "ptuj", "pk": session.pk})
    session_form = {"mandate": mandate.pk, "number": 2, "kind": "regular",
                    "date": session.date.isoformat(), "time": "17:00"}  # fmt: skip
    client.force_login(secretary)
    client.post(item_address, {"title": "Naslov prve", "seen_version": 0})
    client.post(session_address, {**session_form, "place": "Dvorana B", "seen_version": 0})

    client.force_login(second_secretary)
    item_page = client.post(item_address, {"title": "Naslov druge", "seen_version": 0})
    session_page = client.post(
        session_address, {**session_form, "place": "Dvorana C", "seen_version": 0}
    )

    assert "Naslov: shranjeno je »Naslov prve«, vi ste vnesli »Naslov druge«." in (
        item_page.content.decode()
    )
    assert "Kraj: shranjeno je »Dvorana B«, vi ste vnesli »Dvorana C«." in (
        session_page.content.decode()
    )
    session.refresh_from_db()
    item.refresh_from_db()
    assert (session.place, item.title) == ("Dvorana B", "Naslov prve")


def test_the_admin_refuses_a_stale_save_too(client, secretary, world):
    chief = world["chief"]
    client.force_login(secretary)
    client.post(
        edit_address("person_edit", chief.pk),
        {"first_name": "Aleksander", "last_name": "Lubej", "gender": "m", "seen_version": 0},
    )
    client.force_login(make_superuser())
    address = reverse("admin:members_person_change", args=[chief.pk])
    form = {"council": chief.council_id, "first_name": "Aleksander", "gender": "m"}

    stale = client.post(address, {**form, "last_name": "LUBEJ", "seen_version": 0})

    assert stale.status_code == 200
    assert "Priimek: shranjeno je »Lubej«, vi ste vnesli »LUBEJ«." in stale.content.decode()
    assert Person.objects.get().last_name == "Lubej"
    fresh = client.post(address, {**form, "last_name": "LUBEJ", "seen_version": 1})
    assert fresh.status_code == 302
    assert Person.objects.get().last_name == "LUBEJ"


def test_the_admin_history_of_a_person_names_who_changed_it(client, secretary, world):
    chief = world["chief"]
    client.force_login(secretary)
    client.post(
        edit_address("person_edit", chief.pk),
        {"first_name": "Aleksander", "last_name": "Lubej", "gender": "m", "seen_version": 0},
    )
    client.force_login(make_superuser())

    page = client.get(reverse("admin:members_person_history", args=[chief.pk])).content.decode()

    assert "tajnica" in page
    assert "Lubej" in page


def test_a_save_that_loses_the_race_after_checking_is_refused_the_same_way(council, world):
    chief = world["chief"]
    data = {"first_name": "Aleksander", "last_name": "LUBEJ", "gender": "m", "seen_version": 0}
    late = PersonForm({**data, "phone": "02 749 30 00"}, instance=chief, council=council)
    assert late.is_valid()  # checked before the other save...
    early = PersonForm(
        {**data, "phone": "02 749 31 00"}, instance=Person.objects.get(), council=council
    )
    assert early.is_valid()
    early.save()

    with pytest.raises(ValidationError) as refusal:
        late.save()  # ...and saved after it

    assert (
        "Telefon: shranjeno je »02 749 31 00«, vi ste vnesli »02 749 30 00«."
        in refusal.value.messages
    )
    assert Person.objects.get().phone == "02 749 31 00"


@pytest.mark.parametrize(
    "case, kind, listing",
    [
        (organization_case, "organizacija", "organization_list"),
        (person_case, "oseba", "person_list"),
        (mandate_case, "mandat", "mandate_list"),
    ],
    ids=["organization", "person", "mandate"],
)
def test_secretary_reads_who_changed_what_from_the_list(
    client, secretary, world, case, kind, listing
):
    obj, name, form, field, _label = case(world)
    client.force_login(secretary)
    client.post(edit_address(name, obj.pk), {**form, field: "Nova vrednost", "seen_version": 0})
    history = reverse("history", kwargs={"council": "ptuj", "kind": kind, "pk": obj.pk})
    listed = client.get(reverse(f"members:{listing}", kwargs={"council": "ptuj"}))
    assert history in listed.content.decode()
    page = client.get(history).content.decode()
    assert "tajnica" in page and "<ins>Nova vrednost</ins>" in page
