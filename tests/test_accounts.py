"""Logging in and out, resetting a password by e-mail, and finding one's council."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from members.models import CouncilAccess
from tests.conftest import PASSWORD, log_in, make_council, make_superuser
from tests.meetings.factories import make_session

pytestmark = pytest.mark.django_db


def test_login_page_speaks_slovenian(client):
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="sl">' in page
    assert "Uporabniško ime" in page
    assert "Ste pozabili geslo?" in page


def test_wrong_password_gets_a_slovenian_message_and_keeps_the_username(client, member):
    response = client.post(reverse("login"), {"username": "clan", "password": "napacno"})
    page = response.content.decode()
    assert "Vnesite veljavno uporabniško ime in geslo." in page
    assert 'value="clan"' in page


def test_user_with_one_council_lands_on_its_overview(client, member, council):
    client.post(reverse("login"), {"username": "clan", "password": PASSWORD})
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse("dashboard", kwargs={"council": council.slug})


def test_user_with_two_councils_picks_one(client, member, council):
    second = make_council(slug="ormoz", name="Varnostni sosvet Občine Ormož")
    CouncilAccess.objects.create(council=second, user=member, role="member")
    client.force_login(member)
    page = client.get(reverse("home")).content.decode()
    assert "Varnostni sosvet Mestne občine Ptuj" in page
    assert "Varnostni sosvet Občine Ormož" in page


def test_single_council_pages_show_no_council_picker(client, member, mandate):
    client.force_login(member)
    page = client.get(reverse("members:roster", kwargs={"council": "ptuj"})).content.decode()
    assert "Sosveti" not in page


def test_user_without_a_council_is_told_what_to_do(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("nihce", password=PASSWORD))
    assert "Prosite tajnika sosveta" in client.get(reverse("home")).content.decode()


def test_log_out_ends_the_session(client, member):
    client.force_login(member)
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_password_reset_by_email(client, member):
    client.post(reverse("password_reset"), {"email": member.email})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Ponastavitev gesla na portalu varnostnega sosveta"
    assert "Novo geslo nastavite na tej povezavi" in message.body
    link = re.search(r"https?://[^/]+(/racun/reset/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert "Nastavite novo geslo" in form_page.content.decode()
    new_password = "novo-dolgo-geslo-42"
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert log_in(client, "clan", new_password)


def test_short_password_is_refused_in_slovenian(client, member):
    client.post(reverse("password_reset"), {"email": member.email})
    link = re.search(r"https?://[^/]+(/racun/reset/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    page = client.post(form_url, {"new_password1": "kratko", "new_password2": "kratko"})
    assert "vsaj 10 znakov" in page.content.decode()


def test_accessibility_statement_is_public_dated_and_linked_from_every_page(client, member):
    statement = client.get(reverse("accessibility"))
    assert statement.status_code == 200
    assert "Izjava o dostopnosti" in statement.content.decode()
    assert "24. 11. 2026" in statement.content.decode()
    assert 'href="/dostopnost/"' in client.get(reverse("login")).content.decode()
    # A council's pages link to the statement with that council's address in it.
    client.force_login(member)
    roster = client.get(reverse("members:roster", kwargs={"council": "ptuj"}))
    assert 'href="/dostopnost/ptuj/"' in roster.content.decode()


@pytest.mark.parametrize("page", ["dashboard", "session"])
def test_a_login_deactivated_in_bulk_is_turned_away_at_its_next_view(
    client, django_user_model, member, mandate, page
):
    # Every view checks the login anew: nothing kept from an earlier view lets it through.
    session = make_session(mandate, 1)
    address = {
        "dashboard": reverse("dashboard", kwargs={"council": "ptuj"}),
        "session": session.get_absolute_url(),
    }[page]
    assert log_in(client, "clan")
    assert client.get(address).status_code == 200
    assert client.get(address).status_code == 200
    django_user_model.objects.filter(pk=member.pk).update(is_active=False)
    response = client.get(address)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_installation_administrator_without_a_role_is_led_to_the_administration(
    client, django_user_model, council
):
    admin = make_superuser()
    client.force_login(admin)
    page = client.get(reverse("home")).content.decode()
    assert "nimate vloge v nobenem sosvetu" in page
    assert reverse("admin:members_council_changelist") in page
    assert client.get(reverse("dashboard", kwargs={"council": "ptuj"})).status_code == 404
