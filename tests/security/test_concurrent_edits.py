"""Two secretaries open the same page; the second save is refused and the first one stays."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from meetings.models import AgendaItem, Session
from members import roles
from reports.models import AnnualReport
from tests.conftest import log_in, make_user, seed_demo
from tests.meetings.factories import make_items, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_secretary(django_user_model, council):
    return make_user(django_user_model, "druga-tajnica", roles.SECRETARY, council)


def opened_version(client, address):
    page = client.get(address).content.decode()
    return page.split('name="seen_version" value="')[1].split('"')[0]


def test_second_save_of_an_agenda_item_is_refused(client, secretary, second_secretary, mandate):
    (item,) = make_items(make_session(mandate, 2), "Izvirni naslov")
    address = reverse("meetings:item_edit", kwargs={"council": "ptuj", "pk": item.pk})
    client.force_login(secretary)
    first_seen = opened_version(client, address)
    other = client.__class__()
    other.force_login(second_secretary)
    second_seen = opened_version(other, address)

    client.post(address, {"title": "Naslov prve tajnice", "seen_version": first_seen})
    response = other.post(address, {"title": "Naslov druge tajnice", "seen_version": second_seen})

    page = response.content.decode()
    assert "Nekdo drug je to shranil" in page
    assert 'value="Naslov druge tajnice"' in page  # what she typed is not lost
    item.refresh_from_db()
    assert item.title == "Naslov prve tajnice"


@pytest.mark.parametrize("forged", ["9223372036854775807", "2147483647", "-1", "x"])
def test_a_forged_version_is_a_conflict_not_a_server_error(client, secretary, mandate, forged):
    session = make_session(mandate, 1, days_ahead=-7, status=Session.Status.HELD)
    make_items(session, "Konstituiranje")
    address = reverse("meetings:minutes_edit", kwargs={"council": "ptuj", "pk": session.pk})
    client.force_login(secretary)
    response = client.post(address, {"introduction": "Uvod", "seen_version": forged})
    assert response.status_code == 200
    assert "Nekdo drug je to shranil" in response.content.decode()
    session.refresh_from_db()
    assert session.lock_version == 0


def test_second_save_of_a_session_is_refused(client, secretary, second_secretary, mandate):
    session = make_session(mandate, 2, place="Dvorana A")
    address = reverse("meetings:session_edit", kwargs={"council": "ptuj", "pk": session.pk})
    client.force_login(secretary)
    other = client.__class__()
    other.force_login(second_secretary)
    seen = opened_version(client, address)
    assert opened_version(other, address) == seen
    form = {"mandate": mandate.pk, "number": 2, "kind": "regular",
            "date": session.date.isoformat(), "seen_version": seen}  # fmt: skip
    assert client.post(address, {**form, "place": "Dvorana B"}).status_code == 302
    response = other.post(address, {**form, "place": "Dvorana C"})
    assert "Nekdo drug je to shranil" in response.content.decode()
    assert Session.objects.get().place == "Dvorana B"


def test_second_save_of_a_report_is_refused(client, settings, tmp_path):
    settings.DEBUG = True
    seed_demo()
    report = AnnualReport.objects.get(report_year=2023)
    address = reverse("reports:report_edit", kwargs={"council": "ptuj", "pk": report.pk})
    first, second = client, client.__class__()
    log_in(first, "tajnik", "sosvet-demo")
    log_in(second, "tajnik", "sosvet-demo")
    seen = opened_version(first, address)
    fields = ("subject", "salutation", "report_heading", "plan_heading")
    form = {name: getattr(report, name) for name in fields} | {"seen_version": seen}
    assert first.post(address, {**form, "conclusion": "Prva"}).status_code == 302
    response = second.post(address, {**form, "conclusion": "Druga"})
    assert "Nekdo drug je to shranil" in response.content.decode()
    report.refresh_from_db()
    assert report.conclusion == "Prva"


def test_history_shows_who_changed_what(client, secretary, mandate):
    (item,) = make_items(make_session(mandate, 2), "Stari naslov")
    client.force_login(secretary)
    address = reverse("meetings:item_edit", kwargs={"council": "ptuj", "pk": item.pk})
    client.post(address, {"title": "Novi naslov", "seen_version": 0})
    history = reverse("history", kwargs={"council": "ptuj", "kind": "tocka", "pk": item.pk})
    page = client.get(history).content.decode()
    assert "tajnica" in page
    assert "<del>Stari naslov</del> → <ins>Novi naslov</ins>" in page
    assert AgendaItem.history.filter(id=item.pk).count() == 2


def test_a_deleted_item_can_be_brought_back_from_its_history(mandate):
    (item,) = make_items(make_session(mandate, 2), "Po pomoti izbrisana točka")
    item_id = item.pk
    item.delete()
    last = AgendaItem.history.filter(id=item_id).latest("history_date")
    assert last.history_type == "-"
    last.instance.save()
    assert AgendaItem.objects.get(pk=item_id).title == "Po pomoti izbrisana točka"


def test_undelete_command_brings_back_a_withdrawn_item(client, secretary, mandate):
    session = make_session(mandate, 2)
    (item,) = make_items(session, "Točka, umaknjena po pomoti")
    client.force_login(secretary)
    address = reverse("meetings:item_withdraw", kwargs={"council": "ptuj", "pk": item.pk})
    client.post(address, {"confirmed": "1"})
    assert not AgendaItem.objects.filter(pk=item.pk).exists()
    call_command("undelete", "meetings.AgendaItem", str(item.pk), verbosity=0)
    assert AgendaItem.objects.get(pk=item.pk).title == "Točka, umaknjena po pomoti"
    with pytest.raises(CommandError, match="nothing to bring back"):
        call_command("undelete", "meetings.AgendaItem", str(item.pk), verbosity=0)
