"""Every URL the project defines, for seven personas, with the answer each must get.

The URL list comes from the resolver, so a new URL without a row here fails
``test_every_url_has_a_row``. Each row names how to fill the URL's arguments with real objects
of council A (Ptuj), the method, and the expected status for: anonymous; the member, mayor's
office and secretary of A; the installation administrator (superuser, no role in A); the
secretary of council B; and a login that is a member in A and the secretary of B.
"""

import sys
from functools import cached_property

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation

from meetings.models import AgendaProposal, CalendarFeed, Material, Resolution, Session
from members.models import Person
from reports.drafting import report_start
from reports.services import report_adopt, report_publish
from tests.conftest import fetched, give_second_factor, make_seat
from tests.meetings.factories import make_items, make_session, seat_member

PERSONAS = [
    "anonymous",
    "member",
    "mayors_office",
    "secretary",
    "superuser",
    "outsider",
    "member_here_secretary_there",
]

# Expected statuses, in the order of PERSONAS. The last persona has in A exactly the member's
# rights, whatever it may do in B.
VIEW = (302, 200, 200, 200, 404, 404, 200)
EDIT = (302, 403, 403, 200, 404, 404, 403)
ACT = (302, 403, 403, 302, 404, 404, 403)  # a POST the secretary may make; it redirects back
OPEN = (200, 200, 200, 200, 200, 200, 200)
SIGNED_IN = (302, 200, 200, 200, 200, 200, 200)
DRAFT_VIEW = (302, 404, 200, 200, 404, 404, 404)  # a draft report is invisible to members
DRAFT_EDIT = (302, 404, 403, 200, 404, 404, 404)
DRAFT_ACT = (302, 404, 403, 302, 404, 404, 404)
REDIRECTS = (302, 302, 302, 302, 302, 302, 302)


class World:
    """The objects the URLs point at, made on first use."""

    def __init__(self, council, mandate, police, chief, member, settings, tmp_path, seat=None):
        if settings is not None:  # None: the caller has given the files a place of their own
            settings.MEDIA_ROOT = tmp_path
        self.council, self.mandate, self.police, self.member = council, mandate, police, member
        if seat is None:  # the chief and the member (as Ana) take their seats, unless they have
            seat = make_seat(mandate, chief, police)
            seat_member(mandate, police, "Ana", user=member)
        self.seat = seat

    @cached_property
    def planned(self):
        session = make_session(self.mandate, 2)
        make_items(session, "Aktualna varnostna problematika")
        return session

    @cached_property
    def correspondence(self):
        """A session by correspondence sent to the members, its deadline passed yesterday: the
        member may look at their ballot, the secretary may count the votes."""
        session = make_session(
            self.mandate,
            3,
            days_ahead=-1,
            kind=Session.Kind.CORRESPONDENCE,
            status=Session.Status.CONVENED,
            convened_at=timezone.now(),
        )
        (item,) = make_items(session, "Plan dela")
        Resolution.objects.create(
            session=session, item=item, number=1, text="Sklep.", outcome=Resolution.Outcome.PROPOSED
        )
        return session

    @cached_property
    def item(self):
        return self.planned.items.get()

    @cached_property
    def held(self):
        session = make_session(self.mandate, 1, days_ahead=-7, status=Session.Status.HELD)
        (item,) = make_items(session, "Konstituiranje")
        Resolution.objects.create(session=session, item=item, number=1, text="Sklep.")
        return session

    @cached_property
    def material(self):
        upload = SimpleUploadedFile("gradivo.pdf", b"%PDF-1.4\n%%EOF\n")
        return Material.objects.create(item=self.item, file=upload, original_name="gradivo.pdf",
                                       content_type="application/pdf", size=15)  # fmt: skip

    @cached_property
    def public_material(self):
        """A material the secretary has made public, of a convened public session."""
        Session.objects.filter(pk=self.planned.pk).update(status=Session.Status.CONVENED)
        upload = SimpleUploadedFile("javno.pdf", b"%PDF-1.4\n%%EOF\n")
        return Material.objects.create(
            item=self.item, file=upload, original_name="javno.pdf",
            content_type="application/pdf", size=15, public=True,
        )  # fmt: skip

    @cached_property
    def proposal(self):
        return AgendaProposal.objects.create(session=self.planned, proposed_by=self.member,
                                             title="Šolske poti")  # fmt: skip

    @cached_property
    def draft(self):
        report = report_start(self.council, timezone.localdate().year - 1)
        report.save()
        return report

    @cached_property
    def adopted(self):
        report = report_start(self.council, timezone.localdate().year - 2)
        report.preparer = report.signatory = self.seat.person
        report.save()
        report_adopt(report, at_session=self.held, on=self.held.date, base_url="http://t/", by=None)
        return report

    @cached_property
    def published(self):
        report_publish(self.adopted, by=None)
        return self.adopted

    @cached_property
    def former(self):
        """A person without a seat now or later, whose personal data may be erased."""
        return Person.objects.create(
            council=self.council,
            first_name="Bivša",
            last_name="Članica",
            gender=Person.Gender.FEMALE,
            email="bivsa@example.com",
        )

    @cached_property
    def member_access(self):
        return self.member.council_accesses.get()

    @cached_property
    def member_person_with_second_factor(self):
        """The member's person record, the member having set up a second factor by choice."""
        give_second_factor(self.member)
        return self.member.people.get(council=self.council)

    @cached_property
    def feed(self):
        return CalendarFeed.objects.create(user=self.member)


