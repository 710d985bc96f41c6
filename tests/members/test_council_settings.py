"""The council's settings page: the secretary keeps the letterhead (crest, address, e-mail,
telephone, the place documents are dated from); a crest is checked by its content, and a
refused file leaves nothing behind."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from members.models import Council
from tests.conftest import make_superuser
from tests.members.test_access_management import _admin_inline_data

pytestmark = pytest.mark.django_db

URL = reverse("members:council_settings", kwargs={"council": "ptuj"})

CLEAN_SVG = b"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     viewBox="0 0 40 48" width="40" height="48">
  <title>Grb</title>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#c00"/></linearGradient></defs>
  <path id="shield" d="M2 2h36v26c0 10-8 16-18 18C10 44 2 38 2 28z" fill="url(#g)"/>
  <use xlink:href="#shield" fill="none" stroke="#000"/>
</svg>"""

# As a drawing program exports it: a document type naming the SVG DTD (never fetched), a style.
EXPORTED_SVG = b"""<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 24.0.0, SVG Export Plug-In -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg version="1.1" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 120" xml:space="preserve">
<style type="text/css">.st0{fill:#C8102E;}</style>
<path class="st0" d="M0,0h100v80c0,20-50,40-50,40S0,100,0,80V0z"/>
</svg>"""

# (what is wrong, file name, content, a phrase the Slovenian message says)
REFUSED = [
    ("text renamed .png", "grb.png", b"To ni slika, le besedilo.\n", "ni slika PNG"),
    (
        "script",
        "grb.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "vsebuje skript",
    ),
    (
        "event handler",
        "grb.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1"/></svg>',
        "onload",
    ),
    (
        "outside reference",
        "grb.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        b'<image xlink:href="https://example.com/grb.png" width="9" height="9"/></svg>',
        "https://example.com/grb.png",
    ),
    (
        "outside reference in a style",
        "grb.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9" '
        b'style="fill: url(http://example.com/p.svg#x)"/></svg>',
        "http://example.com/p.svg#x",
    ),
    (
        "foreign object",
        "grb.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject width="9" height="9">'
        b'<p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject></svg>',
        "foreignObject",
    ),
    (
        "entities (a billion laughs)",
        "grb.svg",
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>',
        "entitete",
    ),
    ("not SVG", "grb.svg", b"<html><body>grb</body></html>", "ni slika SVG"),
    ("not XML", "grb.svg", b"GIF89a\x01\x00", "ni slika SVG"),
    ("neither PNG nor SVG", "grb.gif", b"GIF89a\x01\x00\x01\x00", "PNG ali SVG"),
]


