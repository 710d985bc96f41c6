"""The session page's reads written as SQL (meetings/session_page.py) give what the models say."""

import datetime

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.models import (
    AgendaItem,
    Attendance,
    Material,
    Resolution,
    Session,
    SessionSeen,
    Vote,
    vote_label,
)
from meetings.session_page import (
    agenda_items,
    read_session,
    seats_with_attendance,
    seats_with_votes,
)
from meetings.views.sessions import agenda_permissions
from members.models import Person
from tests.conftest import make_seat
from tests.meetings.factories import make_items, make_session

pytestmark = pytest.mark.django_db


def test_seats_are_the_members_invited_in_their_order(council, mandate, police, member):
    """Who is invited and in what order is ``Session.members_invited``; the page's SQL agrees,
    Slovenian order (č after c, š after s) and seats that ended or start later included."""
    session = make_session(mandate, 1, days_ahead=-1, status=Session.Status.HELD)
    names = [("Zala", "Šuster"), ("Ana", "Sever"), ("Črt", "Cvetko"), ("Eva", "Čeh"),
             ("ana", "sever"), ("Ana", "Sever"), ("Iva", "Žagar"), ("Ivo", "Zupan")]  # fmt: skip
    for first_name, last_name in names:
        person = Person.objects.create(
            council=council, first_name=first_name, last_name=last_name, gender="f"
        )
        make_seat(mandate, person, police)
    ended = Person.objects.create(council=council, first_name="Bivši", last_name="A", gender="m")
    make_seat(mandate, ended, police, ends_on=session.date - datetime.timedelta(days=1))
    later = Person.objects.create(council=council, first_name="Novi", last_name="B", gender="m")
    make_seat(mandate, later, police, starts_on=session.date + datetime.timedelta(days=1))
    make_seat(mandate, None, police)  # the organization has not named its representative

    seats, own, recorded = seats_with_attendance(session, council, member)

    invited = [seat.person_id for seat in session.members_invited()]
    assert [seat["person_id"] for seat in seats] == invited
    assert len(invited) == len(names)
    assert own is None and not recorded


def test_seats_say_the_answers_as_the_models_do(council, mandate, police, member):
    session = make_session(mandate, 1, days_ahead=-1, status=Session.Status.HELD)
    ana = Person.objects.create(council=council, first_name="Ana", last_name="A", gender="f")
    bor = Person.objects.create(council=council, first_name="Bor", last_name="B", gender="m")
    cene = Person.objects.create(
        council=council, first_name="Cene", last_name="C", gender="m", user=member
    )
    for person in (ana, bor, cene):
        make_seat(mandate, person, police)
    Attendance.objects.create(session=session, person=ana, presence="excused", deputy=bor)
    Attendance.objects.create(session=session, person=bor, presence="present", response="yes")
    Attendance.objects.create(session=session, person=cene, response="no", deputy_name="Dan")

    seats, own, recorded = seats_with_attendance(session, council, member, deputy_links=True)

    answers = session.attendances.order_by("person__last_name")
    for seat, attendance in zip(seats, answers, strict=True):
        assert seat["name"] == attendance.person.full_name
        assert seat["name_with_deputy"] == attendance.name_with_deputy()
        assert seat["response"] == (attendance.get_response_display() or "—")
        assert seat["presence"] == (attendance.get_presence_display() or "—")
        assert seat["fills_seat"] == attendance.fills_seat
        assert seat["deputy_url"] == reverse(
            "meetings:attendance_deputy",
            kwargs={"council": "ptuj", "pk": session.pk, "person": attendance.person_id},
        )
    assert recorded
    stored = Attendance.objects.get(person=cene)
    assert own["person"] == cene and own["attendance"].own_answer == stored.own_answer
    assert own["attendance"].deputy_full_name == "Dan"