def c(**kwargs):
    """Arguments for a council URL: the council's slug plus what the row adds."""
    return lambda w: {"council": "ptuj", **{k: v(w) for k, v in kwargs.items()}}


def none(w):
    return {}


# name: (arguments, method, data, expected statuses)
# The addresses that answer with a file, not a page (the walks over pages leave them out).
NOT_HTML = {
    "healthz",
    "personal_data",
    "calendar_feed",
    "public:public_report_pdf",
    "meetings:material_download",
    "meetings:invitation_pdf",
    "meetings:session_ics",
    "meetings:minutes_pdf",
    "reports:report_pdf",
    # Files: the exports and the open data.
    "members:roster_export",
    "meetings:session_export",
    "meetings:resolution_export",
    "public:opendata_sessions",
    "public:opendata_resolutions",
    "public:opendata_reports",
    "public:public_calendar",
    "public:public_material",
}

ROWS = {
    # 200: the landing page with the public pages to a visitor; the council picker
    "home": (none, "get", None, (200, 302, 302, 302, 200, 302, 200)),
    "healthz": (none, "get", None, OPEN),
    # Every login searches; each finds only what its roles may see (tests/test_search.py).
    "search": (none, "get", None, SIGNED_IN),
    "accessibility": (none, "get", None, OPEN),
    "council_accessibility": (c(), "get", None, OPEN),
    "calendar_feed": (lambda w: {"token": w.feed.token}, "get", None, OPEN),
    "dashboard": (c(), "get", None, VIEW),
    "history": (c(kind=lambda w: "seja", pk=lambda w: w.planned.pk), "get", None, EDIT),
    "set_language": (none, "post", {"language": "en"}, REDIRECTS),
    "login": (none, "get", None, OPEN),
    "personal_data": (none, "get", None, SIGNED_IN),
    "reminder_settings": (none, "get", None, SIGNED_IN),  # the login's own choices
    "logout": (none, "post", None, REDIRECTS),
    "password_change": (none, "get", None, SIGNED_IN),
    "password_change_done": (none, "get", None, SIGNED_IN),
    "password_reset": (none, "get", None, OPEN),
    "password_reset_done": (none, "get", None, OPEN),
    "password_reset_confirm": (lambda w: {"uidb64": "MQ", "token": "x-y"}, "get", None, OPEN),
    "password_reset_complete": (none, "get", None, OPEN),
    # A bogus token: the page says the link is no longer valid, to anyone.
    "set_password": (lambda w: {"uidb64": "MQ", "token": "x-y"}, "get", None, OPEN),
    "two_factor:overview": (none, "get", None, SIGNED_IN),
    # Set-up is for a login without an app; one that has it is sent to the overview.
    "two_factor:setup": (none, "get", None, (302, 200, 200, 302, 302, 302, 302)),
    # The code page sends a login already verified (or without an app) on its way.
    "two_factor:verify": (none, "get", None, REDIRECTS),
    "two_factor:recovery_codes": (none, "get", None, (302, 302, 302, 200, 200, 200, 200)),
    # Only a login that chose a second factor may turn it off; these have none or must keep it.
    "two_factor:disable": (none, "post", None, (302, 302, 302, 403, 403, 403, 403)),
    "members:person_second_factor_reset": (  # asks first
        c(pk=lambda w: w.member_person_with_second_factor.pk), "get", None, EDIT),
    "members:second_factor_resets": (c(), "get", None, EDIT),
    "public:public_report_list": (c(), "get", None, OPEN),
    "public:public_report_pdf": (c(pk=lambda w: w.published.pk), "get", None, OPEN),
    "members:council_settings": (c(), "get", None, EDIT),
    "public:opendata_sessions": (c(fmt=lambda w: "json"), "get", None, OPEN),
    "public:opendata_resolutions": (c(fmt=lambda w: "csv"), "get", None, OPEN),
    "public:opendata_reports": (c(fmt=lambda w: "json"), "get", None, OPEN),
    "public:public_calendar": (c(), "get", None, OPEN),
    "public:public_material": (c(pk=lambda w: w.public_material.pk), "get", None, OPEN),
    "members:roster": (c(), "get", None, VIEW),
    # Exports are the secretary's alone.
    "members:roster_export": (c(fmt=lambda w: "xlsx"), "get", None, EDIT),
    "meetings:session_export": (c(fmt=lambda w: "csv"), "get", None, EDIT),
    "meetings:resolution_export": (c(fmt=lambda w: "xlsx"), "get", None, EDIT),
    "members:mandate_list": (c(), "get", None, VIEW),
    "members:mandate": (c(pk=lambda w: w.mandate.pk), "get", None, VIEW),
    "members:mandate_create": (c(), "get", None, EDIT),
    "members:mandate_rollover": (c(), "get", None, EDIT),
    "members:mandate_edit": (c(pk=lambda w: w.mandate.pk), "get", None, EDIT),
    "members:membership_create": (c(mandate=lambda w: w.mandate.pk), "get", None, EDIT),
    "members:membership_edit": (c(pk=lambda w: w.seat.pk), "get", None, EDIT),
    "members:membership_end": (c(pk=lambda w: w.seat.pk), "get", None, EDIT),
    "members:organization_list": (c(), "get", None, VIEW),
    "members:organization_create": (c(), "get", None, EDIT),
    "members:organization_edit": (c(pk=lambda w: w.police.pk), "get", None, EDIT),
    "members:person_list": (c(), "get", None, EDIT),
    "members:person_create": (c(), "get", None, EDIT),
    "members:person_edit": (c(pk=lambda w: w.seat.person.pk), "get", None, EDIT),
    "members:person_erase": (c(pk=lambda w: w.former.pk), "get", None, EDIT),  # asks first
    "members:access_list": (c(), "get", None, EDIT),
    "members:access_invite": (  # the chief has no e-mail address: refused with a message
        c(pk=lambda w: w.seat.person.pk), "post", {"role": "member"}, ACT),
    "members:access_resend": (c(pk=lambda w: w.member_access.pk), "post", None, ACT),
    "members:access_change_role": (
        c(pk=lambda w: w.member_access.pk), "post", {"role": "member"}, ACT),
    "members:access_revoke": (c(pk=lambda w: w.member_access.pk), "get", None, EDIT),  # asks
    "meetings:session_list": (c(), "get", None, VIEW),
    "meetings:session_create": (c(), "get", None, EDIT),
    "meetings:session": (c(pk=lambda w: w.planned.pk), "get", None, VIEW),
    "meetings:session_edit": (c(pk=lambda w: w.planned.pk), "get", None, EDIT),
    "meetings:session_set_status": (  # cancelling asks first
        c(pk=lambda w: w.planned.pk), "post", {"status": "cancelled"}, EDIT),
    "meetings:item_create": (c(session=lambda w: w.planned.pk), "get", None, EDIT),
    "meetings:item_edit": (c(pk=lambda w: w.item.pk), "get", None, EDIT),
    "meetings:item_withdraw": (c(pk=lambda w: w.item.pk), "get", None, EDIT),  # asks first
    "meetings:item_move": (c(pk=lambda w: w.item.pk), "post", {"direction": "up"}, ACT),
    "meetings:material_upload": (c(pk=lambda w: w.item.pk), "get", None, EDIT),
    "meetings:material_download": (c(pk=lambda w: w.material.pk), "get", None, VIEW),
    "meetings:material_delete": (c(pk=lambda w: w.material.pk), "get", None, EDIT),
    "meetings:material_publicity": (c(pk=lambda w: w.material.pk), "post", {"public": "1"}, ACT),
    "meetings:proposal_create": (
        c(session=lambda w: w.planned.pk), "get", None, (302, 200, 403, 200, 404, 404, 200)),
    "meetings:proposal_decide": (
        c(pk=lambda w: w.proposal.pk), "get", None, (302, 403, 404, 200, 404, 404, 404)),
    "meetings:session_convene": (c(pk=lambda w: w.planned.pk), "get", None, EDIT),
    "meetings:session_notify": (c(pk=lambda w: w.planned.pk), "post", None, ACT),
    "meetings:session_deliveries": (c(pk=lambda w: w.planned.pk), "get", None, EDIT),
    "meetings:invitation_pdf": (c(pk=lambda w: w.planned.pk), "get", None, VIEW),
    "meetings:session_ics": (c(pk=lambda w: w.planned.pk), "get", None, VIEW),
    "meetings:calendar": (c(), "get", None, VIEW),
    "meetings:attendance_respond": (
        c(pk=lambda w: w.planned.pk), "post", {"response": "yes"},
        (302, 302, 403, 403, 404, 404, 403)),
    "meetings:attendance_record": (c(pk=lambda w: w.held.pk), "get", None, EDIT),
    "meetings:attendance_deputy": (c(pk=lambda w: w.planned.pk,
        person=lambda w: w.member.people.get().pk), "get", None, EDIT),
    "meetings:minutes_edit": (c(pk=lambda w: w.held.pk), "get", None, EDIT),
    "meetings:minutes_approve": (c(pk=lambda w: w.held.pk), "get", None, EDIT),
    "meetings:minutes_pdf": (c(pk=lambda w: w.held.pk), "get", None, VIEW),
    "meetings:resolution_create": (
        c(item=lambda w: w.held.items.get().pk), "get", None, EDIT),
    "meetings:resolution_edit": (
        c(pk=lambda w: w.held.resolutions.get().pk), "get", None, EDIT),
    "meetings:resolution_register": (c(), "get", None, VIEW),
    # Only a login whose person holds a seat votes (the member here); the others have none.
    "meetings:vote": (
        c(pk=lambda w: w.correspondence.pk), "get", None, (302, 200, 403, 403, 404, 404, 403)),
    "meetings:voting_close": (c(pk=lambda w: w.correspondence.pk), "get", None, EDIT),  # asks
    "meetings:statistics": (c(), "get", None, VIEW),
    "reports:report_list": (c(), "get", None, VIEW),
    "reports:report_create": (c(), "get", None, EDIT),
    "reports:report": (c(pk=lambda w: w.draft.pk), "get", None, DRAFT_VIEW),
    "reports:report_edit": (c(pk=lambda w: w.draft.pk), "get", None, DRAFT_EDIT),
    "reports:report_preview": (c(pk=lambda w: w.draft.pk), "post", {}, DRAFT_EDIT),
    "reports:report_redraft": (c(pk=lambda w: w.draft.pk), "post", None, DRAFT_ACT),
    "reports:report_adopt": (c(pk=lambda w: w.draft.pk), "get", None, DRAFT_EDIT),
    # Asks first: the secretary gets the confirmation page (a confirmed POST publishes).
    "reports:report_publish": (c(pk=lambda w: w.adopted.pk), "get", None, EDIT),
    "reports:report_correct": (c(pk=lambda w: w.adopted.pk), "post", None, ACT),
    "reports:report_pdf": (c(pk=lambda w: w.draft.pk), "get", None, DRAFT_VIEW),
}  # fmt: skip

