"""``export_report`` writes a report's PDF to a file: an adopted one as stored, a draft rendered."""

import hashlib
import io

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from meetings.models import Session
from reports.models import AnnualReport
from reports.services import report_adopt, report_correct
from tests.conftest import make_council, seed_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(settings, tmp_path):
    """The demo 2023 report, a draft; adopted PDFs are stored under the test's own folder."""
    settings.DEBUG = True  # seed_demo creates its demo users only in debug
    settings.MEDIA_ROOT = tmp_path / "media"
    seed_demo()
    return AnnualReport.objects.get(council__slug="ptuj", report_year=2023)


def adopt(report):
    session = Session.objects.of_council(report.council).get(number=1)
    assert session.status == Session.Status.HELD
    report_adopt(
        report, at_session=session, on=session.date, base_url="http://testserver/", by=None
    )
    return report


def export(*args):
    out = io.StringIO()
    call_command("export_report", *args, stdout=out)
    return out.getvalue()


def test_draft_is_rendered_into_the_current_directory_under_its_own_name(
    report, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    printed = export("2023")
    written = tmp_path / "porocilo-2023-plan-2024.pdf"
    text = "".join(page.extract_text() for page in PdfReader(written).pages)
    assert "POROČILO O DELU VARNOSTNEGA SOSVETA V LETU 2023" in text
    assert "porocilo-2023-plan-2024.pdf in the current directory" in printed
    assert hashlib.sha256(written.read_bytes()).hexdigest() in printed
    assert [path.name for path in tmp_path.iterdir() if path.is_file()] == [written.name]


def test_adopted_report_is_exported_byte_for_byte_as_stored(report, tmp_path):
    adopt(report)
    target = tmp_path / "izvoz.pdf"
    printed = export("2023", "--council", "ptuj", "-o", str(target))
    with report.pdf.open("rb") as stored:
        assert target.read_bytes() == stored.read()
    assert report.pdf_sha256 in printed


def test_export_takes_the_newest_version_of_the_report(report, tmp_path):
    correction = report_correct(adopt(report), by=None)
    printed = export("2023", "-o", str(tmp_path))
    assert (tmp_path / correction.filename).exists()
    assert correction.filename == "porocilo-2023-plan-2024-v2.pdf"
    assert "(draft, version 2)" in printed


def test_stored_file_that_no_longer_matches_its_hash_is_not_exported(report, tmp_path):
    adopt(report)
    with open(report.pdf.path, "ab") as stored:
        stored.write(b"%tampered")
    target = tmp_path / "izvoz.pdf"
    with pytest.raises(CommandError, match="does not match the SHA-256"):
        export("2023", "-o", str(target))
    assert not target.exists()


def test_year_without_a_report_is_an_error(report, tmp_path):
    with pytest.raises(CommandError, match="has no report on 2019"):
        export("2019", "-o", str(tmp_path / "izvoz.pdf"))
    assert list(tmp_path.glob("*.pdf")) == []


def test_with_two_councils_the_error_names_the_slugs_to_choose(report, tmp_path):
    make_council(slug="ormoz", name="Varnostni sosvet Občine Ormož")
    with pytest.raises(CommandError, match="--council. Councils: ormoz, ptuj"):
        export("2023", "-o", str(tmp_path / "izvoz.pdf"))
    with pytest.raises(CommandError, match="No council 'ljutomer'. Councils: ormoz, ptuj"):
        export("2023", "--council", "ljutomer")
