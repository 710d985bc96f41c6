"""A session by correspondence (dopisna seja), from sending the proposed resolutions to the tally:
members vote in the portal until the deadline, others see who voted but not how, the votes are
counted once after the deadline and the minutes list them."""

import datetime
import re
from io import BytesIO

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from meetings.correspondence import correspondence_close, vote_cast
from meetings.models import Resolution, Session, Vote
from members import roles
from tests.conftest import make_user
from tests.meetings.factories import make_items, make_session, seat_member
from tests.meetings.test_overview_due import due_lines
from tests.pdf_structure import TaggedPdf, pdf_ua_problems

pytestmark = pytest.mark.django_db

CONFIRMED = {"confirmed": "1"}


def url(name, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"council": "ptuj", **kwargs})


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def logins(django_user_model, council, member):
    """Ana is the ``member`` login; Bojana and Cvetka have logins of their own."""
    return {
        "ana": member,
        "bojana": make_user(django_user_model, "bojana", roles.MEMBER, council),
        "cvetka": make_user(django_user_model, "cvetka", roles.MEMBER, council),
    }


@pytest.fixture
def members(mandate, police, logins):
    """Four members invited: three with a login, Darja without one."""
    return {
        "ana": seat_member(mandate, police, "Ana", user=logins["ana"]),
        "bojana": seat_member(mandate, police, "Bojana", user=logins["bojana"]),
        "cvetka": seat_member(mandate, police, "Cvetka", user=logins["cvetka"]),
        "darja": seat_member(mandate, police, "Darja"),
    }


@pytest.fixture
def session(mandate, members):
    """A session by correspondence, not sent yet, its deadline three days ahead at noon."""
    session = make_session(mandate, 3, days_ahead=3, kind=Session.Kind.CORRESPONDENCE,
                           time=datetime.time(12, 0), place="")  # fmt: skip
    make_items(session, "Plan dela za leto 2025")
    return session


@pytest.fixture
def proposed(session):
    item = session.items.get()
    return [
        Resolution.objects.create(session=session, item=item, number=1, outcome="proposed",
                                  text="Sosvet sprejme plan dela za leto 2025."),
        Resolution.objects.create(session=session, item=item, number=2, outcome="proposed",
                                  text="Sosvet predlaga nakup radarja."),
    ]  # fmt: skip


@pytest.fixture
def sent(client, secretary, session, proposed):
    client.force_login(secretary)
    assert client.post(url("session_convene", pk=session.pk), CONFIRMED).status_code == 302
    session.refresh_from_db()
    assert session.is_convened
    client.logout()
    return session


@pytest.fixture
def clock(monkeypatch):
    """Moves the portal's clock (timezone.now, and so localdate) to a moment given."""

    def move_to(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return move_to


def after_deadline(session):
    return session.voting_deadline + datetime.timedelta(minutes=1)


def ballot(proposed, *choices):
    return {f"resolution-{r.pk}": choice for r, choice in zip(proposed, choices, strict=True)}


def vote_as(client, login, session, proposed, *choices):
    client.force_login(login)
    return client.post(url("vote", pk=session.pk), ballot(proposed, *choices))


def choices_of(person):
    return dict(Vote.objects.filter(person=person).values_list("resolution__number", "choice"))


def cells(page, caption):
    """The text of the data cells of the table with the given caption."""
    table = re.search(rf"<caption>{re.escape(caption)}</caption>(.*?)</table>", page, re.S)
    assert table, f"no table {caption!r}"
    found = re.findall(r"<td>(.*?)</td>", table[1])
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in found]


def test_secretary_proposes_resolutions_without_outcome_or_vote(client, secretary, session):
    client.force_login(secretary)
    form = client.get(url("resolution_create", item=session.items.get().pk)).content.decode()
    assert 'name="outcome"' not in form and 'name="votes_for"' not in form
    client.post(url("resolution_create", item=session.items.get().pk),
                {"number": 1, "text": "Sosvet sprejme plan dela."})  # fmt: skip
    assert Resolution.objects.get().outcome == Resolution.Outcome.PROPOSED
    page = client.get(url("session", pk=session.pk)).content.decode()
    assert "1. sklep</strong> (predlog" in page


