"""Held sessions are records: approved minutes lock the session by every path, are frozen as a
PDF, and nothing of the record is ever deleted."""

import datetime
import hashlib
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from meetings import services
from meetings.models import (
    AgendaItem,
    AgendaProposal,
    Attendance,
    InvitationDelivery,
    Material,
    Resolution,
    Session,
)
from meetings.pdf import render_minutes_pdf
from meetings.records import RecordLocked
from tests.conftest import make_superuser
from tests.meetings.factories import make_items, make_session, seat_member

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def url(name, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"council": "ptuj", **kwargs})


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def ana(mandate, police, member):
    return seat_member(mandate, police, "Ana", user=member)


@pytest.fixture
def held(mandate, police, ana):
    """A held session with an item, a material, attendance and a resolution."""
    session = make_session(mandate, 2, days_ahead=-14, status=Session.Status.HELD)
    (item,) = make_items(session, "Poročilo PP Ptuj")
    upload = SimpleUploadedFile("porocilo.pdf", PDF_BYTES)
    Material.objects.create(item=item, file=upload, original_name="porocilo.pdf",
                            content_type="application/pdf", size=len(PDF_BYTES))  # fmt: skip
    Attendance.objects.create(session=session, person=ana, presence="present")
    Resolution.objects.create(session=session, item=item, number=1, text="Sosvet se seznani.",
                              responsible=police)  # fmt: skip
    return session


@pytest.fixture
def approved(held, mandate):
    later = make_session(mandate, 3, days_ahead=-1, status=Session.Status.HELD)
    services.minutes_approve(held, at_session=later, on=later.date, base_url="http://t/")
    held.refresh_from_db()
    return held


def snapshot(session):
    """Everything the record says, to compare before and after an attempt (the edit counter
    is bookkeeping, not record)."""
    rows = (
        Session.objects.filter(pk=session.pk),
        AgendaItem.objects.filter(session=session),
        Material.objects.filter(item__session=session),
        Attendance.objects.filter(session=session),
        Resolution.objects.filter(session=session),
    )
    return [
        [{k: v for k, v in row.items() if k != "lock_version"} for row in queryset.values()]
        for queryset in rows
    ]


