"""The invitation and the minutes carry the council's letterhead (crest, name, address, e-mail,
telephone), the document's number, the place and date, and signatures with gendered titles; all
in one typeface family, and still PDF/UA. Read back from the PDFs the portal serves."""

import datetime
import io
import re

import pikepdf
import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from meetings import services
from meetings.models import Session
from members.models import Membership, Organization, Person
from tests.conftest import make_seat
from tests.meetings.factories import make_items, make_session
from tests.pdf_structure import TaggedPdf, pdf_ua_problems

pytestmark = pytest.mark.django_db

CREST_SIZE = (120, 144)
# A shield in a colour nothing else on the page has: rgb(17, 170, 85).
SVG_CREST = b"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 48" width="40" height="48">
  <path d="M2 2h36v26c0 10-8 16-18 18C10 44 2 38 2 28z" fill="#11aa55" stroke="#000"/>
</svg>"""
SVG_FILL = (17 / 255, 170 / 255, 85 / 255)

# (chair: name, gender, function; secretary: name, gender) and the titles they sign with.
OFFICERS = {
    "chair a woman, secretary a man": (
        ("Nuška", "Gajšek", Person.Gender.FEMALE, "županja Mestne občine Ptuj"),
        ("Primož", "KOROŠAK", Person.Gender.MALE, ""),
        "Nuška Gajšek, županja Mestne občine Ptuj predsednica varnostnega sosveta",
        "Primož KOROŠAK tajnik varnostnega sosveta",
    ),
    "chair a man, secretary a woman": (
        ("Janez", "Novak", Person.Gender.MALE, "župan"),
        ("Petra", "Horvat", Person.Gender.FEMALE, "svetovalka za varnost"),
        "Janez Novak, župan predsednik varnostnega sosveta",
        "Petra Horvat, svetovalka za varnost tajnica varnostnega sosveta",
    ),
}


def png_crest(size=CREST_SIZE):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 0, 0)).save(buffer, format="PNG")
    return buffer.getvalue()


def slovenian(day):
    return f"{day.day}. {day.month}. {day.year}"


def text_of(data):
    """The words of every page, whatever the lines."""
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split()
    )


def images_on_first_page(data):
    with pikepdf.open(io.BytesIO(data)) as pdf:
        xobjects = pdf.pages[0].Resources.get("/XObject", {})
        return [
            (int(x.Width), int(x.Height))
            for x in xobjects.values()
            if x.get("/Subtype") == "/Image"
        ]


def figure_fill_colours(data):
    """The fill colours set inside the first page's figures (a drawn SVG sets its own)."""
    colours, depth = [], 0
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for instruction in pikepdf.parse_content_stream(pdf.pages[0]):
            operator = str(instruction.operator)
            if operator == "BDC" and str(instruction.operands[0]) == "/Figure":
                depth = 1
            elif depth and operator in ("BDC", "BMC"):
                depth += 1
            elif depth and operator == "EMC":
                depth -= 1
            elif depth and operator == "rg":
                colours.append(tuple(round(float(v), 3) for v in instruction.operands))
    return colours


