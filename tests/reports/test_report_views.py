"""The annual report's pages and life cycle, for each persona and for the public."""

import hashlib
import re
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils.formats import date_format
from pypdf import PdfReader

from meetings.models import Session
from members.models import Council, Person
from reports.models import AnnualReport
from reports.services import report_adopt
from tests.conftest import log_in, seed_demo
from tests.reports.helpers import pdf_text, says

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    seed_demo()
    return Council.objects.get(slug="ptuj")


@pytest.fixture
def report(demo):
    return AnnualReport.objects.get(council=demo, report_year=2023)


@pytest.fixture
def adopted(report):
    first = Session.objects.get(mandate__council=report.council, number=1)
    report_adopt(report, at_session=first, on=first.date, base_url="http://testserver/", by=None)
    return report


def url(name, **kwargs):
    return reverse(f"reports:{name}", kwargs={"council": "ptuj", **kwargs})


def as_user(client, username):
    assert log_in(client, username, "sosvet-demo")
    return client


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_anonymous_visitor_is_sent_to_log_in(client, report):
    response = client.get(url("report", pk=report.pk))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_mayors_office_downloads_the_draft_but_cannot_edit(client, report):
    as_user(client, "kabinet")
    assert client.get(url("report_pdf", pk=report.pk)).status_code == 200
    assert client.get(url("report_edit", pk=report.pk)).status_code == 403
    assert client.post(url("report_redraft", pk=report.pk)).status_code == 403


def test_member_does_not_see_drafts(client, report):
    as_user(client, "clan")
    assert "2023" not in client.get(url("report_list")).content.decode().split("<main")[1]
    assert client.get(url("report", pk=report.pk)).status_code == 404
    assert client.get(url("report_pdf", pk=report.pk)).status_code == 404


def test_member_reads_adopted_reports(client, adopted):
    as_user(client, "clan")
    assert "Poročilo 2023 in plan 2024" in client.get(url("report_list")).content.decode()
    assert client.get(url("report_pdf", pk=adopted.pk)).status_code == 200
    assert client.post(url("report_correct", pk=adopted.pk)).status_code == 403


def test_list_shows_each_report_as_the_report_itself_says(client, adopted):
    """The rows are made from values (reports/listing.py), the same as from the reports."""
    AnnualReport.objects.create(  # a draft, and a name with its version
        council=adopted.council,
        report_year=2024,
        plan_year=2025,
        version=2,
        subject="Poročilo 2024",
        report_heading="Poročilo",
        plan_heading="Plan",
    )
    as_user(client, "kabinet")
    page = re.sub(r">\s+<", "><", client.get(url("report_list")).content.decode())
    reports = AnnualReport.objects.filter(council=adopted.council)
    assert {report.status for report in reports} == {"draft", "adopted"}
    for report in reports:
        when = "—"
        if report.adopted_on:
            when = f"{date_format(report.adopted_on, 'SHORT_DATE_FORMAT')} ({report.adopted_at})"
        pdf = url("report_pdf", pk=report.pk)
        download = f'<a href="{pdf}">Prenesi<span class="visually-hidden"> {report}</span></a>'
        assert (
            f'<tr><td><a href="{report.get_absolute_url()}">{report}</a></td>'
            f"<td>{report.get_status_display()}</td><td>{when}</td><td>{download}</td></tr>"
        ) in page


def test_user_of_another_council_gets_404(client, report, outsider):
    client.force_login(outsider)
    assert client.get(url("report", pk=report.pk)).status_code == 404
    assert client.get(url("report_pdf", pk=report.pk)).status_code == 404


def test_public_sees_only_published_reports(client, adopted):
    public_list = reverse("public:public_report_list", kwargs={"council": "ptuj"})
    public_pdf = reverse("public:public_report_pdf", kwargs={"council": "ptuj", "pk": adopted.pk})
    assert "Poročilo 2023" not in client.get(public_list).content.decode()
    assert client.get(public_pdf).status_code == 404
    as_user(client, "tajnik").post(url("report_publish", pk=adopted.pk), {"confirmed": "1"})
    client.logout()
    assert "Poročilo 2023 in plan 2024" in client.get(public_list).content.decode()
    response = client.get(public_pdf)
    assert response.status_code == 200
    assert hashlib.sha256(body(response)).hexdigest() == adopted.pdf_sha256