def test_approved_session_date_cannot_change_on_the_edit_page(client, secretary, approved):
    before = snapshot(approved)
    client.force_login(secretary)
    new_day = approved.date - datetime.timedelta(days=1)
    response = client.post(
        url("session_edit", pk=approved.pk),
        {"mandate": approved.mandate_id, "number": 2, "kind": "regular",
         "date": new_day.isoformat(), "time": "17:00", "place": approved.place,
         "seen_version": approved.lock_version},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Zapisnik te seje je potrjen" in response.content.decode()
    assert snapshot(approved) == before


def test_approved_session_summary_for_the_report_can_still_be_written(client, secretary, approved):
    client.force_login(secretary)
    response = client.post(
        url("session_edit", pk=approved.pk),
        {"mandate": approved.mandate_id, "number": 2, "kind": "regular",
         "date": approved.date.isoformat(), "time": "17:00", "place": approved.place,
         "report_summary": "Sosvet se je seznanil s poročilom.",
         "seen_version": approved.lock_version},
    )  # fmt: skip
    assert response.status_code == 302, response.context["form"].errors
    approved.refresh_from_db()
    assert approved.report_summary == "Sosvet se je seznanil s poročilom."


def test_pages_of_an_approved_session_change_nothing(client, secretary, approved, ana):
    item = approved.items.get()
    resolution = approved.resolutions.get()
    material = Material.objects.get()
    before = snapshot(approved)
    client.force_login(secretary)
    attempts = [
        (url("item_create", session=approved.pk), {"title": "Nova"}),
        (url("item_edit", pk=item.pk), {"title": "Drugače", "seen_version": 0}),
        (url("item_withdraw", pk=item.pk), {"confirmed": "1"}),
        (url("material_delete", pk=material.pk), {"confirmed": "1"}),
        (url("material_upload", pk=item.pk), {"file": SimpleUploadedFile("x.pdf", PDF_BYTES)}),
        (url("attendance_record", pk=approved.pk), {f"person-{ana.pk}": "absent"}),
        (url("minutes_edit", pk=approved.pk), {"introduction": "Drugače", "seen_version": 1}),
        (url("resolution_create", item=item.pk),
         {"number": 2, "text": "Nov", "outcome": "adopted"}),
        # "public" as it was: publishing stays open after approval, the record does not.
        (url("resolution_edit", pk=resolution.pk),
         {"number": 1, "text": "Drugače", "outcome": "rejected", "seen_version": 0,
          "public": "on"}),
    ]  # fmt: skip
    for address, data in attempts:
        assert client.post(address, data).status_code in (200, 302), address
    refused = client.get(url("item_edit", pk=item.pk), follow=True).content.decode()
    assert "Dnevnega reda izvedene ali odpovedane seje ni mogoče spreminjati." in refused
    # the htmx endpoint, as the page's script calls it
    client.post(url("item_move", pk=item.pk), {"direction": "up"}, HTTP_HX_REQUEST="true")
    assert snapshot(approved) == before


def test_model_saves_of_an_approved_session_are_refused(approved, ana):
    before = snapshot(approved)
    session = Session.objects.get(pk=approved.pk)
    session.date -= datetime.timedelta(days=1)
    item = approved.items.get()
    attendance = Attendance.objects.get()
    resolution = approved.resolutions.get()
    material = Material.objects.get()
    item.title, attendance.presence = "Drugače", "absent"
    resolution.text, resolution.outcome = "Drugače", "rejected"
    material.original_name = "drugo.pdf"
    for obj in (session, item, attendance, resolution, material):
        with pytest.raises(RecordLocked), transaction.atomic():
            obj.save()
    with pytest.raises(RecordLocked), transaction.atomic():
        AgendaItem.objects.create(session=approved, title="Naknadna točka")
    with pytest.raises(ValidationError), transaction.atomic():
        services.attendance_record(approved, {ana: "absent"})
    with pytest.raises(ValidationError), transaction.atomic():
        services.minutes_approve(approved, at_session=approved, on=approved.date, base_url="/")
    assert snapshot(approved) == before


def test_the_follow_up_of_a_resolution_can_still_be_noted(client, secretary, approved):
    resolution = approved.resolutions.get()
    client.force_login(secretary)
    client.post(
        url("resolution_edit", pk=resolution.pk),
        {"done_on": timezone.localdate().isoformat(), "seen_version": resolution.lock_version},
    )
    resolution.refresh_from_db()
    assert resolution.done_on == timezone.localdate()
    assert resolution.text == "Sosvet se seznani."


def test_a_stale_resolution_form_is_refused(client, secretary, held):
    resolution = held.resolutions.get()
    client.force_login(secretary)
    form = {"number": 1, "text": "Prva", "outcome": "adopted", "seen_version": 0}
    assert client.post(url("resolution_edit", pk=resolution.pk), form).status_code == 302
    response = client.post(url("resolution_edit", pk=resolution.pk), {**form, "text": "Druga"})
    assert "Nekdo drug je to shranil" in response.content.decode()
    resolution.refresh_from_db()
    assert resolution.text == "Prva"


def test_corrections_before_approval_are_in_the_history_with_who(client, secretary, held, ana):
    client.force_login(secretary)
    client.post(url("attendance_record", pk=held.pk), {f"person-{ana.pk}": "excused"})
    latest = Attendance.history.latest("history_date")
    assert (latest.presence, latest.history_user) == ("excused", secretary)
    earlier = held.date - datetime.timedelta(days=1)
    client.post(
        url("session_edit", pk=held.pk),
        {"mandate": held.mandate_id, "number": 2, "kind": "regular", "date": earlier.isoformat(),
         "time": "17:00", "place": held.place, "seen_version": 0},
    )  # fmt: skip
    correction = Session.history.filter(id=held.pk).latest("history_date")
    assert (correction.date, correction.history_user) == (earlier, secretary)


def test_approval_asks_first_and_says_what_will_be_frozen(client, secretary, held, mandate):
    later = make_session(mandate, 3, days_ahead=-1, status=Session.Status.HELD)
    client.force_login(secretary)
    data = {"approved_at": later.pk, "approved_on": later.date.isoformat()}
    page = client.post(url("minutes_approve", pk=held.pk), data).content.decode()
    assert "zamrzne" in page and "3. seja" in page and 'name="confirmed"' in page
    held.refresh_from_db()
    assert not held.is_locked
    client.post(url("minutes_approve", pk=held.pk), {**data, "confirmed": "1"})
    held.refresh_from_db()
    assert held.is_locked and len(held.minutes_pdf_sha256) == 64


def test_approval_form_lists_held_sessions_newest_first_with_their_date(
    client, secretary, held, mandate
):
    later = make_session(mandate, 3, days_ahead=-1, status=Session.Status.HELD)
    make_session(mandate, 4, days_ahead=10)  # planned: not offered
    client.force_login(secretary)
    page = client.get(url("minutes_approve", pk=held.pk)).content.decode()
    day = later.date
    assert f"3. seja, {day.day}. {day.month}. {day.year}" in page
    assert "4. seja" not in page
    make_session(mandate, 1, days_ahead=-60, status=Session.Status.HELD)
    page = client.get(url("minutes_approve", pk=held.pk)).content.decode()
    assert page.index("3. seja") < page.index("1. seja")  # newest first


def test_approved_minutes_pdf_stays_the_same_after_renaming(client, member, approved, ana, police):
    stored = approved.minutes_pdf_sha256
    ana.first_name = "Anamarija"
    ana.save()
    police.name = "Policijska postaja Ptuj (preimenovana)"
    police.save()
    client.force_login(member)
    response = client.get(url("minutes_pdf", pk=approved.pk))
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == stored
    text = pdf_text(body)
    assert "Ana Članica" in text and "Anamarija" not in text
    assert "Policijska postaja Ptuj" in text and "preimenovana" not in text
    assert stored in client.get(url("session", pk=approved.pk)).content.decode()
    # Rendered today, the same minutes would say the new names: the stored file is what holds.
    assert "Anamarija" in pdf_text(render_minutes_pdf(approved, base_url="http://t/"))


def pdf_text(data):
    return " ".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def test_accepting_a_proposal_for_a_held_session_is_refused(client, secretary, member, held):
    proposal = AgendaProposal.objects.create(session=held, proposed_by=member, title="Pozno")
    client.force_login(secretary)
    response = client.post(
        url("proposal_decide", pk=proposal.pk), {"decision": "accept"}, follow=True
    )
    assert "ni več načrtovana ali sklicana" in response.content.decode()
    assert not held.items.filter(title="Pozno").exists()
    proposal.refresh_from_db()
    assert proposal.status == AgendaProposal.Status.PENDING


def test_bulk_updates_of_an_approved_session_are_refused(approved, held):
    before = snapshot(approved)
    attempts = [
        (Session.objects.filter(pk=approved.pk), {"date": approved.date - datetime.timedelta(1)}),
        (AgendaItem.objects.filter(session=approved), {"title": "Drugače"}),
        (Material.objects.all(), {"original_name": "drugo.pdf"}),
        (Attendance.objects.all(), {"presence": "absent"}),
        (approved.resolutions.all(), {"text": "Drugače", "outcome": "rejected"}),
    ]
    for rows, change in attempts:
        with pytest.raises(RecordLocked), transaction.atomic():
            rows.update(**change)
    assert snapshot(approved) == before
    # What stays open after approval stays open in bulk too, and other sessions are not held up.
    approved.resolutions.update(done_on=approved.date)
    later = Session.objects.get(number=3)
    Session.objects.filter(pk=later.pk).update(place="Mala dvorana")
    assert Session.objects.get(pk=later.pk).place == "Mala dvorana"


def test_records_cannot_be_deleted_from_the_shell(held, chief):
    delivery = InvitationDelivery.objects.create(session=held, person=chief, kind="invitation",
                                                 status="sent")  # fmt: skip
    records = [Resolution.objects.get(), Attendance.objects.get(), Material.objects.get(),
               AgendaItem.objects.get(), delivery, held]  # fmt: skip
    for record in records:
        with pytest.raises(ProtectedError), transaction.atomic():
            record.delete()
    for model in (Session, AgendaItem, Material, Attendance, Resolution, InvitationDelivery):
        with pytest.raises(ProtectedError), transaction.atomic():
            model.objects.all().delete()
    assert Material.objects.count() == Attendance.objects.count() == 1
    assert InvitationDelivery.objects.count() == 1


def test_withdrawing_after_the_invitation_keeps_row_and_file(client, secretary, mandate, member):
    session = make_session(mandate, 2, status=Session.Status.CONVENED,
                           convened_at=timezone.now())  # fmt: skip
    (item,) = make_items(session, "Umaknjena točka")
    material = Material.objects.create(item=item, file=SimpleUploadedFile("g.pdf", PDF_BYTES),
                                       original_name="g.pdf", content_type="application/pdf",
                                       size=len(PDF_BYTES))  # fmt: skip
    client.force_login(secretary)
    confirm = client.post(url("material_delete", pk=material.pk)).content.decode()
    assert 'name="confirmed"' in confirm
    client.post(url("material_delete", pk=material.pk), {"confirmed": "1"})
    client.post(url("item_withdraw", pk=item.pk), {"confirmed": "1"})
    material.refresh_from_db()
    item.refresh_from_db()
    assert material.withdrawn_by == secretary and material.file.read() == PDF_BYTES
    assert item.withdrawn and item.withdrawn_by == secretary and item.withdrawn_at
    client.force_login(member)
    page = client.get(url("session", pk=session.pk)).content.decode()
    agenda = page.split('id="agenda-list"')[1].split("</section>")[0]
    assert "Umaknjena točka" not in agenda
    assert "<del>Umaknjena točka</del>" in page and ">g.pdf</a></del>" in page


def test_admin_shows_an_approved_session_read_only_and_refuses_changes(client, approved):
    admin = make_superuser()
    client.force_login(admin)
    before = snapshot(approved)
    item, resolution = approved.items.get(), approved.resolutions.get()
    pages = [
        ("admin:meetings_session_change", approved.pk, {"date": "2000-01-01"}),
        ("admin:meetings_agendaitem_change", item.pk, {"title": "Drugače"}),
        ("admin:meetings_resolution_change", resolution.pk,
         {"text": "Drugače", "outcome": "rejected", "number": 1, "public": "on"}),
    ]  # fmt: skip
    for name, pk, data in pages:
        address = reverse(name, args=[pk])
        assert client.get(address).status_code == 200
        client.post(address, data)
    for name, pk in [
        ("admin:meetings_session_delete", approved.pk),
        ("admin:meetings_agendaitem_delete", item.pk),
        ("admin:meetings_resolution_delete", resolution.pk),
        ("admin:meetings_material_delete", Material.objects.get().pk),
    ]:
        address = reverse(name, args=[pk])
        assert client.get(address).status_code == 403
        assert client.post(address, {"post": "yes"}).status_code == 403
    assert snapshot(approved) == before


def test_a_material_of_an_agenda_not_yet_sent_is_removed_with_its_file(client, secretary, mandate):
    (item,) = make_items(make_session(mandate, 2), "Osnutek")
    material = Material.objects.create(item=item, file=SimpleUploadedFile("g.pdf", PDF_BYTES),
                                       original_name="g.pdf", content_type="application/pdf",
                                       size=len(PDF_BYTES))  # fmt: skip
    storage, name = material.file.storage, material.file.name
    client.force_login(secretary)
    client.post(url("material_delete", pk=material.pk), {"confirmed": "1"})
    assert not Material.objects.exists() and not storage.exists(name)
