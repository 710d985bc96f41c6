"""A request body over the upload limit is refused before the portal reads it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import FakePayload
from django.urls import reverse

from meetings.models import Material
from tests.meetings.factories import make_items, make_session

pytestmark = pytest.mark.django_db

MiB = 1024 * 1024


class CountingPayload(FakePayload):
    """The request body as the server hands it over, counting what the portal reads of it."""

    bytes_read = 0

    def read(self, size=-1):
        data = super().read(size)
        self.bytes_read += len(data)
        return data


@pytest.fixture(autouse=True)
def small_limit(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SOSVET_MAX_UPLOAD_MB = 1


@pytest.fixture
def upload_address(mandate):
    (item,) = make_items(make_session(mandate, 2), "Poročilo PP Ptuj")
    return reverse("meetings:material_upload", kwargs={"council": "ptuj", "pk": item.pk})


def test_upload_far_over_the_limit_is_refused_with_a_slovenian_page(
    client, secretary, upload_address
):
    client.force_login(secretary)
    big = SimpleUploadedFile("posnetek.pdf", b"%PDF-1.4\n" + bytes(5 * MiB))
    response = client.post(upload_address, {"file": big})
    assert response.status_code == 413
    page = response.content.decode()
    assert "Poslano je večje, kot ga portal sprejme" in page
    assert "1,0\xa0MB" in page or "1,0 MB" in page
    assert not Material.objects.exists()


def test_oversized_body_is_not_read_at_all(client, secretary, upload_address):
    client.force_login(secretary)
    body = CountingPayload(b"x" * (4 * MiB))
    response = client.generic(
        "POST",
        upload_address,
        content_type="multipart/form-data; boundary=BoUnDaRy",
        **{"wsgi.input": body, "CONTENT_LENGTH": str(len(body))},
    )
    assert response.status_code == 413
    assert body.bytes_read == 0


def test_anonymous_visitor_gets_the_same_refusal_before_the_login_form_reads_anything(client):
    body = CountingPayload(b"username=a&password=" + b"x" * (4 * MiB))
    response = client.generic(
        "POST",
        reverse("login"),
        content_type="application/x-www-form-urlencoded",
        **{"wsgi.input": body, "CONTENT_LENGTH": str(len(body))},
    )
    assert response.status_code == 413
    assert body.bytes_read == 0


def test_file_just_over_the_limit_still_gets_the_forms_message(client, secretary, upload_address):
    client.force_login(secretary)
    response = client.post(
        upload_address, {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4\n" + bytes(MiB))}
    )
    assert response.status_code == 200
    assert "Datoteka je prevelika" in response.content.decode()


@pytest.mark.parametrize("declared", ["ni-stevilka", "-5", ""])
def test_unreadable_declared_length_is_no_server_error(client, declared):
    response = client.generic(
        "POST", reverse("login"), b"username=a&password=b", CONTENT_LENGTH=declared
    )
    assert response.status_code < 500
