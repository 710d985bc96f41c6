"""The secretary puts charts of the statistics into the annual report: a draft shows them with
the report year's numbers as they are; adoption fixes them with the PDF."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from lxml import html

from meetings.models import Resolution, Session
from members.models import Person
from reports.forms import ReportForm
from reports.services import report_adopt, report_correct, report_create
from tests.meetings.statistics_state import prepare_year
from tests.pdf_structure import TaggedPdf, pdf_ua_problems
from tests.reports.helpers import pdf_text, says

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(council, mandate, police, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    year = prepare_year(mandate, police)
    report = report_create(council, year, by=None)
    report.preparer = report.signatory = Person.objects.filter(council=council).first()
    report.save()
    return report


def url(name, report):
    return reverse(f"reports:{name}", kwargs={"council": "ptuj", "pk": report.pk})


def edit_data(report, **changes):
    """What the edit page sends when the secretary changes only ``changes``."""
    form = ReportForm(instance=report)
    data = {name: form[name].value() for name in form.fields}
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def resolutions_of(report):
    return Resolution.objects.filter(
        session__mandate__council=report.council, session__date__year=report.report_year
    )


def document(client, report):
    page = html.fromstring(client.get(url("report", report)).content.decode())
    (article,) = page.xpath("//article[@aria-label='Dokument']")
    return article


def chart_rows(article, title):
    (table,) = article.xpath(f"//table[caption='Številke grafikona: {title}']")
    return {
        row[0].text_content(): [cell.text_content() for cell in row[1:]]
        for row in table.xpath("tbody/tr")
    }


def download(client, report):
    response = client.get(url("report_pdf", report))
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_secretary_chooses_charts_and_the_draft_shows_them_with_their_tables(
    client, secretary, report
):
    client.force_login(secretary)
    page = client.get(url("report_edit", report)).content.decode()
    assert "Grafikoni iz statistike" in page and "Udeležba po organizacijah" in page
    chosen = ["resolutions", "sessions-by-month"]
    response = client.post(url("report_edit", report), edit_data(report, charts=chosen))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.charts == chosen

    article = document(client, report)
    names = [svg.find("title").text for svg in article.xpath("//*[local-name()='svg']")]
    year = report.report_year
    assert names == [f"Sklepi v letu {year}", f"Načrtovane in izvedene seje po mesecih, {year}"]
    adopted = resolutions_of(report).filter(outcome="adopted").count()
    assert chart_rows(article, f"Sklepi v letu {year}")["Sprejeti"] == [str(adopted)]
    # Under 1.3, before 1.4.
    text = article.text_content()
    assert text.index("1.3. Seje") < text.index(names[0]) < text.index("1.4.")


def test_the_draft_pdf_carries_the_charts_table(client, secretary, report):
    report.charts = ["resolutions"]
    report.save()
    client.force_login(secretary)
    text = pdf_text(download(client, report))
    year = report.report_year
    assert says(text, f"Številke grafikona: Sklepi v letu {year}")
    rejected = resolutions_of(report).filter(outcome="rejected").count()
    assert says(text, f"Zavrnjeni {rejected}")


EVERY_CHART = ["sessions-by-month", "attendance-by-session", "attendance-by-organization",
               "resolutions"]  # fmt: skip


@pytest.mark.parametrize("adopted", [False, True])
def test_a_report_with_charts_stays_pdf_ua_each_chart_a_figure_named_by_its_title(
    client, secretary, report, adopted
):
    report.charts = EVERY_CHART
    report.save()
    if adopted:
        held = Session.objects.filter(mandate__council=report.council, status="held").last()
        report_adopt(report, at_session=held, on=held.date, base_url="http://testserver/", by=None)
    client.force_login(secretary)
    data = download(client, report)
    assert pdf_ua_problems(data, title=report.subject) == []
    doc = TaggedPdf(data)
    assert doc.xmp().get("pdfuaid:part") == "1"
    year = report.report_year
    assert [figure.alt for figure in doc.elements("Figure")] == [
        f"Načrtovane in izvedene seje po mesecih, {year}",
        f"Udeležba po sejah, {year}",
        f"Udeležba po organizacijah, {year}",
        f"Sklepi v letu {year}",
    ]
    # Each chart's table follows it, captioned, its numbers real text.
    captions = [doc.text(caption) for caption in doc.elements("Caption")]
    for figure in doc.elements("Figure"):
        assert f"Številke grafikona: {figure.alt}" in captions


def test_the_unsaved_choice_shows_in_the_live_preview(client, secretary, report):
    client.force_login(secretary)
    response = client.post(url("report_preview", report), edit_data(report, charts=["resolutions"]))
    assert 'role="img"' in response.content.decode()
    report.refresh_from_db()
    assert report.charts == []


def test_adoption_fixes_the_charts_with_the_pdf(client, secretary, report):
    report.charts = ["resolutions"]
    report.save()
    held = Session.objects.filter(mandate__council=report.council, status="held").last()
    report_adopt(report, at_session=held, on=held.date, base_url="http://testserver/", by=None)
    year = report.report_year
    adopted = resolutions_of(report).filter(outcome="adopted").count()
    # The council adopts another resolution of that year afterwards.
    Resolution.objects.create(session=held, item=held.items.first(), number=9, text="Pozneje.")

    client.force_login(secretary)
    rows = chart_rows(document(client, report), f"Sklepi v letu {year}")
    assert rows["Sprejeti"] == [str(adopted)]
    data = download(client, report)
    assert hashlib.sha256(data).hexdigest() == report.pdf_sha256
    assert says(pdf_text(data), f"Sprejeti {adopted}")
    # A correction is a draft again: the same charts, the numbers as they are now.
    correction = report_correct(report, by=None)
    assert correction.charts == ["resolutions"] and correction.charts_as_adopted == []
    rows = chart_rows(document(client, correction), f"Sklepi v letu {year}")
    assert rows["Sprejeti"] == [str(adopted + 1)]


def test_a_chart_cannot_be_added_to_an_adopted_report(client, secretary, report):
    held = Session.objects.filter(mandate__council=report.council, status="held").last()
    report_adopt(report, at_session=held, on=held.date, base_url="http://testserver/", by=None)
    client.force_login(secretary)
    response = client.post(url("report_edit", report), edit_data(report, charts=["resolutions"]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.charts == [] and report.charts_as_adopted == []
    report.charts = ["resolutions"]
    with pytest.raises(ValidationError):
        report.save()  # the record rule holds below the page too


def test_a_chart_that_does_not_exist_is_refused(client, secretary, report):
    client.force_login(secretary)
    response = client.post(url("report_edit", report), edit_data(report, charts=["pie"]))
    assert response.status_code == 200
    assert "Izberite veljavno možnost" in response.content.decode()
    report.charts = ["pie"]
    with pytest.raises(ValidationError):
        report.full_clean()


def test_the_history_names_the_charts_chosen(client, secretary, report):
    client.force_login(secretary)
    client.post(url("report_edit", report), edit_data(report, charts=["attendance-by-session"]))
    address = reverse("history", kwargs={"council": "ptuj", "kind": "porocilo", "pk": report.pk})
    assert "Udeležba po sejah" in client.get(address).content.decode()


@pytest.mark.parametrize("copies", [1, 5])
def test_a_draft_with_every_chart_costs_the_same_queries(
    client, secretary, council, mandate, police, copies, django_assert_num_queries
):
    year = prepare_year(mandate, police, copies=copies)
    report = report_create(council, year, by=None)
    report.preparer = report.signatory = Person.objects.filter(council=council).first()
    report.charts = EVERY_CHART
    report.save()
    client.force_login(secretary)
    # The session, the login with its role and the council, the device; the report with its
    # preparer, the signatory's seat; the year's sessions with their figures, the attendance
    # per organization.
    with django_assert_num_queries(7):
        response = client.get(url("report", report))
    assert response.content.decode().count('role="img"') == 4
