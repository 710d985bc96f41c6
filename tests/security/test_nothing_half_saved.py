"""Operations that write several rows write all of them or none (run on SQLite and PostgreSQL)."""

import pytest
from django.urls import reverse

from meetings import services as meeting_services
from meetings.models import AgendaItem, AgendaProposal, Attendance, Session
from reports.models import AnnualReport
from tests.conftest import log_in, seed_demo
from tests.meetings.factories import make_session, seat_member

pytestmark = pytest.mark.django_db(transaction=True)


class Boom(Exception):
    pass


def test_accepting_a_proposal_is_all_or_nothing(client, secretary, member, mandate, monkeypatch):
    session = make_session(mandate, 2)
    proposal = AgendaProposal.objects.create(session=session, proposed_by=member, title="Poti")

    def fail(*args, **kwargs):
        raise Boom

    # The agenda item is written first; the proposal's new status then fails to save.
    monkeypatch.setattr(AgendaProposal, "save", fail)
    with pytest.raises(Boom):
        meeting_services.proposal_decide(proposal, accept=True, note="", by=secretary)
    assert not AgendaItem.objects.filter(session=session).exists()


def test_attendance_of_all_members_is_recorded_together_or_not_at_all(mandate, police, monkeypatch):
    session = make_session(mandate, 1, days_ahead=-1, status=Session.Status.HELD)
    ana, bojana = seat_member(mandate, police, "Ana"), seat_member(mandate, police, "Bojana")
    original = Attendance.objects.update_or_create

    def fail_on_second(*args, person, **kwargs):
        if person == bojana:
            raise Boom
        return original(*args, person=person, **kwargs)

    monkeypatch.setattr(Attendance.objects, "update_or_create", fail_on_second)
    with pytest.raises(Boom):
        meeting_services.attendance_record(session, {ana: "present", bojana: "absent"})
    assert not Attendance.objects.exists()


def test_failed_adoption_leaves_a_draft_and_no_file(client, settings, tmp_path, monkeypatch):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    seed_demo()
    report = AnnualReport.objects.get(report_year=2023)
    first = Session.objects.get(number=1)
    original_save = AnnualReport.save

    def fail_when_adopted(self, *args, **kwargs):
        if self.status == AnnualReport.Status.ADOPTED:
            raise Boom
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(AnnualReport, "save", fail_when_adopted)
    assert log_in(client, "tajnik", "sosvet-demo")
    client.raise_request_exception = False
    response = client.post(
        reverse("reports:report_adopt", kwargs={"council": "ptuj", "pk": report.pk}),
        {"adopted_at": first.pk, "adopted_on": first.date.isoformat(), "confirmed": "1"},
    )
    assert response.status_code == 500
    report.refresh_from_db()
    assert report.status == "draft" and not report.pdf_sha256 and not report.pdf
    assert not any(tmp_path.rglob("*.pdf")), "no orphaned PDF is left behind"
