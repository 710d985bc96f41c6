"""The annual report carries the letterhead the invitation and the minutes carry: crest, name,
address, e-mail and telephone, its number, "Ptuj, <the day it was adopted>", the signatory's
gendered title, one typeface family; read back from the PDF, the kept one included."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from meetings.models import Session
from members.models import Membership, Organization, Person
from reports.drafting import report_start
from reports.services import report_adopt
from tests.conftest import make_seat
from tests.meetings.factories import make_session
from tests.meetings.test_letterhead_pdf import (
    CREST_SIZE,
    font_families,
    images_on_first_page,
    in_one_family,
    png_crest,
    slovenian,
    text_of,
)
from tests.pdf_structure import TaggedPdf, pdf_ua_problems

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def letterhead(council):
    council.place = "Ptuj"
    council.address = "Mestni trg 1, 2250 Ptuj"
    council.phone = "02 748 29 00"
    council.save()
    council.crest.save("grb.png", ContentFile(png_crest()))
    return council


CHAIRS = {
    "chair a woman": ("Nuška", "Gajšek", Person.Gender.FEMALE, "županja", "predsednica"),
    "chair a man": ("Janez", "Novak", Person.Gender.MALE, "župan", "predsednik"),
}


@pytest.fixture(params=CHAIRS, ids=list(CHAIRS))
def report(request, letterhead, mandate):
    first, last, gender, function, title = CHAIRS[request.param]
    city = Organization.objects.create(council=letterhead, name="Mestna občina Ptuj")
    chair = Person.objects.create(
        council=letterhead, first_name=first, last_name=last, gender=gender
    )
    preparer = Person.objects.create(
        council=letterhead, first_name="Primož", last_name="KOROŠAK", gender=Person.Gender.MALE
    )
    make_seat(mandate, chair, city, role=Membership.Role.CHAIR, function_title=function)
    report = report_start(letterhead, timezone.localdate().year - 1)
    report.document_number = "0110-1/2024-5"
    report.preparer, report.signatory = preparer, chair
    report.save()
    report.signs_as = f"{first} {last}, {function} {title} varnostnega sosveta"
    return report


def download(client, user, report):
    client.force_login(user)
    address = reverse("reports:report_pdf", kwargs={"council": "ptuj", "pk": report.pk})
    response = client.get(address)
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_draft_is_dated_today_under_the_letterhead(client, mayors_office, report):
    data = download(client, mayors_office, report)
    text = text_of(data)
    assert (
        "Varnostni sosvet Mestne občine Ptuj Mestni trg 1, 2250 Ptuj "
        "e-naslov: ptuj@x.si, tel.: 02 748 29 00 "
        f"Številka: 0110-1/2024-5 Ptuj, {slovenian(timezone.localdate())} Zadeva:"
    ) in text
    assert f"Pripravil: Primož KOROŠAK {report.signs_as}" in text
    assert images_on_first_page(data) == [CREST_SIZE]
    assert in_one_family(font_families(data)), font_families(data)
    doc = TaggedPdf(data)
    assert [figure.alt for figure in doc.elements("Figure")] == [report.council.name]
    assert pdf_ua_problems(data, title=report.subject) == []


def test_the_adopted_report_is_dated_the_day_it_was_adopted(client, member, report, mandate):
    held = make_session(mandate, 1, days_ahead=-20, status=Session.Status.HELD)
    report_adopt(report, at_session=held, on=held.date, base_url="http://t/", by=None)
    data = download(client, member, report)
    text = text_of(data)
    assert f"Številka: 0110-1/2024-5 Ptuj, {slovenian(held.date)} Zadeva:" in text
    assert report.signs_as in text
    assert images_on_first_page(data) == [CREST_SIZE]
    doc = TaggedPdf(data)
    assert pdf_ua_problems(data, title=report.subject) == []
    assert (doc.xmp().get("pdfaid:part"), doc.xmp().get("pdfuaid:part")) == ("3", "1")
