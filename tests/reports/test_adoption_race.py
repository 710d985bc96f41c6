"""Two secretaries adopting the same report at the same moment: one adoption, one clear answer.

Runs in real transactions (``transaction=True``), each secretary's request in its own thread with
its own database connection, on PostgreSQL and on SQLite alike.
"""

import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from meetings.models import Session
from members import roles
from reports import services
from reports.drafting import report_start
from reports.models import AnnualReport
from tests.conftest import Client, make_seat, make_user
from tests.meetings.factories import make_session

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def draft(council, mandate, police, chief, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    make_seat(mandate, chief, police)
    report = report_start(council, timezone.localdate().year - 1)
    report.preparer = report.signatory = chief
    report.save()
    return report


def post_in_thread(client, address, data, responses, index):
    try:
        responses[index] = client.post(address, data)
    finally:
        connection.close()  # this thread's own connection, so the test database can be dropped


def test_two_secretaries_adopting_at_once_make_exactly_one_adoption(
    draft, mandate, secretary, django_user_model, tmp_path, monkeypatch
):
    held = make_session(mandate, 1, days_ahead=-7, status=Session.Status.HELD)
    second = make_user(django_user_model, "druga-tajnica", roles.SECRETARY, draft.council)
    # Hold both requests at the claim until both have got there, so they truly overlap: each
    # has read the report as a draft and validated its form before either claims it.
    both_there = threading.Barrier(2, timeout=30)
    claim = services._claim

    def claim_together(*args, **kwargs):
        both_there.wait()
        return claim(*args, **kwargs)

    monkeypatch.setattr(services, "_claim", claim_together)
    address = reverse("reports:report_adopt", kwargs={"council": "ptuj", "pk": draft.pk})
    data = {
        "adopted_at": held.pk,
        "adopted_on": held.date.isoformat(),
        "seen_version": draft.lock_version,
        "confirmed": "1",
    }
    responses = [None, None]
    threads = []
    for index, user in enumerate((secretary, second)):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        threads.append(
            threading.Thread(target=post_in_thread, args=(client, address, data, responses, index))
        )
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200, 302], "one adoption redirects, the other page answers; no 500"
    refused = next(response for response in responses if response.status_code == 200)
    assert "Nekdo drug je poročilo spremenil, sprejel ali objavil" in refused.content.decode()
    draft.refresh_from_db()
    assert draft.status == AnnualReport.Status.ADOPTED
    assert draft.history.filter(status=AnnualReport.Status.ADOPTED).count() == 1
    assert len(list(tmp_path.rglob("*.pdf"))) == 1, "the refused adoption wrote no PDF"
