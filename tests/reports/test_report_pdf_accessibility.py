"""The annual report as PDF/UA-1, and once adopted as PDF/A-3a as well: the structure tree, the
artifacts and the metadata read back from the file the mayor's office downloads."""

import hashlib
import re

import pytest
from django.urls import reverse

from meetings.models import Session
from members.models import Council
from reports.models import AnnualReport
from tests.conftest import log_in, seed_demo
from tests.pdf_structure import TaggedPdf, pdf_ua_problems

pytestmark = pytest.mark.django_db

# The document's outline: its subject, the report and the plan, each with its sections.
OUTLINE = [1, 2, 3, 3, 3, 3, 2, 3, 3]

SOFT_HYPHENATED = (
    "Varnostni sosvet je v letu obrav\u00adnaval varnost\u00adne razmere, prometno varnost "
    "otrok na šolskih poteh, javni red in mir v mestnem jedru ter preven\u00adtivne akcije "
    "policije, medobčin\u00adskega redarstva in četrtnih skupnosti."
)


@pytest.fixture
def report(settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    seed_demo()
    return AnnualReport.objects.get(council=Council.objects.get(slug="ptuj"), report_year=2023)


def url(name, report):
    return reverse(f"reports:{name}", kwargs={"council": "ptuj", "pk": report.pk})


def download(client, report, username="kabinet"):
    assert log_in(client, username, "sosvet-demo")
    response = client.get(url("report_pdf", report))
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def adopt(client, report):
    assert log_in(client, "tajnik", "sosvet-demo")
    session = Session.objects.get(mandate__council=report.council, number=1)
    data = {"adopted_at": session.pk, "seen_version": report.lock_version, "confirmed": "1"}
    client.post(url("report_adopt", report), data)
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.ADOPTED


def test_draft_report_pdf_is_tagged_as_pdf_ua(client, report):
    data = download(client, report)
    assert pdf_ua_problems(data, title=report.subject) == []
    doc = TaggedPdf(data)
    assert [level for level, _ in doc.headings()] == OUTLINE
    assert doc.headings()[0] == (1, f"Zadeva: {report.subject}")
    assert doc.xmp().get("pdfuaid:part") == "1"
    assert doc.xmp().get("pdfaid:part") is None  # a draft is not the kept record


def test_draft_mark_and_page_numbers_on_every_page_are_artifacts(client, report):
    doc = TaggedPdf(download(client, report))
    pages = len(doc.pdf.pages)
    assert pages > 1
    for page in range(pages):
        assert doc.artifact_text(page) == f"OSNUTEK Stran {page + 1} od {pages}"
    # A screen reader hears the page numbers of no page, and "draft" once, where the document
    # starts: the mark at its top is content, so that those who cannot see the page marks know.
    assert not re.search(r"Stran \d+ od \d+", doc.real_text())
    assert doc.real_text().count("OSNUTEK") == 1
    assert doc.real_text().index("OSNUTEK") < doc.real_text().index(report.subject)


def test_adopted_report_is_pdf_a_3a_and_declares_pdf_ua_1(client, report):
    adopt(client, report)
    data = download(client, report)
    assert hashlib.sha256(data).hexdigest() == report.pdf_sha256  # the file kept at adoption
    assert pdf_ua_problems(data, title=report.subject) == []
    doc = TaggedPdf(data)
    assert [level for level, _ in doc.headings()] == OUTLINE
    xmp = doc.xmp()
    assert (xmp.get("pdfaid:part"), xmp.get("pdfaid:conformance")) == ("3", "A")
    assert xmp.get("pdfuaid:part") == "1"
    assert "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in doc.xmp_source()
    assert doc.catalog.OutputIntents[0].S == "/GTS_PDFA1"
    assert doc.artifact_text(0) == f"Stran 1 od {len(doc.pdf.pages)}"
    assert "OSNUTEK" not in doc.real_text() + doc.artifact_text()


def test_text_copied_from_the_report_is_the_text_written(client, report):
    report.introduction = SOFT_HYPHENATED * 4
    report.save()
    doc = TaggedPdf(download(client, report))
    text = doc.real_text()
    assert "\u00ad" not in text and "\u2010" not in text
    assert text.count(" ".join(SOFT_HYPHENATED.replace("\u00ad", "").split())) == 4
    # Justified as it is, no line of the whole report ends in a word broken by a hyphen.
    assert not re.search(r"\w[-\u2010]\s", text)
