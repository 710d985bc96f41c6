"""The invitation as an official letter in PDF, read back with pypdf."""

import datetime
import io

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from meetings.models import AgendaItem, Session
from members.models import Membership, Organization, Person
from tests.conftest import make_seat

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(mandate):
    session = Session.objects.create(
        mandate=mandate,
        number=2,
        date=timezone.localdate() + datetime.timedelta(days=14),
        time=datetime.time(10, 0),
        place="Mestna hiša Ptuj, sejna soba",
    )
    AgendaItem.objects.create(
        session=session,
        position=1,
        title="Informacija o varnostnih pojavih",
        presenter_text="Načelnik PP Ptuj mag. Aleksander LUBEJ",
    )
    AgendaItem.objects.create(session=session, position=2, title="Plan dela za leto 2024")
    AgendaItem.objects.create(session=session, position=3, title="Umaknjena točka", withdrawn=True)
    return session


@pytest.fixture
def chair(council, mandate):
    """The mayor chairs the council, as the seed's signature reads."""
    mayor = Person.objects.create(
        council=council, first_name="Nuška", last_name="Gajšek", gender=Person.Gender.FEMALE
    )
    city = Organization.objects.create(council=council, name="Mestna občina Ptuj")
    return make_seat(
        mandate,
        mayor,
        city,
        role=Membership.Role.CHAIR,
        function_title="županja Mestne občine Ptuj",
    )


def pdf_url(session):
    return reverse("meetings:invitation_pdf", kwargs={"council": "ptuj", "pk": session.pk})


def read(response):
    return PdfReader(io.BytesIO(response.content))


def text_of(reader):
    # Line breaks fall wherever the layout puts them; compare words, not lines.
    return " ".join("\n".join(page.extract_text() for page in reader.pages).split())


def test_invitation_pdf_reads_as_a_letter(client, member, session, chair):
    client.force_login(member)
    response = client.get(pdf_url(session))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="vabilo-2-seja.pdf"'
    text = text_of(read(response))
    day = session.date
    assert "Varnostni sosvet Mestne občine Ptuj" in text
    assert "e-naslov: ptuj@x.si" in text
    assert "Zadeva: Vabilo na 2. sejo varnostnega sosveta" in text
    assert "Spoštovani," in text
    assert f"{day.day}. {day.month}. {day.year}" in text
    assert "Ura: 10.00" in text
    assert "Kraj: Mestna hiša Ptuj, sejna soba" in text
    assert "Predlog dnevnega reda:" in text
    first = text.index("Informacija o varnostnih pojavih (poroča: Načelnik PP Ptuj mag. Aleksander")
    assert first < text.index("Plan dela za leto 2024")
    assert "Umaknjena točka" not in text
    assert "Nuška Gajšek, županja Mestne občine Ptuj predsednica varnostnega sosveta" in text


def test_invitation_pdf_is_a4_with_title_author_and_language(client, member, session, chair):
    client.force_login(member)
    reader = read(client.get(pdf_url(session)))

    assert reader.metadata.title == "Vabilo na 2. sejo varnostnega sosveta"
    assert reader.metadata.author == "Varnostni sosvet Mestne občine Ptuj"
    assert reader.trailer["/Root"]["/Lang"] == "sl-SI"
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_invitation_pdf_embeds_its_fonts(client, member, session, chair):
    client.force_login(member)
    reader = read(client.get(pdf_url(session)))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for font in fonts.values():
        font = font.get_object()
        descriptor = (font.get("/DescendantFonts") or [font])[0].get_object()["/FontDescriptor"]
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_letter_stays_slovenian_for_a_user_who_reads_the_portal_in_english(
    client, member, session, chair
):
    client.force_login(member)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = text_of(read(client.get(pdf_url(session))))
    assert "Vabilo na 2. sejo" in text


def test_mayors_office_can_download_the_invitation(client, mayors_office, session):
    client.force_login(mayors_office)
    assert client.get(pdf_url(session)).status_code == 200


def test_invitation_pdf_of_another_council_is_404(client, outsider, session):
    client.force_login(outsider)
    assert client.get(pdf_url(session)).status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(client, session):
    response = client.get(pdf_url(session))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