def test_a_session_by_correspondence_is_not_sent_without_a_proposed_resolution(
    client, secretary, session
):
    client.force_login(secretary)
    page = client.get(url("session_convene", pk=session.pk)).content.decode()
    assert "predlagajte vsaj enega" in page
    client.post(url("session_convene", pk=session.pk), CONFIRMED)
    assert mail.outbox == []


def test_sending_mails_the_proposed_resolutions_with_a_link_to_vote(sent, members):
    assert len(mail.outbox) == 4
    message = mail.outbox[0]
    assert "3. dopisna seja, vaš glas" in message.subject
    assert "1. sklep: Sosvet sprejme plan dela za leto 2025." in message.body
    assert "2. sklep: Sosvet predlaga nakup radarja." in message.body
    deadline = sent.date
    assert f"do {deadline.day}. {deadline.month}. {deadline.year} ob 12.00" in message.body
    assert f"http://testserver/ptuj/seje/{sent.pk}/glasovanje/" in message.body


def test_the_link_in_the_mail_leads_to_the_ballot_after_login(client, sent, logins):
    address = url("vote", pk=sent.pk)
    response = client.get(address)
    assert response.status_code == 302 and "login" in response.url and "next=" in response.url
    client.force_login(logins["ana"])
    assert "Glasujem za" in client.get(address).content.decode()


def test_proposed_resolutions_cannot_change_once_sent(client, secretary, sent, proposed):
    client.force_login(secretary)
    response = client.get(url("resolution_create", item=sent.items.get().pk))
    assert response.status_code == 302
    client.post(url("resolution_edit", pk=proposed[0].pk),
                {"number": 1, "text": "Spremenjeno.", "seen_version": 0})  # fmt: skip
    proposed[0].refresh_from_db()
    assert proposed[0].text == "Sosvet sprejme plan dela za leto 2025."


def test_member_votes_and_changes_the_vote_before_the_deadline(client, sent, members, logins,
                                                               proposed):  # fmt: skip
    response = vote_as(client, logins["ana"], sent, proposed, "for", "for")
    assert response.status_code == 302
    assert choices_of(members["ana"]) == {1: "for", 2: "for"}
    page = client.get(url("vote", pk=sent.pk)).content.decode()
    assert "Spremeni moj glas" in page
    vote_as(client, logins["ana"], sent, proposed, "for", "against")
    assert choices_of(members["ana"]) == {1: "for", 2: "against"}
    assert Vote.objects.count() == 2  # replaced, not added to
    assert Vote.history.filter(choice="for", resolution=proposed[1]).exists()  # kept in history


def test_a_ballot_must_answer_every_proposed_resolution(client, sent, logins, proposed):
    client.force_login(logins["ana"])
    response = client.post(url("vote", pk=sent.pk), {f"resolution-{proposed[0].pk}": "for"})
    assert "Izberite za, proti ali vzdržan." in response.content.decode()
    assert not Vote.objects.exists()


def test_others_see_who_voted_but_not_how_before_the_deadline(client, sent, logins, proposed):
    vote_as(client, logins["ana"], sent, proposed, "against", "abstain")
    client.force_login(logins["bojana"])
    page = client.get(url("session", pk=sent.pk)).content.decode()
    assert "Doslej so glasovali člani: 1 od 4." in page
    who = cells(page, "Kdo je glasoval (kako, je vidno po roku za glasovanje)")
    assert who == ["Policijska postaja Ptuj", "da"] + ["Policijska postaja Ptuj", "še ne"] * 3
    assert "Kako so člani glasovali" not in page
    pdf = client.get(url("minutes_pdf", pk=sent.pk)).content
    assert "proti" not in " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)


def test_votes_after_the_deadline_are_refused(client, sent, members, logins, proposed, clock):
    vote_as(client, logins["ana"], sent, proposed, "for", "for")
    clock(after_deadline(sent))
    response = vote_as(client, logins["ana"], sent, proposed, "against", "against")
    deadline = f"{sent.date.day}. {sent.date.month}. {sent.date.year} ob 12.00"
    message = (
        f"Rok za glasovanje je potekel {deadline}; glasov ni več mogoče oddati ali spremeniti."
    )
    assert message in messages_of(response)
    vote_as(client, logins["bojana"], sent, proposed, "for", "for")
    assert choices_of(members["ana"]) == {1: "for", 2: "for"}
    assert not choices_of(members["bojana"])
    page = client.get(url("vote", pk=sent.pk)).content.decode()
    assert message in page and "Spremeni moj glas" not in page and "Oddaj glas" not in page
    # Below the pages too: the shell and the admin meet the same rule.
    with pytest.raises(ValidationError, match="Rok za glasovanje je potekel"):
        vote_cast(sent, members["cvetka"], dict(zip(proposed, ["for", "for"], strict=True)))
    with pytest.raises(ValidationError, match="Rok za glasovanje je potekel"):
        Vote.objects.create(resolution=proposed[0], person=members["cvetka"], choice="for")