def test_agenda_items_are_the_models_in_their_order(council, mandate, police, secretary):
    session = make_session(mandate, 1, days_ahead=-1, status=Session.Status.HELD)
    second, first = make_items(session, "Druga", "Prva")
    second.position, first.position = 2, 1
    second.save(), first.save()
    for name in ("b.pdf", "a.pdf"):
        Material.objects.create(
            item=first, file="materials/x.pdf", original_name=name, content_type="x", size=2048
        )
    Resolution.objects.create(session=session, item=first, number=2, text="Dva")
    Resolution.objects.create(
        session=session, item=first, number=1, text="Ena", responsible=police, votes_for=5,
        votes_against=1, votes_abstained=0, deadline=datetime.date(2030, 1, 31),
    )  # fmt: skip
    secretary.council_access = secretary.council_accesses.get(council=council)

    read, _seen, rows = read_session(council, session.pk, secretary)
    items = agenda_items(rows, council, agenda_permissions(secretary, read))

    assert read == session and read.mandate.council == council
    assert [item["title"] for item in items] == ["Prva", "Druga"]
    assert [material["name"] for material in items[0]["materials"]] == ["b.pdf", "a.pdf"]
    one, two = items[0]["resolutions"]
    stored = Resolution.objects.get(number=1)
    assert [one["name"], two["name"]] == ["1. sklep", "2. sklep"]
    assert one["vote_summary"] == stored.vote_summary()
    assert (one["responsible"], one["deadline"]) == (police.name, "31. 1. 2030")
    assert one["edit_url"] == reverse(
        "meetings:resolution_edit", kwargs={"council": "ptuj", "pk": stored.pk}
    )
    assert items[0]["materials"][0]["size"] == "2,0\xa0KB"


def test_the_session_read_once_beside_its_agenda_is_the_models(council, mandate, member):
    """The session's row and its agenda's come from one query of two parts (members.sql
    read_parts); each value is the ORM's, of the same type, dates and times included."""
    session = make_session(mandate, 1, days_ahead=3, status=Session.Status.CONVENED,
                           convened_at=timezone.now(), public=True)  # fmt: skip
    (item,) = make_items(session, "Umaknjena")
    item.withdrawn, item.withdrawn_at = True, timezone.now()
    item.save()
    Material.objects.create(
        item=item, file="materials/x.pdf", original_name="x.pdf", content_type="x", size=1,
        withdrawn_at=timezone.now(), public=True,
    )  # fmt: skip
    Resolution.objects.create(
        session=session, item=item, number=1, text="Ena", deadline=datetime.date(2030, 1, 31)
    )
    SessionSeen.record(member, session)

    read, seen, rows = read_session(council, session.pk, member)

    stored = Session.objects.get(pk=session.pk)
    for field in Session._meta.concrete_fields:
        value, expected = getattr(read, field.attname), getattr(stored, field.attname)
        assert (value, type(value)) == (expected, type(expected)), field.name
    assert seen == SessionSeen.objects.get(user=member, session=session).seen_at
    (row,) = rows
    material, resolution = item.materials.get(), item.resolutions.get()
    expected = {
        "i.withdrawn": True,
        "i.withdrawn_at": AgendaItem.objects.get(pk=item.pk).withdrawn_at,
        "m.uploaded_at": material.uploaded_at,
        "m.withdrawn_at": material.withdrawn_at,
        "m.public": True,
        "r.deadline": resolution.deadline,
    }
    assert {name: (row[name], type(row[name])) for name in expected} == {
        name: (value, type(value)) for name, value in expected.items()
    }


def test_a_session_of_another_council_or_no_session_is_not_found(
    council, other_council, mandate, member
):
    session = make_session(mandate, 1)
    for asked, pk in ((other_council, session.pk), (council, 10**6), (council, 10**30)):
        with pytest.raises(Http404):
            read_session(asked, pk, member)


def test_how_members_voted_is_read_only_once_the_votes_are_shown(council, mandate, police, member):
    session = make_session(mandate, 1, days_ahead=2, kind=Session.Kind.CORRESPONDENCE,
                           status=Session.Status.CONVENED)  # fmt: skip
    (item,) = make_items(session, "Dopisna")
    proposed = Resolution.objects.create(
        session=session, item=item, number=1, text="Predlog", outcome="proposed"
    )
    ana = Person.objects.create(council=council, first_name="Ana", last_name="A", gender="f")
    bor = Person.objects.create(
        council=council, first_name="Bor", last_name="B", gender="m", user=member
    )
    for person in (ana, bor):
        make_seat(mandate, person, police)
    Vote.objects.create(resolution=proposed, person=ana, choice=Vote.Choice.ABSTAIN)
    resolutions = [{"pk": proposed.pk, "name": "1. sklep"}]

    with CaptureQueriesContext(connection) as queries:
        seats, own = seats_with_votes(session, council, member, resolutions)
    assert "choice" not in queries[0]["sql"]
    assert [(seat["has_voted"], seat["vote_labels"]) for seat in seats] == [(True, []), (False, [])]
    assert own["person_id"] == bor.pk

    Session.objects.filter(pk=session.pk).update(date=timezone.localdate(), time=datetime.time(0))
    session.refresh_from_db()
    seats, own = seats_with_votes(session, council, member, resolutions)
    assert [seat["vote_labels"] for seat in seats] == [
        [vote_label(Vote.Choice.ABSTAIN, ana)],
        [vote_label(None, bor)],
    ]
