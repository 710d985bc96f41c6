"""The secretary's Dostopi page: inviting people, the set-password link, roles and revoking."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from members import roles
from members.models import CouncilAccess, Person
from tests.conftest import log_in, make_seat, make_superuser, make_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Nov0-geslo-za-portal"


def url(name, **kwargs):
    return reverse(f"members:{name}", kwargs={"council": "ptuj", **kwargs})


def make_person(council, first_name="Ana", last_name="NOVAK", email="ana.novak@ptuj.si", **extra):
    return Person.objects.create(
        council=council,
        first_name=first_name,
        last_name=last_name,
        gender=Person.Gender.FEMALE,
        email=email,
        **extra,
    )


@pytest.fixture
def ana(council):
    return make_person(council)


@pytest.fixture
def as_secretary(client, secretary):
    client.force_login(secretary)
    return client


def invite(client, person, role="member"):
    return client.post(url("access_invite", pk=person.pk), {"role": role}, follow=True)


def link_in(message):
    return re.search(r"https?://\S+/racun/nastavi-geslo/\S+/", message.body).group(0)


def set_password(client, link, password=NEW_PASSWORD):
    """Follow the link as a browser would (Django moves the token into the session first)."""
    form_page = client.get(link, follow=True)
    if not form_page.context["validlink"]:
        return form_page
    return client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": password, "new_password2": password},
        follow=True,
    )


def test_access_page_shows_each_persons_login_state_role_and_last_login(
    as_secretary, council, django_user_model, ana
):
    make_person(council, "Brez", "DOSTOPA", email="")
    invited = make_person(council, "Vabljen", "ČLAN", email="vabljen@ptuj.si")
    invited.user = django_user_model.objects.create_user("vabljen@ptuj.si")  # no password
    invited.save()
    CouncilAccess.objects.create(council=council, user=invited.user, role=roles.MEMBER)
    disabled = make_person(council, "Onemogočen", "KABINET", email="k@ptuj.si")
    disabled.user = make_user(django_user_model, "kabinet-ptuj", roles.MAYORS_OFFICE, council)
    disabled.user.is_active = False
    disabled.user.save()
    disabled.save()
    ana.user = make_user(django_user_model, "ana", roles.MEMBER, council)
    ana.user.last_login = timezone.now()
    ana.user.save()
    ana.save()

    page = as_secretary.get(url("access_list")).content.decode()

    rows = {name: _row(page, name) for name in ("Ana", "Brez", "Vabljen", "Onemogočen")}
    assert "brez dostopa" in rows["Brez"] and "Ni e-poštnega naslova." in rows["Brez"]
    assert "povabljena" in rows["Vabljen"] and "nikoli" in rows["Vabljen"]
    assert "Pošlji znova" in rows["Vabljen"]
    assert "onemogočena" in rows["Onemogočen"]
    assert 'value="mayors_office" selected' in rows["Onemogočen"]
    assert "aktivna" in rows["Ana"] and "nikoli" not in rows["Ana"]
    assert 'value="member" selected' in rows["Ana"]
    # The secretary's own login is nobody's person here: listed apart, with its role.
    assert "tajnica" in page.split("Druge prijave z vlogo v tem sosvetu")[-1]


def _row(page, first_name):
    return re.search(rf"<tr>\s*<th scope=\"row\">{first_name}.*?</tr>", page, re.S).group(0)


def test_access_page_is_linked_in_the_navigation_for_the_secretary_only(
    client, secretary, member, mandate
):
    client.force_login(secretary)
    assert url("access_list") in client.get(url("roster")).content.decode()
    client.force_login(member)
    assert url("access_list") not in client.get(url("roster")).content.decode()
    assert client.get(url("access_list")).status_code == 403


def test_invitation_creates_the_login_and_role_and_its_link_sets_the_password(
    as_secretary, client, council, ana
):
    response = invite(as_secretary, ana)

    assert "Vabilo je poslano na ana.novak@ptuj.si" in response.content.decode()
    ana.refresh_from_db()
    login = ana.user
    assert login.username == "ana.novak@ptuj.si" and not login.has_usable_password()
    assert CouncilAccess.objects.get(council=council, user=login).role == roles.MEMBER
    (message,) = mail.outbox
    assert message.to == ["ana.novak@ptuj.si"]
    assert message.subject == "Vabilo na portal Varnostni sosvet Mestne občine Ptuj"
    assert "Vaše uporabniško ime je ana.novak@ptuj.si" in message.body

    as_secretary.logout()
    done = set_password(client, link_in(message))
    assert "Geslo je nastavljeno" in done.content.decode()
    assert done.redirect_chain[-1][0] == reverse("login")
    assert log_in(client, "ana.novak@ptuj.si", NEW_PASSWORD)
    assert client.get(url("roster")).status_code in (200, 302)
    assert client.get(reverse("home")).url == reverse("dashboard", kwargs={"council": "ptuj"})


def test_a_used_link_is_refused_with_what_to_do(as_secretary, client, ana):
    invite(as_secretary, ana)
    link = link_in(mail.outbox[0])
    as_secretary.logout()
    set_password(client, link)

    again = set_password(client, link, password="Drugo-geslo-2025")

    page = again.content.decode()
    assert "Ta povezava ni več veljavna" in page
    assert "Prosite tajnika svojega sosveta" in page
    assert log_in(client, "ana.novak@ptuj.si", NEW_PASSWORD)


def test_an_expired_link_is_refused(as_secretary, client, ana, settings):
    invite(as_secretary, ana)
    as_secretary.logout()
    settings.PASSWORD_RESET_TIMEOUT = -1  # every link is older than this

    page = set_password(client, link_in(mail.outbox[0])).content.decode()

    assert "Ta povezava ni več veljavna" in page
    ana.refresh_from_db()
    assert not ana.user.has_usable_password()


def test_send_again_sends_a_fresh_link_and_voids_the_first(as_secretary, client, council, ana):
    invite(as_secretary, ana)
    access = CouncilAccess.objects.get(council=council, user__username="ana.novak@ptuj.si")

    response = as_secretary.post(url("access_resend", pk=access.pk), follow=True)

    assert "prejšnja povezava ne deluje več" in response.content.decode()
    first, second = mail.outbox
    as_secretary.logout()
    assert "Ta povezava ni več veljavna" in set_password(client, link_in(first)).content.decode()
    assert "Geslo je nastavljeno" in set_password(client, link_in(second)).content.decode()


def test_address_of_a_login_from_another_council_gets_the_role_and_a_notice(
    as_secretary, django_user_model, council, other_council
):
    chief = make_user(django_user_model, "lubej", roles.MEMBER, other_council)
    person = make_person(council, "Aleksander", "LUBEJ", email="LUBEJ@example.com")
    logins = django_user_model.objects.count()

    response = invite(as_secretary, person, role="mayors_office")

    assert "že ima prijavo" in response.content.decode()
    assert django_user_model.objects.count() == logins
    person.refresh_from_db()
    assert person.user == chief
    assert chief.council_accesses.get(council=council).role == roles.MAYORS_OFFICE
    (notice,) = mail.outbox
    assert notice.to == ["LUBEJ@example.com"]
    assert "nastavi-geslo" not in notice.body
    assert "z obstoječim geslom" in notice.body


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("no_email", "nima e-poštnega naslova"),
        ("disabled_login", "je onemogočena"),
        ("already_here", "že ima vlogo v tem sosvetu"),
        ("bad_role", "Izberite eno od vlog."),
    ],
)
def test_bad_invitations_say_why_and_change_nothing(
    as_secretary, django_user_model, council, ana, setup, message
):
    role = "member"
    if setup == "no_email":
        ana.email = ""
        ana.save()
    elif setup == "disabled_login":
        make_user(django_user_model, "ana.novak@ptuj.si", is_active=False)
    elif setup == "already_here":
        make_user(django_user_model, "ana.novak@ptuj.si", roles.MEMBER, council)
    else:
        role = "admin"
    accesses, logins = CouncilAccess.objects.count(), django_user_model.objects.count()

    response = invite(as_secretary, ana, role=role)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert (CouncilAccess.objects.count(), django_user_model.objects.count()) == (accesses, logins)
    ana.refresh_from_db()
    assert ana.user is None
    assert mail.outbox == []


def test_secretary_changes_a_role(as_secretary, member, council):
    access = member.council_accesses.get()

    response = as_secretary.post(
        url("access_change_role", pk=access.pk), {"role": "mayors_office"}, follow=True
    )

    assert "je zdaj kabinet župana" in response.content.decode()
    access.refresh_from_db()
    assert access.role == roles.MAYORS_OFFICE


def test_revoking_asks_first_and_the_logins_next_request_is_refused(
    client, secretary, member, mandate
):
    access = member.council_accesses.get()
    member_client = client.__class__()
    member_client.force_login(member)
    assert member_client.get(url("roster")).status_code == 200
    client.force_login(secretary)

    question = client.get(url("access_revoke", pk=access.pk)).content.decode()
    assert "ne more več odpreti nobene strani tega sosveta" in question
    assert CouncilAccess.objects.filter(pk=access.pk).exists()
    response = client.post(url("access_revoke", pk=access.pk), {"confirmed": "1"}, follow=True)

    assert "nima več dostopa do tega sosveta" in response.content.decode()
    assert member_client.get(url("roster")).status_code == 404


LAST = "To je zadnji tajnik sosveta"


def test_the_last_secretary_cannot_be_demoted_or_revoked_on_the_page(as_secretary, secretary):
    access = secretary.council_accesses.get()

    demoted = as_secretary.post(url("access_change_role", pk=access.pk), {"role": "member"})
    revoked = as_secretary.post(url("access_revoke", pk=access.pk), {"confirmed": "1"})

    assert demoted.status_code == revoked.status_code == 302
    page = as_secretary.get(url("access_list")).content.decode()
    assert page.count(LAST) == 2
    access.refresh_from_db()
    assert access.role == roles.SECRETARY


def test_with_a_second_secretary_the_first_may_step_down(
    as_secretary, secretary, django_user_model, council
):
    make_user(django_user_model, "druga-tajnica", roles.SECRETARY, council)
    access = secretary.council_accesses.get()

    as_secretary.post(url("access_change_role", pk=access.pk), {"role": "member"})

    access.refresh_from_db()
    assert access.role == roles.MEMBER


def test_the_last_secretary_guard_holds_in_the_shell_too(secretary):
    from django.core.exceptions import ValidationError

    access = secretary.council_accesses.get()
    access.role = roles.MEMBER
    with pytest.raises(ValidationError, match=LAST):
        access.save()
    with pytest.raises(ValidationError, match=LAST):
        CouncilAccess.objects.get(pk=access.pk).delete()
    assert CouncilAccess.objects.get(pk=access.pk).role == roles.SECRETARY


def _admin_inline_data(council, access, **changes):
    data = {
        "name": council.name,
        "slug": council.slug,
        "municipality": council.municipality,
        "email": council.email,
        "convocation_days": "7",
        "accesses-TOTAL_FORMS": "1",
        "accesses-INITIAL_FORMS": "1",
        "accesses-MIN_NUM_FORMS": "0",
        "accesses-MAX_NUM_FORMS": "1000",
        "accesses-0-id": str(access.pk),
        "accesses-0-council": str(council.pk),
        "accesses-0-user": str(access.user_id),
        "accesses-0-role": access.role,
    }
    data.update({f"accesses-0-{key}": value for key, value in changes.items()})
    return data


@pytest.mark.parametrize("change", [{"role": "member"}, {"DELETE": "on"}])
def test_the_admin_refuses_to_remove_or_demote_the_last_secretary(
    client, django_user_model, council, secretary, change
):
    client.force_login(make_superuser())
    address = reverse("admin:members_council_change", args=[council.pk])
    access = secretary.council_accesses.get()

    response = client.post(address, _admin_inline_data(council, access, **change))

    assert response.status_code == 200
    assert LAST in response.content.decode()
    assert CouncilAccess.objects.get(pk=access.pk).role == roles.SECRETARY


def test_ending_a_membership_offers_to_revoke_the_login(
    as_secretary, django_user_model, council, mandate, police, ana
):
    ana.user = make_user(django_user_model, "ana", roles.MEMBER, council)
    ana.save()
    seat = make_seat(mandate, ana, police)
    day = mandate.roster_day().isoformat()

    response = as_secretary.post(
        url("membership_end", pk=seat.pk),
        {"ends_on": day, "seen_version": "0", "confirmed": "1"},
        follow=True,
    )

    page = response.content.decode()
    assert "Članstvo je zaključeno." in page
    revoke = url("access_revoke", pk=ana.user.council_accesses.get().pk)
    assert f'<a href="{revoke}">Odvzemi dostop</a>' in page
    assert ana.user.council_accesses.exists()  # offered, not done


def test_ending_a_membership_without_a_login_offers_nothing(as_secretary, mandate, police, ana):
    seat = make_seat(mandate, ana, police)
    day = mandate.roster_day().isoformat()
    response = as_secretary.post(
        url("membership_end", pk=seat.pk),
        {"ends_on": day, "seen_version": "0", "confirmed": "1"},
        follow=True,
    )
    assert "Odvzemi dostop" not in response.content.decode()


def test_access_history_says_who_did_what(as_secretary, member):
    access = member.council_accesses.get()
    as_secretary.post(url("access_change_role", pk=access.pk), {"role": "mayors_office"})
    as_secretary.post(url("access_revoke", pk=access.pk), {"confirmed": "1"})

    page = as_secretary.get(url("access_list")).content.decode()
    history = " ".join(page.split("Zgodovina dostopov")[-1].split())

    assert "tajnica: odvzem dostopa prijavi clan (kabinet župana)" in history
    assert "tajnica: sprememba vloge prijave clan v kabinet župana" in history
    record = access.history.filter(history_type="-").get()
    assert record.history_user.username == "tajnica"


def test_access_page_reads_with_a_fixed_number_of_queries(
    as_secretary, council, django_user_model, django_assert_max_num_queries
):
    for number in range(5):
        person = make_person(council, f"Oseba{number}", "X", email=f"o{number}@ptuj.si")
        person.user = make_user(django_user_model, f"o{number}", roles.MEMBER, council)
        person.save()
    with django_assert_max_num_queries(12):
        assert as_secretary.get(url("access_list")).status_code == 200


def test_login_without_password_cannot_use_forgotten_password_but_is_told(client, ana):
    """Django's reset skips logins without a password; the invalid-link page sends them to the
    secretary instead."""
    page = client.get(
        reverse("set_password", kwargs={"uidb64": "MQ", "token": "x-y"})
    ).content.decode()
    assert "Prosite tajnika svojega sosveta" in page


def test_a_person_whose_access_was_revoked_can_still_be_edited(
    as_secretary, django_user_model, council, ana
):
    ana.user = make_user(django_user_model, "ana", roles.MEMBER, council)
    ana.save()
    ana.user.council_accesses.get().delete()
    data = {"first_name": "Ana", "last_name": "NOVAK", "gender": "f", "email": ana.email}
    data |= {"user": ana.user.pk, "seen_version": ana.lock_version, "phone": "02 123"}

    as_secretary.post(url("person_edit", pk=ana.pk), data)

    ana.refresh_from_db()
    assert ana.phone == "02 123"