def test_from_sending_to_tally(client, secretary, sent, members, logins, proposed, clock):
    vote_as(client, logins["ana"], sent, proposed, "for", "against")
    vote_as(client, logins["bojana"], sent, proposed, "for", "against")
    vote_as(client, logins["cvetka"], sent, proposed, "abstain", "for")  # Darja does not vote
    client.force_login(secretary)
    early = client.post(url("voting_close", pk=sent.pk), CONFIRMED)
    assert any("ko rok za glasovanje poteče" in m for m in messages_of(early))
    assert not Session.objects.get(pk=sent.pk).votes_are_counted

    clock(after_deadline(sent))
    page = client.get(url("session", pk=sent.pk)).content.decode()
    assert "Preštej glasove" in page
    asked = client.post(url("voting_close", pk=sent.pk)).content.decode()
    assert "Glasovali so člani: 3 od 4 vabljenih." in asked
    client.post(url("voting_close", pk=sent.pk), CONFIRMED)

    sent.refresh_from_db()
    assert sent.is_held and (sent.voters, sent.eligible_voters) == (3, 4)
    first, second = Resolution.objects.order_by("number")
    assert (first.votes_for, first.votes_against, first.votes_abstained) == (2, 0, 1)
    assert first.outcome == Resolution.Outcome.ADOPTED
    assert (second.votes_for, second.votes_against, second.votes_abstained) == (1, 2, 0)
    assert second.outcome == Resolution.Outcome.REJECTED

    client.force_login(logins["bojana"])
    page = client.get(url("session", pk=sent.pk)).content.decode()
    assert "Dopisna seja je sklepčna – glasovali so člani: 3 od 4." in page
    assert "Sklep je bil sprejet: za 2, proti 0, vzdržani 1." in page
    assert "Sklep ni bil sprejet: za 1, proti 2, vzdržani 0." in page
    # Who voted how, in the order of the seats: Ana, Bojana, Cvetka, Darja.
    assert cells(page, "Kako so člani glasovali") == [
        "za", "proti", "za", "proti", "vzdržana", "za", "ni glasovala", "ni glasovala",
    ]  # fmt: skip

    pdf = client.get(url("minutes_pdf", pk=sent.pk)).content
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages).split())
    assert "Sklep je bil sprejet: za 2, proti 0, vzdržani 1." in text
    assert "Dopisna seja je sklepčna – glasovali so člani: 3 od 4." in text
    assert "Cvetka Članica vzdržana za" in text


def test_minutes_pdf_lists_the_votes_in_a_real_table(client, sent, members, logins, proposed,
                                                     clock):  # fmt: skip
    vote_as(client, logins["ana"], sent, proposed, "for", "against")
    clock(after_deadline(sent))
    correspondence_close(sent)
    client.force_login(logins["ana"])
    data = client.get(url("minutes_pdf", pk=sent.pk)).content
    assert pdf_ua_problems(data, title="Zapisnik 3. seje varnostnega sosveta") == []
    doc = TaggedPdf(data)
    headers = [doc.text(th) for th in doc.elements("TH")]
    assert headers[2:6] == ["Član", "1. sklep", "2. sklep", "Ana Članica"]
    assert "Rok za glasovanje:" in headers


def test_a_session_where_half_or_fewer_voted_adopts_nothing(client, sent, logins, proposed,
                                                            clock):  # fmt: skip
    vote_as(client, logins["ana"], sent, proposed, "for", "for")
    vote_as(client, logins["bojana"], sent, proposed, "for", "for")  # 2 of 4: not more than half
    clock(after_deadline(sent))
    correspondence_close(sent)
    sent.refresh_from_db()
    assert not sent.is_quorate_by_correspondence
    assert set(Resolution.objects.values_list("outcome", flat=True)) == {"rejected"}
    assert Resolution.objects.get(number=1).votes_for == 2
    page = client.get(url("session", pk=sent.pk)).content.decode()
    assert "Dopisna seja ni sklepčna – glasovali so člani: 2 od 4." in page


