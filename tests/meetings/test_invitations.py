"""Convening a session: one invitation per seated member, each recorded and never sent twice; the
notice of an amended agenda; and who may send either."""

import datetime
import smtplib
from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings.models import AgendaChange, AgendaItem, InvitationDelivery, Session
from members.access import open_council
from members.models import Organization, Person
from tests.conftest import make_seat

pytestmark = pytest.mark.django_db

PRESENTER = "Načelnik PP Ptuj mag. Aleksander LUBEJ"
# The answer "yes" from the confirmation page.
CONFIRMED = {"confirmed": "1"}


def make_session(mandate, *, days_ahead=14, number=2, **extra):
    extra.setdefault("date", timezone.localdate() + datetime.timedelta(days=days_ahead))
    extra.setdefault("time", datetime.time(10, 0))
    extra.setdefault("place", "Mestna hiša Ptuj, sejna soba")
    return Session.objects.create(mandate=mandate, number=number, **extra)


def make_person(council, first_name, last_name, email=""):
    return Person.objects.create(
        council=council,
        first_name=first_name,
        last_name=last_name,
        gender=Person.Gender.FEMALE,
        email=email,
    )


def slovenian_date(day):
    return f"{day.day}. {day.month}. {day.year}"


WEEKDAYS = ["ponedeljek", "torek", "sreda", "četrtek", "petek", "sobota", "nedelja"]


def slovenian_day(day):
    """The date as an invitation gives it: "torek, 15. 12. 2026"."""
    return f"{WEEKDAYS[day.weekday()]}, {slovenian_date(day)}"


def url(name, session):
    return reverse(f"meetings:{name}", kwargs={"council": "ptuj", "pk": session.pk})


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def session(mandate):
    session = make_session(mandate)
    AgendaItem.objects.create(
        session=session,
        position=1,
        title="Informacija o varnostnih pojavih",
        presenter_text=PRESENTER,
    )
    AgendaItem.objects.create(session=session, position=2, title="Plan dela za leto 2024")
    AgendaItem.objects.create(session=session, position=3, title="Umaknjena točka", withdrawn=True)
    return session


@pytest.fixture
def members(mandate, council, police, session):
    """Two current members; a former one whose seat ended the day before; an unnamed seat."""
    ana = make_person(council, "Ana", "Prva", "ana@example.si")
    bor = make_person(council, "Bor", "Drugi", "bor@example.si")
    make_seat(mandate, ana, police)
    make_seat(mandate, bor, Organization.objects.create(council=council, name="CID Ptuj"))
    former = make_person(council, "Cene", "Nekdanji", "cene@example.si")
    make_seat(
        mandate,
        former,
        Organization.objects.create(council=council, name="CSD Spodnje Podravje"),
        ends_on=session.date - datetime.timedelta(days=1),
    )
    make_seat(mandate, None, Organization.objects.create(council=council, name="LAS"))
    return [ana, bor]


class RefusingBackend(EmailBackend):
    """The test outbox, except that the mail server refuses Bor's address."""

    def send_messages(self, messages):
        for message in messages:
            if "bor@example.si" in message.to:
                raise smtplib.SMTPRecipientsRefused({"bor@example.si": (550, b"Mailbox full")})
        return super().send_messages(messages)


def test_secretary_sees_recipients_and_agenda_before_sending(client, secretary, session, members):
    client.force_login(secretary)
    page = client.get(url("session_convene", session)).content.decode()
    assert "Ana Prva" in page and "Bor Drugi" in page
    assert "Cene Nekdanji" not in page
    assert "Informacija o varnostnih pojavih" in page and PRESENTER in page
    assert "Umaknjena točka" not in page
    assert "Vabilo bosta prejela 2 člana." in page
    assert mail.outbox == []


def test_convening_sends_one_invitation_per_current_member(client, secretary, session, members):
    client.force_login(secretary)
    response = client.post(url("session_convene", session), CONFIRMED)

    assert response.status_code == 302
    assert sorted(message.to for message in mail.outbox) == [["ana@example.si"], ["bor@example.si"]]
    session_link = f"http://testserver/ptuj/seje/{session.pk}/"
    for message in mail.outbox:
        assert "vabilo na 2. sejo" in message.subject
        assert "Informacija o varnostnih pojavih (poroča: " + PRESENTER + ")" in message.body
        assert "2. Plan dela za leto 2024" in message.body
        assert "Umaknjena točka" not in message.body
        assert "Datum: " + slovenian_day(session.date) in message.body
        assert "Ura: 10.00" in message.body
        assert "Kraj: Mestna hiša Ptuj, sejna soba" in message.body
        assert session_link in message.body
    assert "Vabilo je bilo poslano 2 članoma." in messages_of(response)
    session.refresh_from_db()
    assert session.status == Session.Status.CONVENED
    assert session.convened_at is not None
    assert InvitationDelivery.objects.filter(status=InvitationDelivery.Status.SENT).count() == 2


