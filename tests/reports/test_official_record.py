"""The adopted report as the official record: an unmarked PDF whose fingerprint everyone sees,
adopted at a named session, each irreversible step asked first."""

import datetime
import hashlib
import re

import pytest
from django.urls import reverse

from meetings.models import Session
from members.models import Council
from reports.models import AnnualReport
from reports.services import report_adopt, report_create, report_publish
from tests.conftest import log_in, seed_demo
from tests.reports.helpers import pdf_text

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
def second_session(demo):
    """The 2nd session, held on 14. 3. 2024: the usual time to adopt the 2023 report."""
    session = Session.objects.get(mandate__council=demo, number=2)
    session.status, session.date = Session.Status.HELD, datetime.date(2024, 3, 14)
    session.save()
    return session


def url(name, **kwargs):
    return reverse(f"reports:{name}", kwargs={"council": "ptuj", **kwargs})


def as_user(client, username):
    assert log_in(client, username, "sosvet-demo")
    return client


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def shown_sha256(page):
    (value,) = re.findall(r"data-sha256>([0-9a-f]{64})<", page.content.decode())
    return value


def adopt(client, report, session, day="", **extra):
    data = {"adopted_at": session.pk, "adopted_on": day, "seen_version": report.lock_version}
    return client.post(url("report_adopt", pk=report.pk), {**data, **extra})


def test_adopted_pdf_carries_no_draft_mark_while_a_draft_keeps_it(client, report, second_session):
    as_user(client, "tajnik")
    draft_text = pdf_text(body(client.get(url("report_pdf", pk=report.pk))))
    assert "OSNUTEK" in draft_text

    adopt(client, report, second_session, confirmed="1")
    adopted_text = pdf_text(body(client.get(url("report_pdf", pk=report.pk))))
    assert "osnutek" not in adopted_text.casefold()
    assert "draft" not in adopted_text.casefold()
    assert "Stran 1 od" in adopted_text  # the running footer is still there; only the mark went


def test_everyone_who_may_download_sees_the_sha256_the_file_hashes_to(
    client, report, second_session
):
    report_adopt(report, at_session=second_session, on=second_session.date,
                 base_url="http://testserver/", by=None)  # fmt: skip
    report_publish(report, by=None)
    stored = report.pdf_sha256
    for username in ("clan", "kabinet"):
        as_user(client, username)
        shown = shown_sha256(client.get(url("report", pk=report.pk)))
        downloaded = body(client.get(url("report_pdf", pk=report.pk)))
        assert hashlib.sha256(downloaded).hexdigest() == shown == stored, username
        client.logout()

    public_page = client.get(reverse("public:public_report_list", kwargs={"council": "ptuj"}))
    public_pdf = reverse("public:public_report_pdf", kwargs={"council": "ptuj", "pk": report.pk})
    downloaded = body(client.get(public_pdf))
    assert hashlib.sha256(downloaded).hexdigest() == shown_sha256(public_page) == stored


def test_adoption_form_names_held_sessions_by_number_and_date_newest_first(
    client, report, second_session
):
    page = as_user(client, "tajnik").get(url("report_adopt", pk=report.pk)).content.decode()
    newer, older = page.find("2. seja, 14. 3. 2024"), page.find("1. seja, 7. 4. 2023")
    assert 0 < newer < older
    assert 'data-date="2024-03-14"' in page  # for the script that fills the date in
    assert "3. seja" not in page  # planned, not held


def test_a_date_left_empty_is_the_date_of_the_chosen_session(client, report, second_session):
    response = adopt(as_user(client, "tajnik"), report, second_session, confirmed="1")
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.adopted_at, report.adopted_on) == (
        "adopted",
        second_session,
        datetime.date(2024, 3, 14),
    )


