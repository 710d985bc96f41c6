"""What a login's session and account decide on every request, now read in plain SQL
(sosvet/sessions.py, sosvet/auth.py): an ended session, a made-up or altered cookie, a
deactivated, deleted or re-passworded account all mean the login page, never the council."""

import datetime
import re
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.conftest import Client, log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def roster(council):
    return reverse("members:roster", kwargs={"council": council.slug})


def sent_to_login(response):
    return response.status_code == 302 and response.url.startswith(reverse("login"))


def session_of(client):
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def test_a_signed_in_login_opens_its_council(client, member, roster):
    assert log_in(client, "clan")
    assert client.get(roster).status_code == 200


def test_an_expired_session_logs_out(client, member, roster):
    assert log_in(client, "clan")
    assert client.get(roster).status_code == 200
    # Still in the table, a second past its end (the table is cleared only by clearsessions).
    expired = timezone.now() - datetime.timedelta(seconds=1)
    Session.objects.filter(pk=session_of(client).pk).update(expire_date=expired)
    assert sent_to_login(client.get(roster))


def test_a_made_up_session_cookie_is_anonymous_and_never_becomes_the_session(
    client, member, roster
):
    client.cookies[settings.SESSION_COOKIE_NAME] = "madeupkey" + "x" * 23
    assert sent_to_login(client.get(roster))
    # The engine itself: a key nobody was given is dropped, and what is then saved gets a new
    # key, so a key planted in a browser cannot become a session (session fixation).
    store = import_module(settings.SESSION_ENGINE).SessionStore("madeupkey" + "x" * 23)
    assert store.load() == {}
    store["language"] = "sl"
    store.save()
    assert store.session_key != "madeupkey" + "x" * 23
    assert not Session.objects.filter(session_key="madeupkey" + "x" * 23).exists()


def test_an_altered_session_is_anonymous(client, member, roster):
    assert log_in(client, "clan")
    stored = session_of(client)
    # The data is signed: changing one character voids it, as if nobody had signed in.
    altered = stored.session_data[:-1] + ("A" if stored.session_data[-1] != "A" else "B")
    Session.objects.filter(pk=stored.pk).update(session_data=altered)
    assert sent_to_login(client.get(roster))


def test_another_login_s_session_is_that_login_s(client, member, secretary, roster):
    """The row read is the cookie's own: two browsers, two logins, each sees itself."""
    assert log_in(client, "clan")
    other = Client()
    other.force_login(secretary)
    assert client.get(roster).context["user"] == member
    assert other.get(roster).context["user"] == secretary


def test_a_deleted_account_is_logged_out(client, member, roster):
    assert log_in(client, "clan")
    member.delete()
    assert sent_to_login(client.get(roster))


def test_an_inactive_account_is_logged_out(client, django_user_model, member, roster):
    assert log_in(client, "clan")
    django_user_model.objects.filter(pk=member.pk).update(is_active=False)
    assert sent_to_login(client.get(roster))


def test_a_new_password_ends_the_other_sessions(client, member, roster):
    assert log_in(client, "clan")
    assert client.get(roster).status_code == 200
    # Meanwhile, in another browser, a new password through the e-mailed link.
    elsewhere = Client()
    elsewhere.post(reverse("password_reset"), {"email": member.email})
    link = re.search(r"https?://[^/]+(/racun/reset/\S+)", mail.outbox[0].body).group(1)
    form_url = elsewhere.get(link, follow=True).redirect_chain[-1][0]
    new_password = "novo-dolgo-geslo-42"
    elsewhere.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert sent_to_login(client.get(roster))
    assert log_in(client, "clan", new_password)
    assert client.get(roster).status_code == 200