def png_bytes(size=(60, 72), color=(200, 0, 0)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(root):
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


def form(council, **changes):
    data = {
        "name": council.name,
        "name_genitive": council.name_genitive,
        "municipality": council.municipality,
        "place": council.place,
        "address": council.address,
        "email": council.email,
        "phone": council.phone,
        "convocation_days": council.convocation_days,
        "seen_version": council.lock_version,
    }
    return {**data, **changes}


def test_secretary_sets_the_letterhead(client, secretary, council):
    client.force_login(secretary)
    response = client.post(
        URL,
        form(
            council,
            address="Mestni trg 1, 2250 Ptuj",
            phone="02 748 29 00",
            place="Ptuj",
            crest=SimpleUploadedFile("grb.png", png_bytes()),
        ),
    )
    assert response.status_code == 302
    council.refresh_from_db()
    assert (council.address, council.phone, council.place) == (
        "Mestni trg 1, 2250 Ptuj",
        "02 748 29 00",
        "Ptuj",
    )
    assert council.crest.name.startswith("crests/") and council.crest.name.endswith(".png")
    assert default_storage.open(council.crest.name).read() == png_bytes()
    page = client.get(URL).content.decode()
    assert "Nastavitve sosveta so shranjene." in page
    assert f'alt="{council.name}"' in page  # the crest as it stands, shown to the secretary


@pytest.mark.parametrize("svg", [CLEAN_SVG, EXPORTED_SVG], ids=["clean", "as exported"])
def test_a_clean_svg_crest_is_accepted(client, secretary, council, svg):
    client.force_login(secretary)
    response = client.post(URL, form(council, crest=SimpleUploadedFile("grb.svg", svg)))
    assert response.status_code == 302
    council.refresh_from_db()
    assert council.crest.name.endswith(".svg")
    assert default_storage.open(council.crest.name).read() == svg


@pytest.mark.parametrize(
    "name, content, phrase", [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED]
)
def test_a_crest_that_is_not_a_clean_image_is_refused_and_nothing_is_saved(
    client, secretary, council, media_root, name, content, phrase
):
    client.force_login(secretary)
    response = client.post(
        URL, form(council, address="Novi naslov 1", crest=SimpleUploadedFile(name, content))
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["crest"]
    assert any(phrase in error for error in errors), errors
    assert phrase in response.content.decode()
    council.refresh_from_db()
    assert not council.crest and council.address == ""
    assert stored_files(media_root) == []


def test_a_crest_larger_than_the_limit_is_refused(client, secretary, council, media_root):
    client.force_login(secretary)
    large = png_bytes() + b"\0" * (1024 * 1024)
    response = client.post(URL, form(council, crest=SimpleUploadedFile("grb.png", large)))
    assert "grb ima lahko največ 1,0\xa0MB" in " ".join(response.context["form"].errors["crest"])
    assert stored_files(media_root) == []


def test_a_png_of_too_many_pixels_is_refused(client, secretary, council, media_root):
    client.force_login(secretary)
    huge = png_bytes(size=(5000, 10), color=(0, 0, 0))
    response = client.post(URL, form(council, crest=SimpleUploadedFile("grb.png", huge)))
    assert "5000 × 10" in " ".join(response.context["form"].errors["crest"])
    assert stored_files(media_root) == []


def test_a_new_crest_replaces_the_old_file(
    client, secretary, council, media_root, django_capture_on_commit_callbacks
):
    client.force_login(secretary)
    client.post(URL, form(council, crest=SimpleUploadedFile("grb.png", png_bytes())))
    council.refresh_from_db()
    first = council.crest.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, form(council, crest=SimpleUploadedFile("grb.svg", CLEAN_SVG)))
    council.refresh_from_db()
    assert council.crest.name != first
    assert not default_storage.exists(first)
    assert stored_files(media_root) == [council.crest.name.removeprefix("crests/")]


def test_the_crest_can_be_removed(
    client, secretary, council, media_root, django_capture_on_commit_callbacks
):
    client.force_login(secretary)
    client.post(URL, form(council, crest=SimpleUploadedFile("grb.png", png_bytes())))
    council.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, form(council, **{"crest-clear": "on"}))
    council.refresh_from_db()
    assert not council.crest
    assert stored_files(media_root) == []


def test_an_address_other_than_an_e_mail_is_refused(client, secretary, council):
    client.force_login(secretary)
    response = client.post(URL, form(council, email="ni-naslov"))
    assert response.status_code == 200
    assert Council.objects.get(pk=council.pk).email == council.email


def test_only_the_secretary_sees_the_settings_tab(client, secretary, member, council):
    for user, shown in ((secretary, True), (member, False)):
        client.force_login(user)
        page = client.get(reverse("members:roster", kwargs={"council": "ptuj"})).content.decode()
        assert (f'href="{URL}"' in page) is shown


@pytest.mark.parametrize(
    "persona, status", [("member", 403), ("mayors_office", 403), ("outsider", 404)]
)
def test_nobody_but_the_secretary_changes_the_settings(client, request, council, persona, status):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(URL, form(council, address="Drugje 5"))
    assert response.status_code == status
    assert Council.objects.get(pk=council.pk).address == ""


def test_two_secretaries_saving_at_once_do_not_overwrite_each_other(client, secretary, council):
    client.force_login(secretary)
    opened = form(council)
    assert client.post(URL, {**opened, "address": "Prvi naslov 1"}).status_code == 302
    response = client.post(URL, {**opened, "address": "Drugi naslov 2"})
    assert response.status_code == 200
    assert "Nekdo drug" in response.content.decode()
    assert Council.objects.get(pk=council.pk).address == "Prvi naslov 1"


def test_settings_page_query_count_is_fixed(client, secretary, council, django_assert_num_queries):
    client.force_login(secretary)
    client.post(URL, form(council, crest=SimpleUploadedFile("grb.png", png_bytes())))
    # The session, the login with its role and the council, the device that verified this
    # session.
    with django_assert_num_queries(3):
        response = client.get(URL)
    assert response.status_code == 200


def test_the_admin_checks_the_crest_as_the_settings_page_does(
    client, secretary, council, media_root
):
    client.force_login(make_superuser())
    access = secretary.council_accesses.get()
    data = _admin_inline_data(council, access)
    data["crest"] = SimpleUploadedFile("grb.svg", REFUSED[1][2])  # the one with a script
    response = client.post(reverse("admin:members_council_change", args=[council.pk]), data)
    assert response.status_code == 200
    assert "Slika SVG vsebuje skript" in response.content.decode()
    council.refresh_from_db()
    assert not council.crest
    assert stored_files(media_root) == []