def test_a_session_before_the_reported_year_is_refused(client, demo, report):
    following = report_create(demo, 2024, by=None)
    following.preparer, following.signatory = report.preparer, report.signatory
    following.save()
    first = Session.objects.get(mandate__council=demo, number=1)
    response = adopt(as_user(client, "tajnik"), following, first, confirmed="1")
    assert response.status_code == 200
    assert (
        "1. seja, 7. 4. 2023, je bila pred začetkom leta 2024, zato ni mogla sprejeti poročila "
        "za leto 2024. Izberite poznejšo sejo." in response.content.decode()
    )
    following.refresh_from_db()
    assert following.is_draft and not following.pdf


def test_a_session_inside_the_reported_year_is_allowed_but_called_unusual(client, report):
    first = Session.objects.get(mandate__council=report.council, number=1)
    as_user(client, "tajnik")
    form_page = client.get(url("report_adopt", pk=report.pk)).content.decode()
    assert "seja v letu 2023 je neobičajna, a dovoljena" in form_page
    question = adopt(client, report, first).content.decode()
    assert "To je neobičajno: poročilo se običajno sprejme v naslednjem letu, 2024." in question
    assert adopt(client, report, first, confirmed="1").status_code == 302
    report.refresh_from_db()
    assert report.adopted_on == datetime.date(2023, 4, 7)


def test_adoption_asks_first_saying_what_will_be_frozen(client, report, second_session, tmp_path):
    response = adopt(as_user(client, "tajnik"), report, second_session)
    page = response.content.decode()
    frozen = "PDF poročila bo zamrznjen. Seja: 2. seja, 14. 3. 2024; datum sprejema: 14. 3. 2024."
    assert frozen in page
    assert "neobičajno" not in page
    # The answer posts the choice back, with the version the page was opened at.
    assert f'name="adopted_at" value="{second_session.pk}"' in page
    assert 'name="adopted_on" value="2024-03-14"' in page
    assert 'name="confirmed" value="1"' in page
    report.refresh_from_db()
    assert report.is_draft and not any(tmp_path.rglob("*.pdf"))


def test_confirming_after_someone_changed_the_report_adopts_nothing(client, report, second_session):
    as_user(client, "tajnik")
    opened_at = report.lock_version
    AnnualReport.objects.filter(pk=report.pk).update(lock_version=opened_at + 1)  # saved by another
    response = adopt(client, report, second_session, confirmed="1", seen_version=opened_at)
    assert "Nekdo drug je poročilo spremenil, sprejel ali objavil" in response.content.decode()
    report.refresh_from_db()
    assert report.is_draft and not report.pdf


def test_adopting_an_adopted_report_again_says_so(client, report, second_session):
    as_user(client, "tajnik")
    adopt(client, report, second_session, confirmed="1")
    response = adopt(client, report, second_session, confirmed="1", seen_version=0)
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "To poročilo je že sprejeto; ponovno ga ni mogoče sprejeti." in page
    assert AnnualReport.history.filter(id=report.pk, status="adopted").count() == 1


def test_publishing_asks_first_naming_the_public_address(client, report, second_session):
    report_adopt(report, at_session=second_session, on=second_session.date,
                 base_url="http://testserver/", by=None)  # fmt: skip
    as_user(client, "tajnik")
    question = client.post(url("report_publish", pk=report.pk)).content.decode()
    public = "http://testserver/javne/ptuj/porocila/"
    assert f'Poročilo bo javno vidno na naslovu <a class="text-break" href="{public}">' in question
    report.refresh_from_db()
    assert report.status == "adopted"
    response = client.post(
        url("report_publish", pk=report.pk), {"confirmed": "1", "seen_version": report.lock_version}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "published"


def test_a_stale_publication_confirmation_publishes_nothing(client, report, second_session):
    report_adopt(report, at_session=second_session, on=second_session.date,
                 base_url="http://testserver/", by=None)  # fmt: skip
    as_user(client, "tajnik")
    client.post(url("report_publish", pk=report.pk), {"confirmed": "1", "seen_version": 0})
    report.refresh_from_db()
    assert report.status == "adopted"
