"""Reminders by e-mail: each kind to the right people, once; a login may turn each kind off, but
never the invitations; one council's reminders never reach another's people."""

import datetime
import re
import smtplib
from email import message_from_bytes, policy

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from meetings.models import AgendaProposal, ReminderKind, Resolution
from members.models import Person
from tests.conftest import make_seat
from tests.meetings.due_state import build_state
from tests.meetings.factories import make_items, make_session, seat_member

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
ALL_ON = {kind.value: "on" for kind in ReminderKind}


@pytest.fixture
def on_day(monkeypatch):
    """Run the rest of the test as if today were ``today + days``."""
    real = timezone.localdate

    def move(days):
        day = real() + datetime.timedelta(days=days)
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
        return day

    return move


def day(days):
    return date_format(timezone.localdate() + days * DAY, "SHORT_DATE_FORMAT")


def run():
    """The daily command; returns the messages it sent."""
    before = len(mail.outbox)
    call_command("send_reminders", "--base-url", "https://sosvet.example.si", verbosity=0)
    return mail.outbox[before:]


def to(messages):
    return sorted(address for message in messages for address in message.to)


@pytest.fixture
def state(council, member, secretary):
    state = build_state(council, member)
    # The mandate's end and the state's resolutions are for their own tests.
    state.mandate.ends_on = timezone.localdate() + 365 * DAY
    state.mandate.save()
    Resolution.objects.filter(session__mandate=state.mandate).update(done_on=timezone.localdate())
    return state


def near_deadline(state, days=5):
    """A resolution of the police station due in ``days``."""
    (item,) = make_items(state.written, "Nadzor hitrosti")
    return Resolution.objects.create(
        session=state.written,
        item=item,
        number=3,
        text="Policija izvede nadzor hitrosti pred šolami.",
        responsible=state.police,
        deadline=timezone.localdate() + days * DAY,
    )


# A member's proposal and the decision on it, at once


def propose(client, member, session, title="Osvetlitev prehodov"):
    client.force_login(member)
    address = reverse("meetings:proposal_create", kwargs={"council": "ptuj", "session": session.pk})
    return client.post(address, {"title": title, "description": "Prehodi so slabo osvetljeni."})


@pytest.mark.parametrize(("gender", "verb"), [("f", "je predlagala"), ("m", "je predlagal")])
def test_a_members_proposal_tells_the_secretary_at_once(
    client, state, member, secretary, gender, verb
):
    Person.objects.filter(pk=state.ana.pk).update(gender=gender)
    mail.outbox.clear()
    assert propose(client, member, state.later).status_code == 302
    (message,) = mail.outbox
    assert message.to == [secretary.email]
    assert message.subject == (
        f"{state.council.name}: predlog dopolnitve dnevnega reda {state.later.number}. seje"
    )
    assert f"Ana Novak {verb} dopolnitev dnevnega reda {state.later.number}. seje:" in message.body
    assert "»Osvetlitev prehodov«" in message.body
    proposal = AgendaProposal.objects.get(title="Osvetlitev prehodov")
    assert f"http://testserver{state.later.get_absolute_url()}#proposals" in message.body
    assert "http://testserver/racun/opomniki/" in message.body
    assert proposal.pk and message.reply_to == [state.council.email]


def test_a_proposal_from_a_login_without_a_person_is_told_without_gender(
    client, state, secretary, django_user_model
):
    from members.models import CouncilAccess

    login = django_user_model.objects.create_user("gost", first_name="Gost", last_name="Nekdo")
    CouncilAccess.objects.create(council=state.council, user=login, role="member")
    mail.outbox.clear()
    propose(client, login, state.later)
    (message,) = mail.outbox
    assert f"Gost Nekdo predlaga dopolnitev dnevnega reda {state.later.number}. seje:" in (
        message.body
    )
    assert message.body.startswith("Spoštovani,\n")


@pytest.mark.parametrize(
    ("decision", "sentence"),
    [
        ("accept", "je sprejet in dodan na dnevni red."),
        ("decline", "ni bil sprejet."),
    ],
)
def test_the_decision_tells_the_proposer_at_once(
    client, state, member, secretary, decision, sentence
):
    proposal = AgendaProposal.objects.create(
        session=state.later, proposed_by=member, title="Osvetlitev prehodov"
    )
    client.force_login(secretary)
    mail.outbox.clear()
    address = reverse("meetings:proposal_decide", kwargs={"council": "ptuj", "pk": proposal.pk})
    response = client.post(address, {"decision": decision, "note": "Na naslednji seji."})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert message.body.startswith("Spoštovana gospa Ana Novak,\n")
    assert f"vaš predlog »Osvetlitev prehodov« za {state.later.number}. sejo {sentence}" in (
        message.body
    )
    assert "Pojasnilo k odločitvi: Na naslednji seji." in message.body
    client.post(address, {"decision": decision, "note": "Še enkrat."})  # decided already
    assert len(mail.outbox) == 1


