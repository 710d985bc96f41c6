"""The invitation and the minutes as PDF/UA-1, approved minutes also as PDF/A-3a: the structure
tree, the language, the title, the artifacts and the metadata read back from the downloaded file.
"""

import hashlib
import re

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import Attendance, Resolution, Session
from meetings.pdf import html_to_pdf
from tests.meetings.factories import make_items, make_session, seat_member
from tests.pdf_structure import TaggedPdf, pdf_ua_problems

pytestmark = pytest.mark.django_db

# Typed with soft hyphens (as text pasted from a word processor often is) and long enough to wrap.
SOFT_HYPHENATED = (
    "Svet je obravnaval poro\u00adčilo o varnost\u00adnih razmerah na ob\u00admočju mestne "
    "občine, prometno varnost v bližini osnov\u00adnih šol, vandali\u00adzem v mestnem parku "
    "ter predloge za izbolj\u00adšanje razsvetljave na poteh, ki jih učenci uporab\u00adljajo "
    "vsak dan, in se dogovoril o nadaljnjem delu z vsemi deležniki."
)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def invited(mandate):
    session = make_session(mandate, 2)
    make_items(session, "Informacija o varnostnih pojavih", "Plan dela za leto 2024")
    return session


@pytest.fixture
def held(mandate, police, member):
    ana = seat_member(mandate, police, "Ana", user=member)
    session = make_session(mandate, 2, days_ahead=-14, status=Session.Status.HELD)
    items = make_items(session, "Poročilo PP Ptuj", "Razno")
    items[0].minutes = SOFT_HYPHENATED * 3
    items[0].save()
    Attendance.objects.create(session=session, person=ana, presence="present")
    Resolution.objects.create(session=session, item=items[0], number=1, text="Sosvet se seznani.")
    return session


@pytest.fixture
def approved(held, mandate):
    later = make_session(mandate, 3, days_ahead=-1, status=Session.Status.HELD)
    services.minutes_approve(held, at_session=later, on=later.date, base_url="http://t/")
    held.refresh_from_db()
    return held


def download(client, user, name, session):
    client.force_login(user)
    response = client.get(reverse(f"meetings:{name}", kwargs={"council": "ptuj", "pk": session.pk}))
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_invitation_pdf_is_tagged_as_pdf_ua(client, member, invited):
    data = download(client, member, "invitation_pdf", invited)
    assert pdf_ua_problems(data, title="Vabilo na 2. sejo varnostnega sosveta") == []
    doc = TaggedPdf(data)
    assert [level for level, _ in doc.headings()] == [1, 2]
    assert doc.headings()[1] == (2, "Predlog dnevnega reda:")


def test_invitation_facts_are_a_table_whose_cells_name_their_row_header(client, member, invited):
    doc = TaggedPdf(download(client, member, "invitation_pdf", invited))
    (table,) = doc.elements("Table")
    assert {e.tag for e in table.walk()} >= {"Table", "TR", "TH", "TD"}
    headers = {doc.text(th): th.id for th in doc.elements("TH")}
    assert list(headers) == ["Datum:", "Ura:", "Kraj:"]
    (place,) = [td for td in doc.elements("TD") if doc.text(td) == invited.place]
    assert [str(id) for id in place.attributes["Headers"]] == [headers["Kraj:"]]


def test_invitation_page_number_is_an_artifact_not_content(client, member, invited):
    doc = TaggedPdf(download(client, member, "invitation_pdf", invited))
    assert doc.artifact_text(page=0) == "1 / 1"
    assert not re.search(r"\b1 / 1\b", doc.real_text())


def test_invitation_declares_pdf_ua_1_and_no_pdf_a(client, member, invited):
    xmp = TaggedPdf(download(client, member, "invitation_pdf", invited)).xmp()
    assert xmp.get("pdfuaid:part") == "1"
    assert xmp.get("pdfaid:part") is None


def test_draft_minutes_are_tagged_as_pdf_ua(client, member, held):
    data = download(client, member, "minutes_pdf", held)
    assert pdf_ua_problems(data, title="Zapisnik 2. seje varnostnega sosveta") == []
    doc = TaggedPdf(data)
    assert [level for level, _ in doc.headings()] == [1, 2, 2, 2]
    # One woman present: "Navzoča:", the label agrees with her.
    assert [doc.text(th) for th in doc.elements("TH")] == ["Datum:", "Ura:", "Kraj:", "Navzoča:"]
    assert doc.xmp().get("pdfuaid:part") == "1"
    assert doc.xmp().get("pdfaid:part") is None  # a draft is not a kept record


def test_approved_minutes_are_pdf_a_3a_and_declare_pdf_ua_1(client, member, approved):
    data = download(client, member, "minutes_pdf", approved)
    assert pdf_ua_problems(data, title="Zapisnik 2. seje varnostnega sosveta") == []
    doc = TaggedPdf(data)
    xmp = doc.xmp()
    assert (xmp.get("pdfaid:part"), xmp.get("pdfaid:conformance")) == ("3", "A")
    assert xmp.get("pdfuaid:part") == "1"
    # PDF/A admits the PDF/UA identification only with its schema described in the file.
    assert re.search(
        r"<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"
        r"\s*<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>",
        doc.xmp_source(),
    )
    assert doc.pdf.pdf_version == "1.7"
    assert doc.catalog.OutputIntents[0].S == "/GTS_PDFA1"
    assert doc.artifact_text(page=0) == "1 / 1"


def test_approved_minutes_download_is_the_file_kept_at_approval(client, member, approved):
    data = download(client, member, "minutes_pdf", approved)
    assert hashlib.sha256(data).hexdigest() == approved.minutes_pdf_sha256


def test_text_copied_from_the_minutes_is_the_text_written(client, member, held):
    text = TaggedPdf(download(client, member, "minutes_pdf", held)).real_text()
    assert "\u00ad" not in text and "\u2010" not in text
    written = " ".join(SOFT_HYPHENATED.replace("\u00ad", "").split())
    assert text.count(written) == 3
    # No word was broken at a line end: every word written is a word read.
    assert not re.search(r"\w-\s", text)


@pytest.mark.parametrize("archive", [False, True])
def test_a_document_that_falls_short_of_pdf_ua_does_not_claim_it(archive):
    """No language and a heading skipped: still rendered (and as PDF/A when kept), not PDF/UA."""
    html = "<html><head><title>Zapisnik</title></head><body><h2>Zapisnik</h2></body></html>"
    xmp = TaggedPdf(html_to_pdf(html, base_url="http://t/", archive=archive)).xmp()
    assert xmp.get("pdfuaid:part") is None
    assert xmp.get("pdfaid:part") == ("3" if archive else None)