def test_secretary_edits_a_part_and_sees_it_in_the_preview(client, report):
    as_user(client, "tajnik")
    page = client.get(url("report_edit", pk=report.pk)).content.decode()
    assert "Spoštovani," in page
    data = {
        field: getattr(report, field)
        for field in ("subject", "salutation", "introduction", "report_heading", "background",
                      "membership", "sessions", "conclusion", "plan_heading", "schedule",
                      "schedule_note", "topics", "projects")
    }  # fmt: skip
    data.update(preparer=report.preparer_id, signatory=report.signatory_id, seen_version=0)
    data["conclusion"] = "Varnost je skupna skrb.\n\n- prva alineja\n- <script>alert(1)</script>"
    response = client.post(url("report_edit", pk=report.pk), data, follow=True)
    page = response.content.decode()
    assert "<p>Varnost je skupna skrb.</p>" in page
    assert "<li>prva alineja</li>" in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_adopting_without_a_preparer_is_refused(client, report):
    report.preparer = None
    report.save()
    first = Session.objects.get(mandate__council=report.council, number=1)
    as_user(client, "tajnik")
    response = client.post(
        url("report_adopt", pk=report.pk),
        {"adopted_at": first.pk, "adopted_on": first.date.isoformat()},
    )
    assert "Poročila ni mogoče sprejeti brez navedbe: pripravljavca." in response.content.decode()
    report.refresh_from_db()
    assert report.is_draft and not report.pdf and not report.pdf_sha256


def test_adoption_freezes_the_pdf(client, report):
    first = Session.objects.get(mandate__council=report.council, number=1)
    as_user(client, "tajnik")
    client.post(
        url("report_adopt", pk=report.pk),
        {"adopted_at": first.pk, "adopted_on": first.date.isoformat(), "confirmed": "1"},
    )
    report.refresh_from_db()
    assert report.status == "adopted" and len(report.pdf_sha256) == 64
    Person.objects.filter(last_name="Gajšek").update(first_name="Spremenjeno")
    response = client.get(url("report_pdf", pk=report.pk))
    data = body(response)
    assert hashlib.sha256(data).hexdigest() == report.pdf_sha256
    assert says(pdf_text(data), "Nuška Gajšek")


def test_adopted_report_cannot_be_edited(client, adopted):
    as_user(client, "tajnik")
    client.post(url("report_edit", pk=adopted.pk), {"subject": "Drugače"})
    client.post(url("report_redraft", pk=adopted.pk))
    adopted.refresh_from_db()
    assert adopted.subject.startswith("Poročilo o delu varnostnega sosveta v letu 2023")


def test_a_correction_is_a_new_version_that_keeps_the_old(client, adopted):
    as_user(client, "tajnik")
    response = client.post(url("report_correct", pk=adopted.pk))
    correction = AnnualReport.objects.get(supersedes=adopted)
    assert response.url == correction.get_absolute_url()
    assert (correction.version, correction.status) == (2, "draft")
    assert correction.background == adopted.background
    adopted.refresh_from_db()
    assert adopted.status == "adopted" and adopted.pdf_sha256


def test_second_report_for_the_same_year_is_refused(client, report):
    as_user(client, "tajnik")
    response = client.post(url("report_create"), {"report_year": 2023, "plan_year": 2024})
    assert "Sosvet že ima poročilo za to leto." in response.content.decode()
    assert AnnualReport.objects.count() == 1


def test_plan_year_must_follow_the_report_year(client, report):
    as_user(client, "tajnik")
    response = client.post(url("report_create"), {"report_year": 2024, "plan_year": 2026})
    assert "Leto plana mora slediti letu poročila." in response.content.decode()
    assert AnnualReport.objects.count() == 1


def test_starting_the_next_year_carries_the_narrative_over(client, report):
    as_user(client, "tajnik")
    response = client.post(url("report_create"), {"report_year": 2024, "plan_year": 2025})
    following = AnnualReport.objects.get(report_year=2024)
    assert response.url == following.get_absolute_url()
    assert following.conclusion == report.conclusion
    assert following.projects == report.projects
    assert following.preparer == report.preparer
    assert "v letu 2024 in plan dela" in following.introduction
    assert "Prva seja" not in following.sessions  # no session was held in 2024
    assert "V letu 2024 ni bila sklicana nobena seja varnostnega sosveta." in following.sessions


def test_drafting_again_follows_the_data(client, report):
    Session.objects.filter(number=1).update(report_summary="Obravnavali smo promet.")
    as_user(client, "tajnik")
    client.post(url("report_redraft", pk=report.pk), {"confirmed": "1"})
    report.refresh_from_db()
    assert "Obravnavali smo promet." in report.sessions


def test_adopted_pdf_is_a_tagged_pdf_a(client, adopted):
    as_user(client, "kabinet")
    reader = PdfReader(BytesIO(body(client.get(url("report_pdf", pk=adopted.pk)))))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    identification = reader.xmp_metadata.rdf_root.toxml()
    assert 'pdfaid:part="3"' in identification and 'pdfaid:conformance="A"' in identification
    assert root["/Lang"] == "sl-SI"


def test_preview_shows_unsaved_text_and_saves_nothing(client, report):
    as_user(client, "tajnik")
    response = client.post(url("report_preview", pk=report.pk), {"conclusion": "Še neshranjeno."})
    assert "<p>Še neshranjeno.</p>" in response.content.decode()
    report.refresh_from_db()
    assert "Še neshranjeno." not in report.conclusion
