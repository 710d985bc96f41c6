"""Office documents are ZIP archives: a zip bomb is refused with a message, and checking it costs
the worker no memory worth speaking of."""

import io
import random
import struct
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import Material
from meetings.uploads import ODT
from tests.meetings.factories import make_items, make_session

pytestmark = pytest.mark.django_db

MiB = 1024 * 1024
BOMB_MESSAGE = "Dokument se razširi v mnogo več, kot je velik"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def item(mandate):
    (item,) = make_items(make_session(mandate, 2), "Poročilo PP Ptuj")
    return item


def zeros_member(archive, name, size):
    """Write ``size`` zero bytes into the archive a chunk at a time (no big buffer here either)."""
    chunk = bytes(MiB)
    with archive.open(name, "w") as member:
        for _ in range(size // MiB):
            member.write(chunk)


def odt_bomb(unpacked):
    """An ODT whose ``mimetype`` member, meant to be one short line, inflates to ``unpacked``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        zeros_member(archive, "mimetype", unpacked)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def docx_bomb(unpacked):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        zeros_member(archive, "word/document.xml", unpacked)
    return buffer.getvalue()


def upload_measured(client, item, name, content):
    """Upload through the material page; return the response and the peak memory it took."""
    address = reverse("meetings:material_upload", kwargs={"council": "ptuj", "pk": item.pk})
    tracemalloc.start()
    try:
        response = client.post(address, {"file": SimpleUploadedFile(name, content)})
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return response, peak


def test_odt_whose_mimetype_inflates_to_200_mib_is_refused_without_unpacking_it(
    client, secretary, item
):
    bomb = odt_bomb(200 * MiB)
    assert len(bomb) < MiB
    client.force_login(secretary)
    response, peak = upload_measured(client, item, "zapisnik.odt", bomb)
    assert response.status_code == 200
    assert BOMB_MESSAGE in response.content.decode()
    assert not Material.objects.exists()
    assert peak < 8 * MiB, f"the check took {peak / MiB:.0f} MiB"


def test_docx_with_a_bombed_part_is_refused(client, secretary, item):
    client.force_login(secretary)
    response, peak = upload_measured(client, item, "dopis.docx", docx_bomb(200 * MiB))
    assert BOMB_MESSAGE in response.content.decode()
    assert not Material.objects.exists()
    assert peak < 8 * MiB


def lie_about_size(archive_bytes, name, declared):
    """Rewrite the central directory so that member ``name`` declares ``declared`` bytes."""
    data = bytearray(archive_bytes)
    encoded = name.encode()
    position = data.find(b"PK\x01\x02")
    while position != -1:
        name_length = struct.unpack_from("<H", data, position + 28)[0]
        if data[position + 46 : position + 46 + name_length] == encoded:
            struct.pack_into("<I", data, position + 24, declared)
        position = data.find(b"PK\x01\x02", position + 4)
    return bytes(data)


def test_member_that_lies_about_its_size_is_read_no_further_than_it_declares(
    client, secretary, item
):
    # The directory says the mimetype is one short line; its data inflates to 50 MiB.
    bomb = lie_about_size(odt_bomb(50 * MiB), "mimetype", len(ODT))
    client.force_login(secretary)
    response, peak = upload_measured(client, item, "zapisnik.odt", bomb)
    assert "Vsebina datoteke ne ustreza njeni končnici .odt." in response.content.decode()
    assert not Material.objects.exists()
    assert peak < 8 * MiB


def test_archive_with_too_many_members_is_refused(client, secretary, item, monkeypatch):
    monkeypatch.setattr("meetings.uploads.MAX_MEMBERS", 50)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for number in range(60):
            archive.writestr(f"word/part{number}.xml", "<p/>")
    client.force_login(secretary)
    response, _peak = upload_measured(client, item, "dopis.docx", buffer.getvalue())
    assert BOMB_MESSAGE in response.content.decode()


def test_archive_that_is_all_directory_is_refused_before_the_directory_is_read(
    client, secretary, item
):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for number in range(25_000):
            archive.writestr(f"word/{number}", b"")
    client.force_login(secretary)
    response, peak = upload_measured(client, item, "dopis.docx", buffer.getvalue())
    assert BOMB_MESSAGE in response.content.decode()
    assert peak < 8 * MiB, f"the check took {peak / MiB:.0f} MiB"


def test_ordinary_odt_with_a_large_text_is_accepted(client, secretary, item):
    words = random.Random(7).choices(["seja", "sklep", "policija", "občina", "varnost"], k=400_000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", ODT, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", " ".join(words))
    client.force_login(secretary)
    response, _peak = upload_measured(client, item, "zapisnik.odt", buffer.getvalue())
    assert response.status_code == 302
    assert Material.objects.get().content_type == ODT