# Deadlines of resolutions, from the daily command


def test_a_near_deadline_reminds_the_organizations_people_and_the_secretary_once(
    state, secretary, member, on_day
):
    resolution = near_deadline(state)
    # Another person for the police station, without an address; one for the city.
    no_address = Person.objects.create(
        council=state.council, first_name="Brez", last_name="Naslova", gender="m"
    )
    make_seat(state.mandate, no_address, state.police)
    seat_member(state.mandate, state.city, "Cvetka")
    sent = run()
    assert to(sent) == sorted([state.ana.email, secretary.email])
    ana = next(message for message in sent if message.to == [state.ana.email])
    number, session = resolution.number, state.written.number
    assert ana.subject == f"{state.council.name}: rok {number}. sklepa {session}. seje se bliža"
    assert ana.body.startswith("Spoštovana gospa Ana Novak,\n\n")
    deadline = date_format(resolution.deadline, "SHORT_DATE_FORMAT")
    assert f"rok za izvedbo {number}. sklepa {session}. seje je {deadline}, čez 5 dni." in ana.body
    assert "Odgovorna organizacija: Policijska postaja" in ana.body
    assert run() == []  # the same day
    on_day(1)
    assert run() == []  # the next day


def test_a_man_is_addressed_as_one_and_a_person_without_a_login_gets_no_settings_link(state, chief):
    chief.email = "nacelnik@example.si"
    chief.save()
    make_seat(state.mandate, chief, state.police)
    near_deadline(state)
    (message,) = [message for message in run() if message.to == [chief.email]]
    assert message.body.startswith("Spoštovani gospod mag. Aleksander LUBEJ,\n")
    assert "/racun/opomniki/" not in message.body
    assert "Lep pozdrav," in message.body


def test_a_line_break_in_the_councils_name_stays_out_of_the_headers(state, secretary):
    state.council.name = "Varnostni sosvet\r\nBcc: vsiljivec@example.com"
    state.council.save()
    near_deadline(state)
    sent = run()
    assert len(sent) == 2
    for message in sent:
        raw = message.message().as_bytes()
        parsed = message_from_bytes(raw, policy=policy.default)
        assert "Bcc" not in parsed and message.recipients() == message.to
        for name, value in parsed.items():
            assert "\n" not in value and "\r" not in value, name
        head = raw.split(b"\n\n", 1)[0].decode("ascii")
        assert not re.search(r"^Bcc:", head, flags=re.MULTILINE | re.IGNORECASE)


@pytest.mark.parametrize(
    ("days", "words"), [(1, "čez 1 dan"), (2, "čez 2 dneva"), (3, "čez 3 dni")]
)
def test_days_to_the_deadline_are_counted_in_slovenian(state, days, words):
    near_deadline(state, days)
    assert all(words in message.body for message in run())


def test_a_passed_deadline_reminds_again_each_week_until_carried_out(state, secretary, on_day):
    resolution = near_deadline(state, days=-1)
    first = run()
    assert to(first) == sorted([state.ana.email, secretary.email])
    assert all("je potekel" in message.subject for message in first)
    on_day(6)
    assert run() == []  # within the week
    on_day(7)
    assert to(run()) == sorted([state.ana.email, secretary.email])  # a week after the first
    Resolution.objects.filter(pk=resolution.pk).update(done_on=timezone.localdate())
    on_day(14)
    assert run() == []  # carried out


def test_reminders_of_a_passed_deadline_stop_after_eight_weeks(state, on_day):
    near_deadline(state, days=-1)
    weeks = 0
    for week in range(12):
        on_day(7 * week)
        weeks += bool(run())
    assert weeks == 8


# The mandate's end


def test_the_mandates_end_reminds_the_secretary_once_before_and_once_after(
    state, secretary, member, on_day
):
    state.mandate.ends_on = timezone.localdate() + 40 * DAY
    state.mandate.save()
    (ending,) = run()
    assert ending.to == [secretary.email]
    label = state.mandate.label
    assert ending.subject == f"{state.council.name}: mandat {label} se izteka"
    end = day(40)
    assert f"mandat {label} se izteče {end}, čez 40 dni." in ending.body
    assert "https://sosvet.example.si/ptuj/mandati/naslednji/" in ending.body
    assert run() == []
    on_day(20)
    assert run() == []
    on_day(41)
    (ended,) = run()
    assert ended.subject == f"{state.council.name}: mandat {label} se je iztekel"
    assert f"mandat {label} se je iztekel {end}, nov mandat pa še ni vnesen." in ended.body
    on_day(42)
    assert run() == []


# Turning reminders off


def settings_page(client, user, data=None):
    client.force_login(user)
    if data is None:
        return client.get(reverse("reminder_settings"))
    return client.post(reverse("reminder_settings"), data)


