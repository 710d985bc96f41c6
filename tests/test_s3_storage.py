"""Several app servers share the files through an S3-compatible bucket: uploading a material,
adopting a report, approving minutes, backing up and restoring all go through it, and every
download gives back exactly the bytes kept, so the SHA-256 of a kept record still holds.

The bucket is moto's S3 server on 127.0.0.1, spoken to over HTTP by the same boto3 the portal
uses in production; the storage settings are the ones SOSVET_S3_* builds (sosvet/settings.py).
"""

import hashlib

import boto3
import pytest
from django.core.files.storage import FileSystemStorage, default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from moto.server import ThreadedMotoServer
from storages.backends.s3 import S3Storage

from meetings.models import Material, Session
from reports.models import AnnualReport
from sosvet.settings import s3_storage
from tests.conftest import log_in, seed_demo
from tests.meetings.factories import make_items, make_session
from tests.meetings.test_letterhead_pdf import CREST_SIZE, images_on_first_page, png_crest

pytestmark = pytest.mark.django_db

BUCKET = "sosvet-gradiva"
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(scope="module")
def s3_endpoint():
    """A real S3 endpoint for this module: moto's server on a free port of 127.0.0.1."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch, tmp_path):
    """An empty bucket as the default storage, configured as SOSVET_S3_* would configure it.

    pytest-django's ``settings`` overrides STORAGES through override_settings, whose signal
    drops Django's cached storages; the FileFields' ``default_storage`` follows, and is put back
    after the test. The local media folder is pointed at an empty folder that must stay empty.
    """
    monkeypatch.setenv("SOSVET_S3_BUCKET", BUCKET)
    monkeypatch.setenv("SOSVET_S3_ENDPOINT_URL", s3_endpoint)
    monkeypatch.setenv("SOSVET_S3_REGION", "us-east-1")
    monkeypatch.setenv("SOSVET_S3_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("SOSVET_S3_SECRET_ACCESS_KEY", "testing")
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    client.create_bucket(Bucket=BUCKET)
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage()}
    yield client
    for key in keys(client):
        client.delete_object(Bucket=BUCKET, Key=key)
    client.delete_bucket(Bucket=BUCKET)
    assert not (tmp_path / "media").exists(), "a file was written to the local disk"


def keys(client):
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def stored_bytes(client, key):
    return client.get_object(Bucket=BUCKET, Key=key)["Body"].read()


def body(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def sha256(data):
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def demo(settings, bucket):
    settings.DEBUG = True
    seed_demo()  # with the second factor its secretaries must have


def test_member_downloads_the_material_a_secretary_uploaded_into_the_bucket(
    client, bucket, secretary, member, mandate
):
    (item,) = make_items(make_session(mandate, 2), "Poročilo PP Ptuj")
    client.force_login(secretary)
    response = client.post(
        reverse("meetings:material_upload", kwargs={"council": "ptuj", "pk": item.pk}),
        {"file": SimpleUploadedFile("Poročilo 2023.pdf", PDF_BYTES)},
    )
    assert response.status_code == 302
    material = Material.objects.get()
    assert keys(bucket) == [material.file.name]
    assert stored_bytes(bucket, material.file.name) == PDF_BYTES

    client.force_login(member)
    download = client.get(
        reverse("meetings:material_download", kwargs={"council": "ptuj", "pk": material.pk})
    )
    assert body(download) == PDF_BYTES
    assert download["Content-Disposition"].endswith("Poro%C4%8Dilo%202023.pdf")


def test_the_crest_is_kept_in_the_bucket_and_drawn_from_it_on_the_letterhead(
    client, bucket, secretary, member, mandate
):
    client.force_login(secretary)
    council = secretary.council_accesses.get().council
    response = client.post(
        reverse("members:council_settings", kwargs={"council": "ptuj"}),
        {
            "name": council.name,
            "municipality": council.municipality,
            "convocation_days": 7,
            "seen_version": council.lock_version,
            "crest": SimpleUploadedFile("grb.png", png_crest()),
        },
    )
    assert response.status_code == 302
    council.refresh_from_db()
    assert keys(bucket) == [council.crest.name]
    assert stored_bytes(bucket, council.crest.name) == png_crest()

    client.force_login(member)
    session = make_session(mandate, 2)
    letter = client.get(
        reverse("meetings:invitation_pdf", kwargs={"council": "ptuj", "pk": session.pk})
    )
    assert images_on_first_page(letter.content) == [CREST_SIZE]


def test_adopted_report_is_kept_in_the_bucket_and_served_with_its_sha256(client, demo, bucket):
    report = AnnualReport.objects.get(council__slug="ptuj", report_year=2023)
    first = Session.objects.get(mandate__council=report.council, number=1)
    assert log_in(client, "tajnik", "sosvet-demo")
    client.post(
        reverse("reports:report_adopt", kwargs={"council": "ptuj", "pk": report.pk}),
        {"adopted_at": first.pk, "adopted_on": first.date.isoformat(), "confirmed": "1"},
    )
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.ADOPTED
    assert report.pdf.name in keys(bucket)
    assert sha256(stored_bytes(bucket, report.pdf.name)) == report.pdf_sha256

    served = client.get(reverse("reports:report_pdf", kwargs={"council": "ptuj", "pk": report.pk}))
    assert sha256(body(served)) == report.pdf_sha256
    assert served["Content-Type"] == "application/pdf"


def test_approved_minutes_are_kept_in_the_bucket_and_served_with_their_sha256(client, demo, bucket):
    first = Session.objects.get(mandate__council__slug="ptuj", number=1)
    later = make_session(first.mandate, 9, days_ahead=-1, status=Session.Status.HELD)
    assert log_in(client, "tajnik", "sosvet-demo")
    client.post(
        reverse("meetings:minutes_approve", kwargs={"council": "ptuj", "pk": first.pk}),
        {"approved_at": later.pk, "approved_on": later.date.isoformat(), "confirmed": "1"},
    )
    first.refresh_from_db()
    assert first.is_locked
    assert sha256(stored_bytes(bucket, first.minutes_pdf.name)) == first.minutes_pdf_sha256

    served = client.get(reverse("meetings:minutes_pdf", kwargs={"council": "ptuj", "pk": first.pk}))
    assert sha256(body(served)) == first.minutes_pdf_sha256


# Restore flushes the database, which PostgreSQL refuses inside the test's transaction.
@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_bring_back_the_buckets_files(client, demo, bucket, tmp_path):
    report = AnnualReport.objects.get(council__slug="ptuj", report_year=2023)
    first = Session.objects.get(mandate__council=report.council, number=1)
    assert log_in(client, "tajnik", "sosvet-demo")
    client.post(
        reverse("reports:report_adopt", kwargs={"council": "ptuj", "pk": report.pk}),
        {"adopted_at": first.pk, "adopted_on": first.date.isoformat(), "confirmed": "1"},
    )
    report.refresh_from_db()
    before = {key: sha256(stored_bytes(bucket, key)) for key in keys(bucket)}
    call_command("backup", str(tmp_path / "kopija"), verbosity=0)
    bucket.put_object(Bucket=BUCKET, Key=report.pdf.name, Body=b"%PDF-1.4 ponarejeno")
    bucket.put_object(Bucket=BUCKET, Key="materials/tuje.pdf", Body=b"%PDF-1.4 tuje")

    call_command("restore", str(tmp_path / "kopija"), yes=True, verbosity=0)
    assert {key: sha256(stored_bytes(bucket, key)) for key in keys(bucket)} == before
    assert log_in(client, "tajnik", "sosvet-demo")  # sessions are not backed up
    served = client.get(reverse("reports:report_pdf", kwargs={"council": "ptuj", "pk": report.pk}))
    assert sha256(body(served)) == report.pdf_sha256


def test_the_file_fields_follow_the_storage_setting_and_go_back_after_it():
    """Last in the module: the tests above have had the bucket, and it must be gone now."""
    field = Material._meta.get_field("file")
    assert isinstance(storages["default"], FileSystemStorage)
    with override_settings(STORAGES={"default": {"BACKEND": "storages.backends.s3.S3Storage",
                                                 "OPTIONS": {"bucket_name": BUCKET}}}):  # fmt: skip
        assert field.storage is default_storage
        assert isinstance(field.storage, S3Storage)  # a LazyObject answers for what it wraps
        assert field.storage.bucket_name == BUCKET
    assert isinstance(field.storage, FileSystemStorage)
