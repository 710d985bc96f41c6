"""The secretary invites a person; the e-mailed link sets a password; revoking shuts them out."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from members.models import Person
from tests.browser.conftest import (
    assert_accessible,
    field,
    log_in,
    new_context,
    open_tab,
    sign_in,
)
from tests.conftest import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_invited_member_sets_a_password_logs_in_and_is_shut_out_once_revoked(
    page, browser, live_server, secretary, council, other_council, mandate
):
    Person.objects.create(
        council=council,
        first_name="Ana",
        last_name="NOVAK",
        gender=Person.Gender.FEMALE,
        email="ana.novak@ptuj.si",
    )
    sign_in(page, live_server, secretary)
    page.goto("/")
    open_tab(page, "Dostopi")
    assert_accessible(page)
    page.get_by_label("Vloga za Ana NOVAK").select_option(label="član sosveta")
    page.get_by_role("button", name="Povabi Ana NOVAK").click()
    expect(page.get_by_text("Vabilo je poslano na ana.novak@ptuj.si")).to_be_visible()

    link = re.search(r"http://\S+/racun/nastavi-geslo/\S+/", mail.outbox[0].body).group(0)
    assert link.startswith(live_server.url)
    ana = new_context(browser, live_server).new_page()
    ana.goto(link)
    expect(ana.get_by_text("Vaše uporabniško ime je ana.novak@ptuj.si")).to_be_visible()
    assert_accessible(ana)
    field(ana, "Novo geslo").fill(PASSWORD)
    field(ana, "Potrditev novega gesla").fill(PASSWORD)
    ana.get_by_role("button", name="Nastavi geslo").click()
    expect(ana.get_by_text("Geslo je nastavljeno.")).to_be_visible()

    log_in(ana, "ana.novak@ptuj.si")
    expect(ana.get_by_text(council.name).first).to_be_visible()
    expect(ana.get_by_text(other_council.name)).to_have_count(0)
    assert ana.goto("/ormoz/clani/").status == 404
    assert ana.goto("/ptuj/clani/").status == 200

    page.reload()
    page.get_by_role("link", name="Odvzemi dostop Ana NOVAK").click()
    page.get_by_role("button", name="Odvzemi dostop").click()
    expect(page.get_by_text("ana.novak@ptuj.si nima več dostopa do tega sosveta.")).to_be_visible()

    assert ana.goto("/ptuj/clani/").status == 404
    ana.context.close()