def test_invitation_carries_the_session_as_a_calendar_event(client, secretary, session, members):
    client.force_login(secretary)
    client.post(url("session_convene", session), CONFIRMED)

    (attachment,) = mail.outbox[0].attachments
    assert attachment.filename.endswith(".ics")
    assert attachment.mimetype == "text/calendar"
    (event,) = Calendar.from_ical(attachment.content).events
    start = datetime.datetime.combine(
        session.date, datetime.time(10, 0), tzinfo=ZoneInfo("Europe/Ljubljana")
    )
    assert event["DTSTART"].dt == start
    assert event["DTSTART"].params["TZID"] == "Europe/Ljubljana"
    assert event["DTEND"].dt == start + datetime.timedelta(hours=2)
    assert str(event["SUMMARY"]) == "2. seja – Varnostni sosvet Mestne občine Ptuj"
    assert str(event["LOCATION"]) == "Mestna hiša Ptuj, sejna soba"
    assert str(event["STATUS"]) == "CONFIRMED"


def test_convening_twice_sends_nothing_new(client, secretary, session, members):
    client.force_login(secretary)
    client.post(url("session_convene", session), CONFIRMED)
    response = client.post(url("session_convene", session), CONFIRMED)

    assert len(mail.outbox) == 2
    assert InvitationDelivery.objects.count() == 2
    assert "Vsi člani so vabilo že prejeli; nič ni bilo poslano." in messages_of(response)


def test_a_member_seated_later_gets_only_their_own_invitation(
    client, secretary, council, mandate, police, session, members
):
    client.force_login(secretary)
    client.post(url("session_convene", session), CONFIRMED)
    newcomer = make_person(council, "Dana", "Nova", "dana@example.si")
    make_seat(mandate, newcomer, Organization.objects.create(council=council, name="ARS VITAE"))

    client.post(url("session_convene", session), CONFIRMED)

    assert [message.to for message in mail.outbox[2:]] == [["dana@example.si"]]


def test_member_without_email_is_recorded_as_failed(
    client, secretary, council, mandate, session, members
):
    nomail = make_person(council, "Eva", "Brez")
    make_seat(mandate, nomail, Organization.objects.create(council=council, name="Redarstvo"))
    client.force_login(secretary)
    response = client.post(url("session_convene", session), CONFIRMED)

    assert len(mail.outbox) == 2
    failed = InvitationDelivery.objects.get(person=nomail)
    assert failed.status == InvitationDelivery.Status.FAILED
    assert failed.error == "ni e-naslova"
    assert any("Eva Brez (ni e-naslova)" in message for message in messages_of(response))


def test_refused_address_is_recorded_and_the_others_still_get_theirs(
    client, secretary, session, members, settings
):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    client.force_login(secretary)
    client.post(url("session_convene", session), CONFIRMED)

    assert [message.to for message in mail.outbox] == [["ana@example.si"]]
    refused = InvitationDelivery.objects.get(person__first_name="Bor")
    assert refused.status == InvitationDelivery.Status.FAILED
    assert "Mailbox full" in refused.error
    # A later attempt reaches whoever was missed.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.post(url("session_convene", session), CONFIRMED)
    assert [message.to for message in mail.outbox] == [["ana@example.si"], ["bor@example.si"]]


def test_cancelled_session_cannot_be_convened(client, secretary, session, members):
    session.status = Session.Status.CANCELLED
    session.save()
    client.force_login(secretary)

    page = client.get(url("session_convene", session)).content.decode()
    assert "Seja je odpovedana" in page
    assert "Pošlji vabilo" not in page
    response = client.post(url("session_convene", session), CONFIRMED)

    assert response.status_code == 302
    assert mail.outbox == []
    assert InvitationDelivery.objects.count() == 0
    session.refresh_from_db()
    assert session.status == Session.Status.CANCELLED
    assert session.convened_at is None
    assert any("Seja je odpovedana" in message for message in messages_of(response))


def test_session_without_a_date_cannot_be_convened(client, secretary, session, members):
    session.date = None
    session.save()
    client.force_login(secretary)
    response = client.post(url("session_convene", session), CONFIRMED)

    assert mail.outbox == []
    assert any("Seja še nima datuma" in message for message in messages_of(response))


@pytest.mark.parametrize("persona", ["member", "mayors_office"])
def test_member_and_mayors_office_cannot_convene(client, request, persona, session, members):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url("session_convene", session)).status_code == 403
    assert client.post(url("session_convene", session)).status_code == 403
    assert client.post(url("session_notify", session)).status_code == 403
    assert mail.outbox == []


def test_secretary_of_another_council_gets_404(client, outsider, session, members):
    client.force_login(outsider)
    assert client.get(url("session_convene", session)).status_code == 404
    assert client.post(url("session_convene", session)).status_code == 404
    assert client.post(url("session_notify", session)).status_code == 404
    assert mail.outbox == []


