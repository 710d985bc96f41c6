"""An adopted report is never deleted and never changed, whichever path tries: the pages, the
admin, the services or the shell. Only a correction (a new version) follows it."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse

from meetings.models import Session
from members.models import Council
from reports import services
from reports.models import AnnualReport
from tests.conftest import log_in, make_superuser, seed_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    seed_demo()
    return AnnualReport.objects.get(council=Council.objects.get(slug="ptuj"), report_year=2023)


@pytest.fixture
def adopted(report):
    first = Session.objects.get(mandate__council=report.council, number=1)
    services.report_adopt(report, at_session=first, on=first.date, base_url="http://t/", by=None)
    return report


@pytest.fixture
def admin_client(client):
    client.force_login(make_superuser())
    return client


def as_stored(report):
    fresh = AnnualReport.objects.get(pk=report.pk)
    return {field.attname: getattr(fresh, field.attname) for field in fresh._meta.concrete_fields}


def pdf_bytes(report):
    with AnnualReport.objects.get(pk=report.pk).pdf.open("rb") as stored:
        return stored.read()


def test_no_page_changes_an_adopted_report(client, adopted):
    before, pdf = as_stored(adopted), pdf_bytes(adopted)
    assert log_in(client, "tajnik", "sosvet-demo")
    first = Session.objects.get(number=1)
    attempts = [
        ("report_edit", {"subject": "Drugače", "seen_version": adopted.lock_version}),
        ("report_redraft", {"confirmed": "1"}),
        ("report_adopt", {"adopted_at": first.pk, "confirmed": "1"}),
    ]
    for name, data in attempts:
        address = reverse(f"reports:{name}", kwargs={"council": "ptuj", "pk": adopted.pk})
        assert client.post(address, data).status_code == 302, name
    assert as_stored(adopted) == before
    assert pdf_bytes(adopted) == pdf


def test_the_admin_shows_an_adopted_report_but_changes_nothing(admin_client, adopted):
    before = as_stored(adopted)
    change_page = reverse("admin:reports_annualreport_change", args=[adopted.pk])
    page = admin_client.get(change_page)
    assert page.status_code == 200
    assert 'name="subject"' not in page.content.decode()  # shown, not editable
    assert admin_client.post(change_page, {"subject": "Drugače"}).status_code == 403
    changelist = admin_client.get(reverse("admin:reports_annualreport_changelist"))
    assert "delete_selected" not in changelist.content.decode()
    assert as_stored(adopted) == before


def test_the_admin_edits_a_draft_and_moves_its_version(admin_client, report):
    change_page = reverse("admin:reports_annualreport_change", args=[report.pk])
    form = admin_client.get(change_page).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(subject="Popravljen naslov", preparer=report.preparer_id,
                signatory=report.signatory_id)  # fmt: skip
    response = admin_client.post(change_page, {k: v for k, v in data.items() if k in form.fields})
    assert response.status_code == 302
    saved = AnnualReport.objects.get(pk=report.pk)
    assert saved.subject == "Popravljen naslov"
    assert saved.lock_version == report.lock_version + 1  # an edit form opened before is stale
    assert saved.is_draft  # the status is not the admin's to set


def test_the_shell_cannot_change_or_delete_an_adopted_report(adopted):
    before = as_stored(adopted)
    adopted.subject = "Drugače"
    with pytest.raises(ValidationError), transaction.atomic():
        adopted.save()
    adopted.refresh_from_db()
    adopted.status = AnnualReport.Status.DRAFT
    with pytest.raises(ValidationError), transaction.atomic():
        adopted.save()
    with pytest.raises(ProtectedError), transaction.atomic():
        AnnualReport.objects.filter(pk=adopted.pk).delete()
    assert as_stored(adopted) == before


def test_a_bulk_update_cannot_change_an_adopted_report_but_may_change_a_draft(adopted):
    before = as_stored(adopted)
    draft = services.report_create(adopted.council, 2030, by=None)
    for change in ({"subject": "Drugače"}, {"status": AnnualReport.Status.DRAFT}):
        with pytest.raises(ValidationError), transaction.atomic():
            AnnualReport.objects.filter(pk__in=[adopted.pk, draft.pk]).update(**change)
    assert as_stored(adopted) == before
    AnnualReport.objects.filter(pk=draft.pk).update(subject="Osnutek za 2030")
    assert AnnualReport.objects.get(pk=draft.pk).subject == "Osnutek za 2030"


def test_services_refuse_to_change_an_adopted_report(adopted):
    before = as_stored(adopted)
    first = Session.objects.get(number=1)
    with pytest.raises(ValidationError):
        services.report_redraft(adopted, by=None)
    with pytest.raises(ValidationError):
        services.report_adopt(adopted, at_session=first, on=first.date, base_url="http://t/",
                              by=None)  # fmt: skip
    assert as_stored(adopted) == before


def test_publication_is_the_one_change_and_a_published_report_is_final_too(adopted):
    pdf = pdf_bytes(adopted)
    services.report_publish(adopted, by=None)
    published = AnnualReport.objects.get(pk=adopted.pk)
    assert published.status == "published" and published.published_on
    published.conclusion = "Drugače"
    with pytest.raises(ValidationError), transaction.atomic():
        published.save()
    with pytest.raises(ProtectedError), transaction.atomic():
        published.delete()
    assert pdf_bytes(adopted) == pdf


def test_a_correction_leaves_the_adopted_report_as_it_was(adopted):
    before, pdf = as_stored(adopted), pdf_bytes(adopted)
    correction = services.report_correct(adopted, by=None)
    correction.conclusion = "Popravljeno."
    correction.save()
    assert as_stored(adopted) == before
    assert pdf_bytes(adopted) == pdf
    with pytest.raises(ValidationError):
        services.report_correct(adopted, by=None)
