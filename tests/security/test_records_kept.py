"""Held sessions, approved minutes and adopted reports cannot be deleted, by any path."""

import pytest
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse

from meetings.models import AgendaItem, Resolution, Session
from reports.models import AnnualReport
from reports.services import report_adopt
from tests.conftest import make_superuser, seed_demo
from tests.meetings.factories import make_items, make_session

pytestmark = pytest.mark.django_db


def test_held_session_its_items_and_resolutions_cannot_be_deleted(mandate):
    held = make_session(mandate, 1, days_ahead=-3, status=Session.Status.HELD)
    (item,) = make_items(held, "Konstituiranje")
    resolution = Resolution.objects.create(session=held, item=item, number=1, text="Sklep.")
    # Each attempt in its own savepoint: Django deletes inside the test's transaction.
    for record in (resolution, item, held):
        with pytest.raises(ProtectedError), transaction.atomic():
            record.delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        Session.objects.filter(pk=held.pk).delete()
    assert Resolution.objects.count() == AgendaItem.objects.count() == 1


def test_a_planned_session_can_still_be_deleted(mandate):
    planned = make_session(mandate, 2)
    make_items(planned, "Osnutek točke")
    planned.delete()
    assert not Session.objects.exists()


def test_adopted_report_cannot_be_deleted_even_in_the_admin(client, settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    seed_demo()
    report = AnnualReport.objects.get(report_year=2023)
    first = Session.objects.get(number=1)
    report_adopt(report, at_session=first, on=first.date, base_url="http://t/", by=None)
    with pytest.raises(ProtectedError), transaction.atomic():
        report.delete()
    admin = make_superuser()
    client.force_login(admin)
    delete_page = reverse("admin:reports_annualreport_delete", args=[report.pk])
    assert client.get(delete_page).status_code == 403
    assert client.post(delete_page, {"post": "yes"}).status_code == 403
    assert AnnualReport.objects.filter(pk=report.pk).exists()
