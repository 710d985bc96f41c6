"""Drafting the data parts again: it asks before replacing text, and it moves the version."""

import pytest
from django.urls import reverse

from meetings.models import Session
from members.models import Council
from reports.models import AnnualReport
from tests.conftest import log_in, seed_demo

pytestmark = pytest.mark.django_db

EDITABLE = ["subject", "salutation", "introduction", "report_heading", "background", "membership",
            "sessions", "conclusion", "plan_heading", "schedule", "schedule_note", "topics",
            "projects"]  # fmt: skip


@pytest.fixture
def report(settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    seed_demo()
    return AnnualReport.objects.get(council=Council.objects.get(slug="ptuj"), report_year=2023)


@pytest.fixture
def secretary(client, report):
    assert log_in(client, "tajnik", "sosvet-demo")
    return client


def url(name, **kwargs):
    return reverse(f"reports:{name}", kwargs={"council": "ptuj", **kwargs})


def edit_data(report, **changes):
    data = {field: getattr(report, field) for field in EDITABLE}
    data.update(preparer=report.preparer_id, signatory=report.signatory_id)
    data.update(seen_version=report.lock_version, **changes)
    return data


def test_drafting_again_asks_first_listing_the_sections_it_replaces(secretary, report):
    secretary.post(url("report_edit", pk=report.pk),
                   edit_data(report, sessions="Seje je opisala tajnica na roko."))  # fmt: skip
    report.refresh_from_db()

    question = secretary.get(url("report_redraft", pk=report.pk)).content.decode()
    sections = question.split("Razdelki, katerih besedilo bi bilo nadomeščeno")[1]
    assert "1.3 Seje (iz podatkov)" in sections
    assert "1.2 Članstvo (iz podatkov)" not in sections  # its text would stay the same
    assert '<del><span class="visually-hidden">Odstranjeno: </span>Seje je opisala tajnica' in (
        sections
    )
    assert "Prva seja Varnostnega sosveta Mestne občine Ptuj v letu 2023" in sections
    report.refresh_from_db()
    assert report.sessions == "Seje je opisala tajnica na roko."  # nothing replaced yet

    secretary.post(url("report_redraft", pk=report.pk),
                   {"confirmed": "1", "seen_version": report.lock_version})  # fmt: skip
    report.refresh_from_db()
    assert report.sessions.startswith("Prva seja Varnostnega sosveta Mestne občine Ptuj")


def test_drafting_again_with_nothing_to_replace_changes_nothing(secretary, report):
    response = secretary.post(url("report_redraft", pk=report.pk), follow=True)
    assert "Pripravljeni deli se že ujemajo s podatki portala." in response.content.decode()
    assert AnnualReport.objects.get(pk=report.pk).lock_version == report.lock_version


def test_an_edit_form_opened_before_drafting_again_cannot_overwrite_it(secretary, report):
    opened = edit_data(report, conclusion="Napisano v starem obrazcu.")
    Session.objects.filter(number=1).update(report_summary="Obravnavali smo promet.")
    secretary.post(url("report_redraft", pk=report.pk),
                   {"confirmed": "1", "seen_version": report.lock_version})  # fmt: skip
    response = secretary.post(url("report_edit", pk=report.pk), opened)
    assert "Nekdo drug je to shranil, potem ko ste odprli stran" in response.content.decode()
    report.refresh_from_db()
    assert "Obravnavali smo promet." in report.sessions
    assert "Napisano v starem obrazcu." not in report.conclusion


def test_a_redraft_confirmed_after_someone_edited_replaces_nothing(secretary, report):
    Session.objects.filter(number=1).update(report_summary="Obravnavali smo promet.")
    shown_at = report.lock_version
    secretary.post(url("report_edit", pk=report.pk), edit_data(report, sessions="Ročno."))
    confirmed = {"confirmed": "1", "seen_version": shown_at}
    response = secretary.post(url("report_redraft", pk=report.pk), confirmed, follow=True)
    assert "Nekdo drug je poročilo spremenil" in response.content.decode()
    report.refresh_from_db()
    assert report.sessions == "Ročno."
