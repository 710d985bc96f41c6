"""The agenda: items, their order, members' proposals and the trail after the invitation."""

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaChange, AgendaItem, AgendaProposal, Session
from members import roles
from tests.meetings.factories import make_items, make_session

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"council": "ptuj", **kwargs})


@pytest.fixture
def session(mandate):
    return make_session(mandate, 2)


def titles(session):
    return list(session.items.order_by("position").values_list("title", flat=True))


def test_secretary_adds_items_at_the_end(client, secretary, session):
    make_items(session, "Prva")
    client.force_login(secretary)
    response = client.post(url("item_create", session=session.pk), {"title": "Druga"})
    assert response.status_code == 302
    assert titles(session) == ["Prva", "Druga"]


def test_empty_title_is_refused_in_slovenian(client, secretary, session):
    client.force_login(secretary)
    response = client.post(
        url("item_create", session=session.pk), {"title": "", "description": "Opis ostane"}
    )
    page = response.content.decode()
    assert "To polje je obvezno." in page
    assert "Opis ostane" in page
    assert not AgendaItem.objects.exists()


def test_items_are_reordered_without_retyping(client, secretary, session):
    first, second, third = make_items(session, "A", "B", "C")
    client.force_login(secretary)
    client.post(url("item_move", pk=third.pk), {"direction": "up"})
    assert titles(session) == ["A", "C", "B"]
    client.post(url("item_move", pk=first.pk), {"direction": "down"})
    assert titles(session) == ["C", "A", "B"]
    client.post(url("item_move", pk=third.pk), {"direction": "up"})
    assert titles(session) == ["C", "A", "B"]


def test_a_move_says_where_the_item_now_stands_on_the_agenda(client, secretary, session):
    """Without JavaScript the page comes back with a message; withdrawn items are not counted."""
    first, _second, _third = make_items(session, "A", "B", "C")
    AgendaItem.objects.create(session=session, position=4, title="Umaknjena", withdrawn=True)
    client.force_login(secretary)
    response = client.post(url("item_move", pk=first.pk), {"direction": "down"}, follow=True)
    assert "Točka »A« je zdaj 2. od 3." in response.content.decode()


def test_the_last_item_moves_past_no_withdrawn_one(client, secretary, session):
    _first, _second, third = make_items(session, "A", "B", "C")
    AgendaItem.objects.create(session=session, position=4, title="Umaknjena", withdrawn=True)
    client.force_login(secretary)
    page = client.get(reverse("meetings:session", kwargs={"council": "ptuj", "pk": session.pk}))
    assert f'id="move-down-{third.pk}"' not in page.content.decode()
    client.post(url("item_move", pk=third.pk), {"direction": "down"})
    assert titles(session) == ["A", "B", "C", "Umaknjena"]
    client.post(url("item_move", pk=third.pk), {"direction": "up"})
    assert titles(session)[:3] == ["A", "C", "B"]


def test_member_cannot_change_the_agenda(client, member, session):
    (item,) = make_items(session, "A")
    client.force_login(member)
    assert client.post(url("item_create", session=session.pk), {"title": "X"}).status_code == 403
    assert client.post(url("item_edit", pk=item.pk), {"title": "X"}).status_code == 403
    assert client.post(url("item_move", pk=item.pk), {"direction": "up"}).status_code == 403
    assert client.post(url("item_withdraw", pk=item.pk)).status_code == 403
    assert titles(session) == ["A"]


def test_outsider_gets_404_on_items(client, outsider, session):
    (item,) = make_items(session, "A")
    client.force_login(outsider)
    assert client.get(url("item_edit", pk=item.pk)).status_code == 404
    assert client.post(url("item_withdraw", pk=item.pk)).status_code == 404


def test_changes_before_the_invitation_leave_no_trail(client, secretary, session):
    (item,) = make_items(session, "A")
    client.force_login(secretary)
    client.post(url("item_edit", pk=item.pk), {"title": "A popravljena", "seen_version": 0})
    client.post(url("item_withdraw", pk=item.pk), {"confirmed": "1"})
    assert not AgendaItem.objects.exists()
    assert not AgendaChange.objects.exists()