def test_anonymous_visitor_is_sent_to_log_in(client, session):
    for response in (
        client.get(url("session_convene", session)),
        client.post(url("session_convene", session)),
        client.post(url("session_notify", session)),
    ):
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_late_invitation_is_warned_about_before_and_after_sending(
    client, secretary, mandate, members
):
    assert mandate.council.convocation_days == 7
    soon = make_session(mandate, number=3, days_ahead=3)
    client.force_login(secretary)
    warning = (
        "Vabilo zamuja: člani naj bi ga prejeli vsaj 7 dni pred sejo, ki bo "
        + slovenian_date(soon.date)
    )

    assert warning in client.get(url("session_convene", soon)).content.decode()
    response = client.post(url("session_convene", soon), CONFIRMED)
    assert any(warning in message for message in messages_of(response))
    assert mail.outbox, "a late invitation is still sent"


def test_invitation_in_good_time_has_no_warning(client, secretary, session, members):
    client.force_login(secretary)
    assert "Vabilo zamuja" not in client.get(url("session_convene", session)).content.decode()


def test_the_council_sets_its_own_convocation_period(client, secretary, mandate, members):
    mandate.council.convocation_days = 2
    mandate.council.save()
    soon = make_session(mandate, number=3, days_ahead=3)
    client.force_login(secretary)
    assert "Vabilo zamuja" not in client.get(url("session_convene", soon)).content.decode()


def add_change(session, title, secretary):
    item = AgendaItem.objects.create(session=session, position=4, title=title)
    return AgendaChange.objects.create(
        session=session,
        item=item,
        kind=AgendaChange.Kind.ADDED,
        summary=f"Dodana točka: {title}",
        changed_by=secretary,
    )


def test_amended_agenda_goes_to_everyone_invited(client, secretary, session, members):
    client.force_login(secretary)
    client.post(url("session_convene", session), CONFIRMED)
    change = add_change(session, "Varnost v počitniškem času", secretary)

    response = client.post(url("session_notify", session), CONFIRMED)

    notices = mail.outbox[2:]
    assert sorted(message.to for message in notices) == [["ana@example.si"], ["bor@example.si"]]
    for message in notices:
        assert "spremenjen dnevni red 2. seje" in message.subject
        assert "- Dodana točka: Varnost v počitniškem času" in message.body
        assert "3. Varnost v počitniškem času" in message.body
        assert message.attachments == []
    change.refresh_from_db()
    assert change.notified
    amendments = InvitationDelivery.objects.filter(kind=InvitationDelivery.Kind.AMENDMENT)
    assert amendments.count() == 2
    assert "Spremenjeni dnevni red je bil poslan 2 članoma." in messages_of(response)


def test_second_notice_without_new_changes_sends_nothing(client, secretary, session, members):
    client.force_login(secretary)
    client.post(url("session_convene", session), CONFIRMED)
    add_change(session, "Varnost v počitniškem času", secretary)
    client.post(url("session_notify", session), CONFIRMED)

    response = client.post(url("session_notify", session), CONFIRMED)

    assert len(mail.outbox) == 4
    assert any("Ni sprememb dnevnega reda" in message for message in messages_of(response))


def test_notice_is_only_for_a_convened_session(client, secretary, session, members):
    add_change(session, "Varnost v počitniškem času", secretary)
    client.force_login(secretary)
    client.post(url("session_notify", session), CONFIRMED)
    assert mail.outbox == []
    assert AgendaChange.objects.get().notified is False


def test_invitation_panel_shows_the_secretary_deliveries_and_pending_changes(
    rf, secretary, council, session, members
):
    InvitationDelivery.objects.create(
        session=session,
        person=members[0],
        kind=InvitationDelivery.Kind.INVITATION,
        status=InvitationDelivery.Status.FAILED,
        error="ni e-naslova",
    )
    session.status = Session.Status.CONVENED
    session.save()
    request = rf.get("/")
    request.user = secretary
    open_council(secretary, council.slug)  # as council_view does for the session page
    html = render_to_string(
        "meetings/_invitation_panel.html",
        {
            "session": session,
            "council": council,
            "deliveries": list(session.deliveries.select_related("person")),
            "pending_changes": 3,
        },
        request=request,
    )
    assert "Ana Prva" in html and "ni e-naslova" in html
    assert "3 spremembe dnevnega reda še niso bile sporočene članom." in html
    assert url("session_notify", session) in html
    assert url("invitation_pdf", session) in html


def test_the_secretary_opens_the_deliveries_from_the_session_page(
    client, secretary, session, members
):
    InvitationDelivery.objects.create(
        session=session,
        person=members[0],
        kind=InvitationDelivery.Kind.INVITATION,
        status=InvitationDelivery.Status.FAILED,
        error="ni e-naslova",
    )
    session.status = Session.Status.CONVENED
    session.convened_at = timezone.now()
    session.save()
    client.force_login(secretary)
    page = client.get(url("session", session)).content.decode()
    assert "ni e-naslova" not in page  # not loaded on every view of the session page
    assert url("session_deliveries", session) in page
    listing = client.get(url("session_deliveries", session)).content.decode()
    assert "Poslana vabila in obvestila" in listing
    assert "Ana Prva" in listing and "ni e-naslova" in listing
    assert url("session", session) in listing
