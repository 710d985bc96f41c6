"""A backup (django-dbbackup under manage.py backup and restore) restores to the same data, the
same files and the same adopted PDF, and only its owner can read it."""

import hashlib
import io
import json
import stat
import tarfile
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from meetings.models import Session
from meetings.services import minutes_approve
from members.models import Council, Person
from reports.models import AnnualReport
from reports.services import report_adopt
from tests.conftest import Client, seed_demo
from tests.meetings.factories import make_session

pytestmark = pytest.mark.django_db(transaction=True)


def media_files(root):
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in Path(root).rglob("*")
        if path.is_file()
    }


def test_backup_and_restore_round_trip(settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path / "media"
    seed_demo()
    report = AnnualReport.objects.get(report_year=2023)
    first = Session.objects.get(number=1)
    report_adopt(report, at_session=first, on=first.date, base_url="http://t/", by=None)
    report.refresh_from_db()
    files_before = media_files(settings.MEDIA_ROOT)
    people_before = sorted(Person.objects.values_list("first_name", "last_name"))

    call_command("backup", str(tmp_path / "varnostna-kopija"), verbosity=0)
    Person.objects.update(first_name="Pokvarjeno")
    with connection.cursor() as cursor:  # damage below the ORM, which refuses to change it
        cursor.execute("UPDATE reports_annualreport SET subject = %s", ["Pokvarjeno"])
    report.pdf.delete(save=False)
    (settings.MEDIA_ROOT / "gradiva").mkdir(exist_ok=True)
    (settings.MEDIA_ROOT / "gradiva" / "kasneje.pdf").write_bytes(b"%PDF-1.4 kasneje")
    Council.objects.create(slug="kasneje", name="Kasnejši sosvet", municipality="Kasneje")
    browser = Client()
    browser.force_login(User.objects.get(username="tajnik"))
    assert "Pokvarjeno" in browser.get(first.get_absolute_url()).content.decode()

    call_command("restore", str(tmp_path / "varnostna-kopija"), yes=True, verbosity=0)
    # Everyone signs in again: no session outlives a restore.
    assert browser.get(first.get_absolute_url()).status_code == 302
    assert not Council.objects.filter(slug="kasneje").exists()
    restored = AnnualReport.objects.get(report_year=2023)
    assert restored.subject == report.subject
    assert hashlib.sha256(restored.pdf.read()).hexdigest() == report.pdf_sha256
    assert restored.pdf_sha256 == report.pdf_sha256
    assert media_files(settings.MEDIA_ROOT) == files_before
    assert sorted(Person.objects.values_list("first_name", "last_name")) == people_before
    assert Council.objects.get(slug="ptuj").accesses.filter(user__username="tajnik").exists()
    browser.force_login(User.objects.get(username="tajnik"))  # sessions are not backed up
    served = browser.get(reverse("reports:report_pdf", kwargs={"council": "ptuj", "pk": report.pk}))
    assert hashlib.sha256(b"".join(served.streaming_content)).hexdigest() == report.pdf_sha256
    assert "Pokvarjeno" not in browser.get(first.get_absolute_url()).content.decode()


def test_restore_repairs_an_adopted_reports_damaged_file(settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path / "media"
    seed_demo()
    report = AnnualReport.objects.get(report_year=2023)
    first = Session.objects.get(number=1)
    report_adopt(report, at_session=first, on=first.date, base_url="http://t/", by=None)
    report.refresh_from_db()
    call_command("backup", str(tmp_path / "kopija"), verbosity=0)
    Path(report.pdf.path).write_bytes(b"%PDF-1.4 ponarejeno")

    call_command("restore", str(tmp_path / "kopija"), yes=True, verbosity=0)
    browser = Client()
    browser.force_login(User.objects.get(username="tajnik"))
    served = browser.get(reverse("reports:report_pdf", kwargs={"council": "ptuj", "pk": report.pk}))
    assert served.status_code == 200
    assert hashlib.sha256(b"".join(served.streaming_content)).hexdigest() == report.pdf_sha256


def test_backup_is_readable_by_its_owner_only(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "gradiva" / "2024").mkdir(parents=True)
    material = tmp_path / "media" / "gradiva" / "2024" / "zapisnik.pdf"
    material.write_bytes(b"%PDF-1.4\n")
    material.chmod(0o644)
    (tmp_path / "kopija").mkdir(mode=0o755)  # an empty folder made beforehand is fine too

    call_command("backup", str(tmp_path / "kopija"), verbosity=0)
    paths = [tmp_path / "kopija", *(tmp_path / "kopija").rglob("*")]
    assert {p.relative_to(tmp_path).as_posix() for p in paths if p.is_file()} == {
        "kopija/database.dump",
        "kopija/database.dump.metadata",
        "kopija/media.tar",
        "kopija/manifest.json",
    }
    with tarfile.open(tmp_path / "kopija" / "media.tar") as archive:
        assert archive.getnames() == ["gradiva/2024/zapisnik.pdf"]
    for path in paths:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), f"{path}: {oct(mode)}"


def test_restore_refuses_an_archive_naming_a_file_outside_the_media_folder(settings, tmp_path):
    """Even with a manifest made to match: the archive is read before anything is replaced."""
    settings.MEDIA_ROOT = tmp_path / "media"
    council = Council.objects.create(slug="ptuj", name="Sosvet", municipality="Ptuj")
    call_command("backup", str(tmp_path / "kopija"), verbosity=0)
    archive = tmp_path / "kopija" / "media.tar"
    with tarfile.open(archive, "w") as forged:
        entry = tarfile.TarInfo("../zunaj.txt")
        entry.size = 1
        forged.addfile(entry, io.BytesIO(b"x"))
    manifest = tmp_path / "kopija" / "manifest.json"
    content = json.loads(manifest.read_text())
    content["sha256"]["media.tar"] = hashlib.sha256(archive.read_bytes()).hexdigest()
    manifest.write_text(json.dumps(content))
    council.delete()

    with pytest.raises(CommandError, match="outside its folder"):
        call_command("restore", str(tmp_path / "kopija"), yes=True, verbosity=0)
    assert not (tmp_path / "zunaj.txt").exists()
    assert not Council.objects.exists()  # the database is as it was


@pytest.mark.parametrize("part", ["database.dump", "media.tar"])
def test_restore_refuses_a_changed_backup(settings, tmp_path, part):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("backup", str(tmp_path / "kopija"), verbosity=0)
    with open(tmp_path / "kopija" / part, "ab") as changed:
        changed.write(b"x")
    with pytest.raises(CommandError, match="does not match"):
        call_command("restore", str(tmp_path / "kopija"), yes=True, verbosity=0)


def test_backup_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "staro.txt").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path), verbosity=0)


def test_restore_gives_back_approved_minutes_with_the_same_sha256(settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path / "media"
    seed_demo()
    first = Session.objects.get(number=1)
    later = make_session(first.mandate, 9, days_ahead=-1, status=Session.Status.HELD)
    minutes_approve(first, at_session=later, on=later.date, base_url="http://t/")
    first.refresh_from_db()
    call_command("backup", str(tmp_path / "kopija"), verbosity=0)
    Path(first.minutes_pdf.path).write_bytes(b"%PDF-1.4 ponarejeno")

    call_command("restore", str(tmp_path / "kopija"), yes=True, verbosity=0)
    restored = Session.objects.get(pk=first.pk)
    assert restored.minutes_pdf_sha256 == first.minutes_pdf_sha256
    browser = Client()
    browser.force_login(User.objects.get(username="tajnik"))
    served = browser.get(
        reverse("meetings:minutes_pdf", kwargs={"council": "ptuj", "pk": first.pk})
    )
    assert served.status_code == 200
    assert (
        hashlib.sha256(b"".join(served.streaming_content)).hexdigest() == first.minutes_pdf_sha256
    )