# Django's own admin keeps its own permission checks and tests.
NOT_OURS = ("admin",)


def project_url_names(patterns=None, namespace=""):
    names = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in NOT_OURS:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= project_url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


def test_every_url_has_a_row():
    assert project_url_names() - set(ROWS) == set(), "add a row for each new URL"
    assert set(ROWS) - project_url_names() == set(), "remove rows of URLs that are gone"


def world_of(base, settings, tmp_path):
    """The World on the council, seats and personas made once for the module (base_once in
    tests/conftest.py), which each test reads in a savepoint of its own."""
    return World(base.council, base.mandate, base.police, base.chief, base.member, settings,
                 tmp_path, seat=base.seat)  # fmt: skip


@pytest.mark.django_db
def test_a_login_has_in_each_council_the_rights_of_its_role_there(client, base):
    client.force_login(base.member_here_secretary_there)
    for slug, expected in (("ptuj", 403), ("ormoz", 200)):
        for name in ("meetings:session_create", "members:person_list", "reports:report_create"):
            address = reverse(name, kwargs={"council": slug})
            assert client.get(address).status_code == expected, address


@pytest.mark.django_db
def test_removing_a_role_takes_effect_on_the_next_request(client, base):
    member = base.member
    client.force_login(member)
    address = reverse("members:roster", kwargs={"council": "ptuj"})
    assert client.get(address).status_code == 200
    member.council_accesses.all().delete()
    assert client.get(address).status_code == 404


