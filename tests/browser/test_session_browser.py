"""A session from the secretary's first click to the member's answer, in a real browser."""

import datetime
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import AgendaProposal, Attendance, Session
from tests.browser.conftest import assert_accessible, field, open_tab, sign_in
from tests.meetings.factories import seat_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def agenda_titles(page):
    return page.locator("#agenda-list > ol > li strong").all_inner_texts()


def test_secretary_prepares_and_convenes_a_session_and_a_member_answers(
    page, live_server, secretary, member, mandate, police, tmp_path
):
    seat_member(mandate, police, "Ana", user=member)
    day = timezone.localdate() + datetime.timedelta(days=21)

    sign_in(page, live_server, secretary)
    page.goto("/")
    open_tab(page, "Seje")
    page.get_by_role("link", name="Nova seja").click()
    assert field(page, "Številka").input_value() == "1"
    field(page, "Datum").fill(day.isoformat())
    field(page, "Ura").fill("17:00")
    field(page, "Kraj").fill("Mestna hiša, sejna soba")
    page.get_by_role("button", name="Shrani").click()
    expect(page.get_by_role("heading", name="1. seja")).to_be_visible()

    for title in ("Aktualna varnostna problematika", "Poročilo PP Ptuj", "Razno"):
        page.get_by_role("link", name="Dodaj točko").click()
        field(page, "Naslov").fill(title)
        page.get_by_role("button", name="Shrani").click()
    assert_accessible(page)

    material = tmp_path / "Poročilo PP Ptuj 2023.pdf"
    material.write_bytes(PDF_BYTES)
    page.get_by_role("link", name="Priloži gradivo Poročilo PP Ptuj").click()
    field(page, "Datoteka").set_input_files(material)
    page.get_by_role("button", name="Priloži").click()
    expect(page.get_by_text("Gradivo je priloženo.")).to_be_visible()

    page.get_by_role("button", name="Premakni višje Razno").click()
    # htmx swaps the agenda in place; wait for it (no string evaluation: the CSP forbids eval).
    expect(page.locator("#agenda-list > ol > li strong").nth(1)).to_have_text("Razno")
    assert agenda_titles(page) == ["Aktualna varnostna problematika", "Razno", "Poročilo PP Ptuj"]

    page.get_by_role("link", name="Skliči").click()
    assert_accessible(page)
    page.get_by_role("button", name="Pošlji vabilo").click()
    assert Session.objects.get().status == Session.Status.CONVENED
    assert [message.to for message in mail.outbox] == [["ana@example.si"]]
    page.get_by_role("button", name="Odjava").click()

    sign_in(page, live_server, member)
    page.goto("/")
    open_tab(page, "Seje")
    page.get_by_role("link", name="1. seja").first.click()
    assert agenda_titles(page) == ["Aktualna varnostna problematika", "Razno", "Poročilo PP Ptuj"]
    with page.expect_download() as download:
        page.get_by_role("link", name="Poročilo PP Ptuj 2023.pdf").click()
    assert download.value.suggested_filename == "Poročilo PP Ptuj 2023.pdf"
    assert Path(download.value.path()).read_bytes() == PDF_BYTES

    page.get_by_text("Predlagaj točko dnevnega reda").click()
    field(page, "Predlagana točka dnevnega reda").fill("Varnost na šolskih poteh")
    page.get_by_role("button", name="Pošlji predlog").click()
    expect(page.get_by_text("Vaš predlog je poslan tajniku.")).to_be_visible()

    page.get_by_label("udeležila se bom").check()
    page.get_by_role("button", name="Pošlji odgovor").click()
    expect(page.get_by_text("Hvala, vaš odgovor je zabeležen.")).to_be_visible()
    assert_accessible(page)

    assert AgendaProposal.objects.get().title == "Varnost na šolskih poteh"
    assert Attendance.objects.get().response == Attendance.Response.ATTENDING
