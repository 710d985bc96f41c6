"""The secretary sets the letterhead in the browser: a crest refused with a message in
Slovenian, then one accepted and shown; both pages accessible."""

import pytest
from playwright.sync_api import expect

from members.models import Council
from tests.browser.conftest import assert_accessible, field, open_tab, sign_in
from tests.members.test_council_settings import CLEAN_SVG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCRIPTED_SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def test_secretary_uploads_the_crest_and_sees_it(
    page, live_server, secretary, council, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    sign_in(page, live_server, secretary)
    page.goto("/")
    open_tab(page, "Nastavitve")
    assert_accessible(page)

    field(page, "Naslov").fill("Mestni trg 1, 2250 Ptuj")
    crest = page.get_by_label("Grb ali logotip")
    crest.set_input_files(
        files=[{"name": "grb.svg", "mimeType": "image/svg+xml", "buffer": SCRIPTED_SVG}]
    )
    page.get_by_role("button", name="Shrani").click()
    expect(page.get_by_text("Slika SVG vsebuje skript, česar grb ne sme.")).to_be_visible()
    assert_accessible(page)
    assert Council.objects.get(pk=council.pk).address == ""

    page.get_by_label("Grb ali logotip").set_input_files(
        files=[{"name": "grb.svg", "mimeType": "image/svg+xml", "buffer": CLEAN_SVG}]
    )
    page.get_by_role("button", name="Shrani").click()
    expect(page.get_by_text("Nastavitve sosveta so shranjene.")).to_be_visible()
    expect(page.get_by_role("img", name=council.name)).to_be_visible()
    assert_accessible(page)
    saved = Council.objects.get(pk=council.pk)
    assert saved.address == "Mestni trg 1, 2250 Ptuj" and saved.crest.name.endswith(".svg")
