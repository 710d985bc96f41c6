"""Materials: documents people send, checked by name and content, downloaded only by insiders."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import Material
from tests.meetings.factories import make_items, make_session

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def url(name, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"council": "ptuj", **kwargs})


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def item(mandate):
    (item,) = make_items(make_session(mandate, 2), "Poročilo PP Ptuj")
    return item


def upload(client, item, name, content):
    return client.post(
        url("material_upload", pk=item.pk), {"file": SimpleUploadedFile(name, content)}
    )


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def test_secretary_attaches_a_pdf_stored_under_a_generated_name(client, secretary, item):
    client.force_login(secretary)
    response = upload(client, item, "Poročilo 2023.pdf", PDF_BYTES)
    assert response.status_code == 302
    material = Material.objects.get()
    assert material.original_name == "Poročilo 2023.pdf"
    assert "Poročilo" not in material.file.name
    assert material.file.name.endswith(".pdf")


def test_docx_is_accepted(client, secretary, item):
    client.force_login(secretary)
    assert upload(client, item, "zapisnik.docx", docx_bytes()).status_code == 302


def test_executable_renamed_to_pdf_is_refused(client, secretary, item):
    client.force_login(secretary)
    response = upload(client, item, "racun.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100)
    assert "Vsebina datoteke ne ustreza njeni končnici .pdf." in response.content.decode()
    assert not Material.objects.exists()


def test_zip_renamed_to_docx_is_refused(client, secretary, item):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("virus.exe", "MZ")
    client.force_login(secretary)
    response = upload(client, item, "dopis.docx", buffer.getvalue())
    assert "ne ustreza njeni končnici .docx" in response.content.decode()


def test_unknown_type_is_refused(client, secretary, item):
    client.force_login(secretary)
    response = upload(client, item, "skripta.sh", b"#!/bin/sh\n")
    assert "Datotek te vrste ni mogoče priložiti." in response.content.decode()


def test_oversized_file_is_refused(client, secretary, item, settings):
    settings.SOSVET_MAX_UPLOAD_MB = 1
    client.force_login(secretary)
    response = upload(client, item, "velik.pdf", PDF_BYTES + b"0" * (1024 * 1024))
    assert "Datoteka je prevelika" in response.content.decode()
    assert not Material.objects.exists()


def test_member_downloads_as_an_attachment(client, secretary, member, item):
    client.force_login(secretary)
    upload(client, item, "Poročilo 2023.pdf", PDF_BYTES)
    material = Material.objects.get()
    client.force_login(member)
    response = client.get(url("material_download", pk=material.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_outsider_and_anonymous_cannot_download(client, secretary, outsider, item):
    client.force_login(secretary)
    upload(client, item, "gradivo.pdf", PDF_BYTES)
    material = Material.objects.get()
    client.force_login(outsider)
    assert client.get(url("material_download", pk=material.pk)).status_code == 404
    client.logout()
    assert client.get(url("material_download", pk=material.pk)).status_code == 302


def test_member_cannot_upload(client, member, item):
    client.force_login(member)
    assert upload(client, item, "a.pdf", PDF_BYTES).status_code == 403