def test_a_member_who_turns_deadlines_off_gets_none_the_secretary_still_does(
    client, state, member, secretary
):
    near_deadline(state)
    choice = {**ALL_ON}
    del choice[ReminderKind.DEADLINE]  # an unticked box is not sent
    response = settings_page(client, member, choice)
    assert response.status_code == 302
    assert "Izbira opomnikov je shranjena." in client.get(response.url).content.decode()
    assert to(run()) == [secretary.email]


def test_a_secretary_who_turns_proposals_off_is_not_told_of_them(client, state, member, secretary):
    choice = {**ALL_ON}
    del choice[ReminderKind.PROPOSAL]
    settings_page(client, secretary, choice)
    mail.outbox.clear()
    propose(client, member, state.later)
    assert mail.outbox == []
    settings_page(client, secretary, ALL_ON)  # and on again
    propose(client, member, state.later, title="Druga zamisel")
    assert to(mail.outbox) == [secretary.email]


def test_invitations_cannot_be_turned_off(client, state, member, secretary):
    page = settings_page(client, member).content.decode()
    for kind in ReminderKind:
        assert f'name="{kind.value}"' in page
    assert 'name="invitation"' not in page
    assert "Vabila na seje in obvestila o spremembah" in page
    settings_page(client, member, {"invitation": ""})  # everything unticked, and a made-up box
    client.force_login(secretary)
    mail.outbox.clear()
    address = reverse("meetings:session_convene", kwargs={"council": "ptuj", "pk": state.later.pk})
    client.post(address, {"confirmed": "1"})
    assert state.ana.email in to(mail.outbox)
    assert "vabilo" in mail.outbox[0].subject.lower()


def ticked(page):
    """The names of the ticked checkboxes of a page."""
    boxes = re.findall(r"<input[^>]*>", page)
    return {re.search(r'name="([^"]+)"', box)[1] for box in boxes if " checked" in box}


def test_the_settings_page_shows_the_choice_made(client, member):
    assert ticked(settings_page(client, member).content.decode()) == set(ALL_ON)
    settings_page(client, member, {ReminderKind.DECISION: "on"})
    assert ticked(settings_page(client, member).content.decode()) == {"decision"}


def test_the_settings_page_costs_few_queries(client, member, django_assert_num_queries):
    client.force_login(member)
    # The session, the login, whether it must pass a second factor (SecondFactorMiddleware),
    # its choices.
    with django_assert_num_queries(4):
        client.get(reverse("reminder_settings"))


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get(reverse("reminder_settings")).status_code == 302


# Nothing due, two councils, a server that refuses


def test_with_nothing_due_nothing_is_sent(council, mandate, secretary, member, police):
    session = make_session(mandate, 1, days_ahead=20)
    (item,) = make_items(session, "Točka")
    seat_member(mandate, police, "Ana", user=member)
    deadline = timezone.localdate() + 30 * DAY
    Resolution.objects.create(
        session=session, item=item, number=1, text="Daleč.", responsible=police, deadline=deadline
    )
    assert run() == []


def test_the_command_says_what_it_sent(state, capsys):
    near_deadline(state)
    call_command("send_reminders", "--dry-run")
    out = capsys.readouterr().out
    assert "Would send 2 reminder(s)." in out and mail.outbox == []
    call_command("send_reminders")
    assert "Sent 2 reminder(s)." in capsys.readouterr().out


def test_one_councils_reminders_never_reach_anothers_people(
    council, other_council, member, secretary, outsider
):
    ptuj = build_state(council, member)
    ormoz = build_state(other_council, tag=" ORMOŽ", first_number=11)
    ptuj_people = {ptuj.ana.email, secretary.email}
    ormoz_people = {ormoz.ana.email, outsider.email}
    sent = run()
    for message in sent:
        # Every link of a reminder is to its own council's pages.
        in_ptuj = "https://sosvet.example.si/ptuj/" in message.body
        assert in_ptuj != ("https://sosvet.example.si/ormoz/" in message.body)
        assert set(message.to) <= (ptuj_people if in_ptuj else ormoz_people), message.subject
        assert (council.name in message.body) == in_ptuj  # the signature
        assert (other_council.name in message.body) != in_ptuj
    # Each council's secretary: the deadline and the mandate's end; Ana: the deadline.
    assert to(sent) == sorted([*ptuj_people, *ormoz_people, secretary.email, outsider.email])


class RefusingBackend(EmailBackend):
    """The outbox, with a mail server that refuses one address."""

    def send_messages(self, messages):
        for message in messages:
            if "ana@" in message.to[0]:
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"no such mailbox")})
        return super().send_messages(messages)


def test_a_refused_reminder_is_tried_again_on_the_next_run(state, secretary, settings):
    near_deadline(state)
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    with pytest.raises(CommandError, match="1 reminder"):
        run()
    assert to(mail.outbox) == [secretary.email]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert to(run()) == [state.ana.email]