@pytest.fixture(scope="module")
def row(request, base_once, django_db_blocker, tmp_path_factory):
    """The name of a row and its address, the objects the address points at made (World's, on
    first use) once for the seven personas who ask for it, in a savepoint inside base_once's
    transaction that is rolled back after the row's last persona; each persona's test runs in a
    savepoint of its own inside it, so what one changes the next does not see. Making the
    objects (an adopted report's PDF, ...) took longer than most requests, seven times over.

    pytest runs a module's tests grouped by the parameter of a module-scoped fixture, a row at a
    time (they are written in that order anyway); the tests of the module that use no row come
    before these, so none runs beside a row's objects."""
    name = request.param
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    media.enable()
    with django_db_blocker.unblock(), translation.override(django_settings.LANGUAGE_CODE):
        savepoint = transaction.atomic()
        savepoint.__enter__()
        try:
            world = world_of(fetched(base_once), None, None)
            address = reverse(name, kwargs=ROWS[name][0](world))
        except BaseException:
            savepoint.__exit__(*sys.exc_info())
            media.disable()
            raise
    yield name, address
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        savepoint.__exit__(None, None, None)
    media.disable()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", sorted(ROWS), indirect=True)
def test_each_persona_gets_the_expected_answer(client, base, row, persona):
    name, address = row
    _arguments, method, data, expected = ROWS[name]
    user = None if persona == "anonymous" else getattr(base, persona)
    if user:
        client.force_login(user)
    response = getattr(client, method)(address, data or {})
    assert response.status_code == expected[PERSONAS.index(persona)], (
        f"{persona} {method.upper()} {address}"
    )
