"""Repeat views of the overview and the session page come from the cache, and never stale.

Each test first shows the page once, so that the member's copy is kept, then changes something
the way users do, and looks again.
"""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session as SessionRow
from django.core import checks
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from members import roles
from tests.conftest import PASSWORD, make_user
from tests.meetings.factories import make_items, make_session, seat_member

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"council": "ptuj", **kwargs})


def overview():
    return reverse("dashboard", kwargs={"council": "ptuj"})


@pytest.fixture
def session(mandate, police, member):
    seat_member(mandate, police, "Ana", user=member)
    session = make_session(mandate, 2)
    make_items(session, "Prva točka", "Druga točka")
    return session


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def secretary_client(secretary):
    browser = Client()
    browser.force_login(secretary)
    return browser


def page(client, address):
    response = client.get(address)
    assert response.status_code == 200
    return response.content.decode()


def without_tokens(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


@pytest.mark.parametrize("address", ["session", "overview"])
def test_a_repeat_view_is_the_same_page_for_one_query(
    member_client, session, address, django_assert_num_queries
):
    address = url("session", pk=session.pk) if address == "session" else overview()
    first = page(member_client, address)
    # The council's data version, and whether the login's session is still alive.
    with django_assert_num_queries(1):
        again = page(member_client, address)
    assert without_tokens(again) == without_tokens(first)
    assert "2. seja" in again


def test_each_login_is_served_its_own_page(member, mandate, police, session, django_user_model):
    other = make_user(django_user_model, "bojana", roles.MEMBER, mandate.council)
    seat_member(mandate, police, "Bojana", user=other)
    member.first_name, other.first_name = "Ana", "Bojana"
    member.save()
    other.save()
    ana, bojana = Client(), Client()
    ana.force_login(member)
    bojana.force_login(other)
    ana.post(url("attendance_respond", pk=session.pk), {"response": "yes"})
    for _ in range(2):
        mine = page(ana, url("session", pk=session.pk))
        theirs = page(bojana, url("session", pk=session.pk))
        assert "Ana" in mine.split("</header>")[0] and "vaš odgovor: se bom" in mine
        assert "Bojana" in theirs.split("</header>")[0] and "vaš odgovor" not in theirs


def test_member_sees_the_secretarys_edit_on_the_next_view(member_client, secretary_client, session):
    page(member_client, url("session", pk=session.pk))
    item = session.items.get(title="Prva točka")
    secretary_client.post(url("item_edit", pk=item.pk), {"title": "Popravljena", "seen_version": 0})
    shown = page(member_client, url("session", pk=session.pk))
    assert "Popravljena" in shown and "Prva točka" not in shown


def test_a_reordered_agenda_shows_at_once(member_client, secretary_client, session):
    # Moving writes the positions in one statement, which sends no model signals.
    shown = page(member_client, url("session", pk=session.pk))
    assert shown.index("Prva točka") < shown.index("Druga točka")
    second = session.items.get(title="Druga točka")
    secretary_client.post(url("item_move", pk=second.pk), {"direction": "up"})
    shown = page(member_client, url("session", pk=session.pk))
    assert shown.index("Druga točka") < shown.index("Prva točka")


def test_member_sees_their_own_answer_on_both_pages(member_client, session):
    page(member_client, overview())
    page(member_client, url("session", pk=session.pk))
    member_client.post(url("attendance_respond", pk=session.pk), {"response": "no"})
    assert "vaš odgovor: se ne morem udeležiti" in page(member_client, overview())
    assert "vaš odgovor: se ne morem udeležiti" in page(
        member_client, url("session", pk=session.pk)
    )


def test_a_renamed_organization_shows_in_the_attendance(member_client, session, police):
    page(member_client, url("session", pk=session.pk))
    police.name = "Policijska uprava Maribor"
    police.save()
    assert "Policijska uprava Maribor" in page(member_client, url("session", pk=session.pk))


def test_announcing_agenda_changes_clears_the_secretarys_reminder(
    secretary_client, session, mailoutbox
):
    secretary_client.post(url("session_convene", pk=session.pk), {"confirmed": "1"})
    secretary_client.post(url("item_create", session=session.pk), {"title": "Nova točka"})
    reminder = "1 sprememba dnevnega reda še ni bila sporočena članom."
    assert reminder in page(secretary_client, url("session", pk=session.pk))
    secretary_client.post(url("session_notify", pk=session.pk), {"confirmed": "1"})
    assert reminder not in page(secretary_client, url("session", pk=session.pk))


def test_a_member_removed_from_the_council_gets_404_not_the_kept_page(
    member_client, member, council, session
):
    page(member_client, url("session", pk=session.pk))
    council.users.remove(member)
    assert member_client.get(url("session", pk=session.pk)).status_code == 404
    assert member_client.get(overview()).status_code == 404


def test_a_kept_page_is_not_served_to_a_session_that_logged_out(member, session):
    browser = Client()
    browser.force_login(member)
    page(browser, url("session", pk=session.pk))
    stolen = browser.cookies["sessionid"].value
    browser.post(reverse("logout"))
    thief = Client()
    thief.cookies["sessionid"] = stolen
    assert thief.get(url("session", pk=session.pk)).status_code == 302


def test_a_kept_page_is_not_served_once_the_session_has_expired(member_client, session):
    page(member_client, url("session", pk=session.pk))
    SessionRow.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    assert member_client.get(url("session", pk=session.pk)).status_code == 302


def test_a_kept_page_is_not_served_to_a_session_ended_by_an_administrator(member_client, session):
    page(member_client, url("session", pk=session.pk))
    SessionRow.objects.all().delete()
    assert member_client.get(url("session", pk=session.pk)).status_code == 302


def test_a_changed_password_logs_out_the_other_browsers_at_once(member, session):
    office, home = Client(), Client()
    office.force_login(member)
    home.force_login(member)
    page(home, url("session", pk=session.pk))
    new_password = "novo-geslo-za-sosvet-2026"
    office.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    # The browser that changed it stays logged in, and its view of the page is kept anew.
    page(office, url("session", pk=session.pk))
    assert home.get(url("session", pk=session.pk)).status_code == 302


def test_a_deactivated_account_is_refused_at_once(member_client, member, session):
    page(member_client, url("session", pk=session.pk))
    member.is_active = False
    member.save()
    assert member_client.get(url("session", pk=session.pk)).status_code == 302


def test_a_revoked_role_is_refused_at_once(member_client, member, session):
    page(member_client, overview())
    member.groups.remove(Group.objects.get(name=roles.MEMBER))
    assert member_client.get(overview()).status_code == 403
    assert member_client.get(url("session", pk=session.pk)).status_code == 403


def test_a_renamed_user_sees_their_new_name(member_client, member, session):
    page(member_client, overview())
    member.first_name, member.last_name = "Ana", "Novak"
    member.save()
    assert "Ana Novak" in page(member_client, overview())


def test_the_forms_of_a_kept_page_work_in_another_browser(member, session):
    first_browser = Client(enforce_csrf_checks=True)
    first_browser.force_login(member)
    page(first_browser, url("session", pk=session.pk))
    second_browser = Client(enforce_csrf_checks=True)
    second_browser.force_login(member)
    kept = page(second_browser, url("session", pk=session.pk))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', kept).group(1)
    answer = {"response": "yes", "csrfmiddlewaretoken": token}
    response = second_browser.post(url("attendance_respond", pk=session.pk), answer)
    assert response.status_code == 302
    assert "vaš odgovor: se bom udeležil(a)" in page(second_browser, url("session", pk=session.pk))


def test_a_message_is_shown_once_even_on_a_kept_page(secretary_client, session):
    address = url("session", pk=session.pk)
    page(secretary_client, address)
    # Refused without changing anything: only the message differs from the kept page.
    secretary_client.post(url("session_set_status", pk=session.pk), {"status": "unknown"})
    assert "Neznana sprememba stanja." in page(secretary_client, address)
    assert "Neznana sprememba stanja." not in page(secretary_client, address)


def test_the_page_follows_the_chosen_language(member_client, session):
    page(member_client, url("session", pk=session.pk))
    member_client.post(reverse("set_language"), {"language": "en"})
    assert "Proposed agenda" in page(member_client, url("session", pk=session.pk))


def test_the_overview_moves_on_with_the_date(member_client, mandate, monkeypatch):
    make_session(mandate, 3, days_ahead=1)
    assert "3. seja" in page(member_client, overview()).split("Zadnje seje")[0]
    day_after = timezone.localdate() + datetime.timedelta(days=2)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day_after)
    shown = page(member_client, overview())
    assert "3. seja" not in shown.split("Zadnje seje")[0]


def test_the_portal_refuses_to_start_with_sessions_outside_the_database(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    errors = checks.run_checks(tags=[checks.Tags.security])
    assert "members.E001" in [error.id for error in errors]