def font_families(data):
    """The base names of every font on every page, without the subset prefix."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return {
            str(font.BaseFont).split("+")[-1]
            for page in pdf.pages
            for font in page.Resources.Font.values()
        }


def in_one_family(fonts):
    return bool(fonts) and all(re.fullmatch(r"DejaVu-Sans(-Bold)?", name) for name in fonts)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def letterhead(council):
    council.place = "Ptuj"
    council.address = "Mestni trg 1, 2250 Ptuj"
    council.phone = "02 748 29 00"
    council.save()
    return council


def seat_officers(council, mandate, chair, secretary):
    city = Organization.objects.create(council=council, name="Mestna občina")
    for (first, last, gender, function), role in (
        (chair, Membership.Role.CHAIR),
        (secretary, Membership.Role.SECRETARY),
    ):
        person = Person.objects.create(
            council=council, first_name=first, last_name=last, gender=gender
        )
        make_seat(mandate, person, city, role=role, function_title=function)


@pytest.fixture(params=OFFICERS, ids=list(OFFICERS))
def officers(request, letterhead, mandate):
    chair, secretary, chair_signs, secretary_signs = OFFICERS[request.param]
    seat_officers(letterhead, mandate, chair, secretary)
    return chair_signs, secretary_signs


@pytest.fixture
def convened(mandate):
    """Convened two days ago, with its number."""
    session = make_session(mandate, 2, invitation_number="0110-1/2024-3")
    make_items(session, "Informacija o varnostnih pojavih")
    session.status = Session.Status.CONVENED
    session.convened_at = timezone.now() - datetime.timedelta(days=2)
    session.save()
    return session


@pytest.fixture
def held(mandate):
    session = make_session(
        mandate, 3, days_ahead=-10, status=Session.Status.HELD, minutes_number="0110-1/2024-4"
    )
    make_items(session, "Poročilo PP Ptuj")
    return session


def download(client, user, name, session):
    client.force_login(user)
    address = reverse(f"meetings:{name}", kwargs={"council": "ptuj", "pk": session.pk})
    response = client.get(address)
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_invitation_carries_the_letterhead_its_number_place_date_and_the_chairs_title(
    client, member, letterhead, officers, convened
):
    chair_signs, _secretary_signs = officers
    text = text_of(download(client, member, "invitation_pdf", convened))
    sent_on = timezone.localtime(convened.convened_at).date()
    assert text.startswith(
        "Varnostni sosvet Mestne občine Ptuj Mestni trg 1, 2250 Ptuj "
        "e-naslov: ptuj@x.si, tel.: 02 748 29 00 "
        f"Številka: 0110-1/2024-3 Ptuj, {slovenian(sent_on)} "
        "Zadeva: Vabilo na 2. sejo varnostnega sosveta"
    )
    assert f"S spoštovanjem, {chair_signs}" in text


def test_minutes_carry_the_letterhead_their_number_and_both_signatures(
    client, member, letterhead, officers, held
):
    chair_signs, secretary_signs = officers
    text = text_of(download(client, member, "minutes_pdf", held))
    assert f"Številka: 0110-1/2024-4 Ptuj, {slovenian(held.date)} Zapisnik 3. seje" in text
    assert "Mestni trg 1, 2250 Ptuj e-naslov: ptuj@x.si, tel.: 02 748 29 00" in text
    # At the end, the secretary who kept them, then the chair.
    assert f"zapisnik še ni potrjen. {secretary_signs} {chair_signs}" in text


def test_a_document_without_a_number_or_signatories_still_reads_as_a_letter(
    client, member, council, mandate
):
    session = make_session(mandate, 4)
    text = text_of(download(client, member, "invitation_pdf", session))
    assert "Številka" not in text
    # The council records no place, and "Mestne občine Ptuj" is no municipality's name to
    # take a town from: the date stands alone.
    assert f"{slovenian(timezone.localdate())} Zadeva: Vabilo" in text
    assert "S spoštovanjem, Varnostni sosvet Mestne občine Ptuj" in text


@pytest.mark.parametrize("name", ["invitation_pdf", "minutes_pdf"])
def test_an_uploaded_png_crest_is_in_the_document_with_the_council_as_its_text(
    client, member, letterhead, convened, held, name
):
    letterhead.crest.save("grb.png", ContentFile(png_crest()))
    data = download(client, member, name, convened if name == "invitation_pdf" else held)
    assert images_on_first_page(data) == [CREST_SIZE]
    doc = TaggedPdf(data)
    (figure,) = doc.elements("Figure")
    assert figure.alt == "Varnostni sosvet Mestne občine Ptuj"
    title = doc.title
    assert pdf_ua_problems(data, title=title) == []
    assert doc.xmp().get("pdfuaid:part") == "1"
    assert doc.headings()[0][0] == 1  # the letterhead adds no heading before the subject


def test_a_clean_svg_crest_is_drawn_in_the_document(client, member, letterhead, held):
    letterhead.crest.save("grb.svg", ContentFile(SVG_CREST))
    data = download(client, member, "minutes_pdf", held)
    assert images_on_first_page(data) == []  # drawn as vectors, not a picture
    assert tuple(round(v, 3) for v in SVG_FILL) in figure_fill_colours(data)
    doc = TaggedPdf(data)
    assert [figure.alt for figure in doc.elements("Figure")] == [
        "Varnostni sosvet Mestne občine Ptuj"
    ]
    assert pdf_ua_problems(data, title=doc.title) == []


def test_approved_minutes_keep_the_crest_in_their_pdf_a_file(
    client, member, letterhead, officers, held, mandate
):
    letterhead.crest.save("grb.png", ContentFile(png_crest()))
    later = make_session(mandate, 4, days_ahead=-1, status=Session.Status.HELD)
    services.minutes_approve(held, at_session=later, on=later.date, base_url="http://t/")
    # Replacing the crest later changes nothing in the kept file.
    letterhead.crest.delete(save=True)
    data = download(client, member, "minutes_pdf", held)
    assert images_on_first_page(data) == [CREST_SIZE]
    doc = TaggedPdf(data)
    assert pdf_ua_problems(data, title=doc.title) == []
    assert (doc.xmp().get("pdfaid:part"), doc.xmp().get("pdfuaid:part")) == ("3", "1")
    assert "Številka: 0110-1/2024-4" in text_of(data)


def test_a_crest_whose_file_is_gone_leaves_the_letter_without_it(client, member, letterhead, held):
    letterhead.crest.save("grb.png", ContentFile(png_crest()))
    letterhead.crest.storage.delete(letterhead.crest.name)
    data = download(client, member, "minutes_pdf", held)
    assert images_on_first_page(data) == []
    assert text_of(data).startswith("Varnostni sosvet Mestne občine Ptuj")


@pytest.mark.parametrize("name", ["invitation_pdf", "minutes_pdf"])
def test_the_documents_use_one_typeface_family(client, member, letterhead, convened, held, name):
    data = download(client, member, name, convened if name == "invitation_pdf" else held)
    assert in_one_family(font_families(data)), font_families(data)
