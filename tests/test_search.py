"""One search box over the sessions, agenda items, resolutions, materials' names and annual
reports of the councils the login may see, without regard to case or diacritics."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import AgendaItem, Material, Resolution, Session
from members.models import CouncilAccess, Mandate
from reports.drafting import report_start
from tests.meetings.factories import make_items, make_session

pytestmark = pytest.mark.django_db


def search(client, query):
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def found(page):
    """The titles of the results, in order."""
    return re.findall(r'<a href="[^"]*">([^<]*)</a>\s*<div class="text-body-secondary', page)


def mandate_of(council, *, like):
    return Mandate.objects.create(council=council, starts_on=like.starts_on, ends_on=like.ends_on)


@pytest.fixture
def ptuj(mandate, police):
    """A held session with an item, a resolution and a material about Črnomelj, a withdrawn
    item, and a draft report."""
    session = make_session(mandate, 1, days_ahead=-5, status=Session.Status.HELD,
                           place="Sejna soba v Ormožu")  # fmt: skip
    item, withdrawn = make_items(session, "Prometna varnost v občini Črnomelj", "Umaknjen Črnomelj")
    AgendaItem.objects.filter(pk=withdrawn.pk).update(withdrawn=True)
    Resolution.objects.create(session=session, item=item, number=1, responsible=police,
                              text="Sosvet predlaga semafor pri Šolski ulici")  # fmt: skip
    Material.objects.create(item=item, file=SimpleUploadedFile("a.pdf", b"%PDF-1.4"), size=8,
                            original_name="Analiza ČRNOMELJ 2024.pdf",
                            content_type="application/pdf")  # fmt: skip
    draft = report_start(mandate.council, 2024)
    draft.subject = "Poročilo o delu sosveta za Črnomelj"
    draft.save()
    return {"session": session, "item": item, "draft": draft}


@pytest.mark.parametrize("query", ["crnomelj", "CRNOMELJ", "Črnomelj", "črnomelj"])
def test_finds_without_regard_to_diacritics_or_case(client, secretary, ptuj, query):
    client.force_login(secretary)
    titles = found(search(client, query))
    assert "Prometna varnost v občini Črnomelj" in titles
    assert "Analiza ČRNOMELJ 2024.pdf" in titles
    assert "Poročilo o delu sosveta za Črnomelj" in titles  # the secretary sees drafts
    assert "Umaknjen Črnomelj" not in titles  # withdrawn: not on the session page either


def test_every_word_must_match_and_words_may_be_cut_short(client, secretary, ptuj):
    client.force_login(secretary)
    assert found(search(client, "semafor solsk")) == ["Sosvet predlaga semafor pri Šolski ulici"]
    assert found(search(client, "semafor crnomelj")) == []


def test_results_link_to_their_pages(client, member, ptuj):
    client.force_login(member)
    page = search(client, "prometna")
    session, item = ptuj["session"], ptuj["item"]
    address = reverse("meetings:session", kwargs={"council": "ptuj", "pk": session.pk})
    assert f'href="{address}#item-{item.pk}"' in page
    assert client.get(address).status_code == 200
    assert "1. seja" in page


def test_sessions_are_found_by_their_place(client, member, ptuj):
    client.force_login(member)
    assert "1. seja" in found(search(client, "ormozu"))


def test_member_does_not_find_drafts_the_mayors_office_does(client, member, mayors_office, ptuj):
    client.force_login(member)
    assert "Poročilo o delu sosveta za Črnomelj" not in found(search(client, "crnomelj"))
    client.force_login(mayors_office)
    titles = found(search(client, "crnomelj"))
    assert "Poročilo o delu sosveta za Črnomelj" in titles
    draft = ptuj["draft"]
    assert reverse("reports:report", kwargs={"council": "ptuj", "pk": draft.pk}) in search(
        client, "crnomelj"
    )


def test_secretary_of_another_council_finds_nothing_of_this_one(
    client, outsider, other_council, ptuj
):
    ormoz = mandate_of(other_council, like=ptuj["session"].mandate)
    session = make_session(ormoz, 1, days_ahead=-3, status=Session.Status.HELD)
    make_items(session, "Obisk v Črnomlju in Črnomelj")
    client.force_login(outsider)
    titles = found(search(client, "crnomelj"))
    assert titles == ["Obisk v Črnomlju in Črnomelj"]
    assert "Sosvet predlaga" not in search(client, "semafor")


def test_a_login_with_two_councils_finds_in_both_with_each_roles_rights(
    client, member_here_secretary_there, other_council, ptuj
):
    ormoz = mandate_of(other_council, like=ptuj["session"].mandate)
    draft = report_start(other_council, 2024)
    draft.subject = "Osnutek Črnomelj Ormož"
    draft.save()
    make_items(make_session(ormoz, 1), "Ormoška točka Črnomelj")
    client.force_login(member_here_secretary_there)
    page = search(client, "crnomelj")
    titles = found(page)
    assert "Ormoška točka Črnomelj" in titles and "Prometna varnost v občini Črnomelj" in titles
    assert "Osnutek Črnomelj Ormož" in titles  # a secretary there
    assert "Poročilo o delu sosveta za Črnomelj" not in titles  # a member here
    assert "Varnostni sosvet Občine Ormož" in page  # each result says whose it is


def test_a_login_without_a_role_finds_nothing(client, django_user_model, ptuj):
    client.force_login(django_user_model.objects.create_user("nihce", password="x" * 12))
    assert "Ni zadetkov." in search(client, "crnomelj")


def test_a_removed_role_takes_the_results_with_it(client, member, ptuj):
    client.force_login(member)
    assert found(search(client, "prometna"))
    CouncilAccess.objects.filter(user=member).delete()
    assert found(search(client, "prometna")) == []


def test_a_search_of_ten_thousand_characters_gets_a_message(client, member, ptuj):
    client.force_login(member)
    page = search(client, "crnomelj " * 1112)
    assert "Iskalni niz je predolg: uporabite največ 200 znakov" in page
    assert found(page) == []


@pytest.mark.parametrize("query", ["%", "_", "'\"&|!:*()", "crnomelj:* | !", "\\"])
def test_query_syntax_is_only_text(client, member, ptuj, query):
    client.force_login(member)
    page = search(client, query)
    if re.search(r"[^\W_]", query):
        assert "Prometna varnost v občini Črnomelj" in found(page)
    else:
        assert "Vpišite vsaj eno besedo iz črk ali številk." in page


def test_anonymous_visitors_are_sent_to_log_in(client, ptuj):
    response = client.get(reverse("search"), {"q": "crnomelj"})
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_search_box_is_in_the_header_for_logins_only(client, member, council):
    assert 'name="q"' not in client.get(reverse("login")).content.decode()
    client.force_login(member)
    page = client.get(reverse("dashboard", kwargs={"council": "ptuj"})).content.decode()
    assert f'action="{reverse("search")}"' in page and 'role="search"' in page


@pytest.mark.parametrize("size", [1, 8])
@pytest.mark.parametrize(("login", "queries"), [("secretary", 5), ("member", 5)])
def test_search_costs_the_same_however_much_it_finds(
    client, request, mandate, police, size, login, queries, django_assert_num_queries
):
    for number in range(1, size + 1):
        session = make_session(mandate, number, days_ahead=-number, status=Session.Status.HELD)
        (item,) = make_items(session, f"Črnomelj {number}")
        Resolution.objects.create(session=session, item=item, number=1, text="Črnomelj")
    client.force_login(request.getfixturevalue(login))
    # The session, the login, its device (or whether it needs one), the roles with their
    # councils, and one UNION over every kind.
    with django_assert_num_queries(queries):
        page = search(client, "crnomelj")
    assert len(found(page)) == 2 * size
