"""The annual report's number in the municipality's filing system: entered by the secretary,
checked for the characters such numbers use, and final once the report is adopted."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings.models import Session
from members.models import Membership
from reports.drafting import report_start
from reports.forms import ReportForm
from reports.models import AnnualReport
from reports.services import report_adopt, report_correct
from tests.conftest import make_seat
from tests.meetings.factories import make_session

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def report(council, mandate, chief, police):
    seat = make_seat(mandate, chief, police, role=Membership.Role.CHAIR)
    report = report_start(council, timezone.localdate().year - 1)
    report.preparer = report.signatory = seat.person
    report.save()
    return report


@pytest.fixture
def held(mandate):
    return make_session(mandate, 1, days_ahead=-3, status=Session.Status.HELD)


def url(name, report):
    return reverse(f"reports:{name}", kwargs={"council": "ptuj", "pk": report.pk})


def edit_form(report, **changes):
    """The edit page's form as the browser sends it, with some fields changed."""
    form = ReportForm(instance=report)
    data = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else value for name, value in data.items()}
    return {**data, **changes}


def test_secretary_gives_the_report_its_number(client, secretary, report):
    client.force_login(secretary)
    response = client.post(
        url("report_edit", report), edit_form(report, document_number="0110-1/2024-3")
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.document_number == "0110-1/2024-3"


@pytest.mark.parametrize("number", ["0110-1/2024-3 <script>", "0110#1", "0110-1/2024-3;", "'"])
def test_a_report_number_with_other_characters_is_refused(client, secretary, report, number):
    client.force_login(secretary)
    response = client.post(
        url("report_edit", report), edit_form(report, document_number=number, salutation="Zdravo,")
    )
    assert response.status_code == 200
    (error,) = response.context["form"].errors["document_number"]
    assert error.startswith("Številka dokumenta sme vsebovati le števke, črke, vezaje (-)")
    report.refresh_from_db()
    assert (report.document_number, report.salutation) == ("", "Spoštovani,")


def test_the_number_of_an_adopted_report_cannot_change(client, secretary, report, held):
    report.document_number = "0110-1/2024-3"
    report.save()
    report_adopt(report, at_session=held, on=held.date, base_url="http://t/", by=None)

    client.force_login(secretary)
    response = client.post(url("report_edit", report), edit_form(report, document_number="0110-9"))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.document_number == "0110-1/2024-3"

    report.document_number = "0110-9"
    with pytest.raises(ValidationError, match="Sprejetega poročila ni mogoče spreminjati"):
        report.save()
    with pytest.raises(ValidationError):
        AnnualReport.objects.filter(pk=report.pk).update(document_number="0110-9")
    assert AnnualReport.objects.get(pk=report.pk).document_number == "0110-1/2024-3"


def test_a_correction_is_a_new_document_that_waits_for_its_own_number(report, held):
    report.document_number = "0110-1/2024-3"
    report.save()
    report_adopt(report, at_session=held, on=held.date, base_url="http://t/", by=None)
    correction = report_correct(report, by=None)
    assert correction.document_number == ""
    correction.document_number = "0110-1/2024-7"
    correction.save()
    assert AnnualReport.objects.get(pk=report.pk).document_number == "0110-1/2024-3"