def test_changes_after_the_invitation_are_kept_as_a_trail(client, secretary, session):
    session.status = Session.Status.CONVENED
    session.convened_at = timezone.now()
    session.save()
    first, second = make_items(session, "Prva", "Druga")
    client.force_login(secretary)
    client.post(url("item_create", session=session.pk), {"title": "Nova točka"})
    client.post(url("item_edit", pk=first.pk), {"title": "Prva, popravljena", "seen_version": 0})
    client.post(url("item_withdraw", pk=second.pk), {"confirmed": "1"})
    kinds = list(session.agenda_changes.values_list("kind", flat=True))
    assert kinds == ["added", "changed", "withdrawn"]
    second.refresh_from_db()
    assert second.withdrawn
    page = client.get(url("session", pk=session.pk)).content.decode()
    assert "Spremembe dnevnega reda po sklicu" in page
    assert "(tajnica): Dodano: Nova točka" in page  # who made each change, and what
    assert "<del>Druga</del>" in page


def test_held_session_agenda_cannot_change(client, secretary, mandate):
    held = make_session(mandate, 1, days_ahead=-3, status=Session.Status.HELD)
    client.force_login(secretary)
    client.post(url("item_create", session=held.pk), {"title": "Prepozno"})
    assert not held.items.exists()


def test_member_proposes_an_item_and_sees_the_outcome(client, member, secretary, session):
    client.force_login(member)
    response = client.post(
        url("proposal_create", session=session.pk),
        {"title": "Varnost na šolskih poteh", "description": "Pred začetkom leta."},
    )
    assert response.status_code == 302
    proposal = AgendaProposal.objects.get()
    assert proposal.proposed_by == member

    client.force_login(secretary)
    client.post(url("proposal_decide", pk=proposal.pk), {"decision": "accept", "note": ""})
    assert titles(session) == ["Varnost na šolskih poteh"]

    client.force_login(member)
    page = client.get(url("session", pk=session.pk)).content.decode()
    assert "Vaši predlogi" in page
    assert "sprejet" in page


def test_accepted_proposal_is_presented_by_the_proposer_as_the_council_knows_them(
    client, member, secretary, session, chief
):
    chief.user = member  # the member's person in this council
    chief.save()
    proposal = AgendaProposal.objects.create(session=session, proposed_by=member, title="Poti")
    client.force_login(secretary)
    client.post(url("proposal_decide", pk=proposal.pk), {"decision": "accept", "note": ""})
    assert session.items.get().presenter_text == "mag. Aleksander LUBEJ"


def test_declined_proposal_says_why(client, member, secretary, session):
    proposal = AgendaProposal.objects.create(session=session, proposed_by=member, title="X")
    client.force_login(secretary)
    client.post(
        url("proposal_decide", pk=proposal.pk),
        {"decision": "decline", "note": "Obravnavano na prejšnji seji."},
    )
    client.force_login(member)
    page = client.get(url("session", pk=session.pk)).content.decode()
    assert "zavrnjen" in page and "Obravnavano na prejšnji seji." in page
    assert not session.items.exists()


def test_members_see_only_their_own_proposals(client, member, django_user_model, session):
    from tests.conftest import make_user

    other = make_user(django_user_model, "drugi", roles.MEMBER, session.mandate.council)
    theirs = AgendaProposal.objects.create(session=session, proposed_by=other, title="Tuji predlog")
    client.force_login(member)
    page = client.get(url("session", pk=session.pk)).content.decode()
    assert "Tuji predlog" not in page
    assert (
        client.post(url("proposal_decide", pk=theirs.pk), {"decision": "accept"}).status_code == 404
    )


def test_member_cannot_decide_their_own_proposal(client, member, session):
    proposal = AgendaProposal.objects.create(session=session, proposed_by=member, title="Moj")
    client.force_login(member)
    response = client.post(url("proposal_decide", pk=proposal.pk), {"decision": "accept"})
    assert response.status_code == 403
    assert not session.items.exists()


def test_mayors_office_cannot_propose(client, mayors_office, session):
    client.force_login(mayors_office)
    response = client.post(url("proposal_create", session=session.pk), {"title": "X"})
    assert response.status_code == 403