def test_counting_is_done_once_and_the_daily_command_counts_only_what_is_due(
    client, sent, mandate, members, logins, proposed, clock, capsys
):
    later = make_session(mandate, 4, days_ahead=10, kind=Session.Kind.CORRESPONDENCE,
                         status=Session.Status.CONVENED, time=datetime.time(9, 0))  # fmt: skip
    vote_as(client, logins["ana"], sent, proposed, "for", "for")
    clock(after_deadline(sent))
    call_command("close_correspondence_sessions")
    assert "Sessions counted: 1." in capsys.readouterr().out
    sent.refresh_from_db()
    counted_at = sent.votes_counted_at
    assert sent.is_held and counted_at is not None
    later.refresh_from_db()
    assert later.is_convened and not later.votes_are_counted

    call_command("close_correspondence_sessions")
    assert "Sessions counted: 0." in capsys.readouterr().out
    assert correspondence_close(sent) is False
    sent.refresh_from_db()
    assert sent.votes_counted_at == counted_at
    assert Resolution.objects.get(number=1).votes_for == 1


def test_nobody_votes_for_anyone_else(client, sent, mayors_office, secretary, proposed):
    for login in (mayors_office, secretary):  # no seat on the council
        client.force_login(login)
        assert client.get(url("vote", pk=sent.pk)).status_code == 403
        response = client.post(url("vote", pk=sent.pk), ballot(proposed, "for", "for"))
        assert response.status_code == 403
    assert not Vote.objects.exists()


def test_a_meeting_has_no_ballot(client, member, members, mandate):
    meeting = make_session(mandate, 5)
    client.force_login(member)
    assert client.get(url("vote", pk=meeting.pk)).status_code == 404


def test_a_session_by_correspondence_needs_a_time_for_its_deadline(client, secretary, mandate):
    client.force_login(secretary)
    day = timezone.localdate() + datetime.timedelta(days=5)
    response = client.post(url("session_create"), {"mandate": mandate.pk, "number": 7,
        "kind": "correspondence", "date": day.isoformat()})  # fmt: skip
    assert "datum in ura rok za glasovanje" in response.content.decode()
    assert not Session.objects.exists()


def test_a_session_cancelled_after_sending_is_not_planned_again(client, secretary, sent):
    client.force_login(secretary)
    client.post(url("session_set_status", pk=sent.pk), {"status": "cancelled", **CONFIRMED})
    sent.refresh_from_db()
    assert sent.is_cancelled
    page = client.get(url("session", pk=sent.pk)).content.decode()
    assert "Ponovno načrtuj" not in page
    client.post(url("session_set_status", pk=sent.pk), {"status": "planned"})
    sent.refresh_from_db()
    assert sent.is_cancelled


def test_the_secretary_cannot_mark_it_held_without_counting(client, secretary, sent, clock):
    clock(after_deadline(sent))
    client.force_login(secretary)
    assert "Označi kot izvedeno" not in client.get(url("session", pk=sent.pk)).content.decode()
    client.post(url("session_set_status", pk=sent.pk), {"status": "held"})
    sent.refresh_from_db()
    assert sent.is_convened and not sent.votes_are_counted


def overview_lines(client, user):
    client.force_login(user)
    return due_lines(client.get(reverse("dashboard", kwargs={"council": "ptuj"})).content.decode())


def test_the_overview_asks_a_member_to_vote_until_they_have(client, sent, logins, proposed):
    deadline = f"{sent.date.day}. {sent.date.month}. {sent.date.year} ob 12.00"
    asked = f"3. seja je dopisna: niste še glasovali; glasujete lahko do {deadline}. Glasuj"
    assert asked in overview_lines(client, logins["ana"])
    vote_as(client, logins["ana"], sent, proposed, "for", "for")
    assert not [line for line in overview_lines(client, logins["ana"]) if "glasoval" in line]


def test_the_overview_asks_the_secretary_to_count_the_votes(client, secretary, sent, clock):
    clock(after_deadline(sent) + datetime.timedelta(days=1))
    deadline = f"{sent.date.day}. {sent.date.month}. {sent.date.year}"
    asked = f"Rok za glasovanje na 3. seji ({deadline}) je potekel: preštejte glasove."
    assert f"Nujno: {asked} Preštej glasove" in overview_lines(client, secretary)
