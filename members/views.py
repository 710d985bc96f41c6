from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .access import (
    authorise,
    council_view,
    get_mandate_for,
    get_membership_for,
    get_organization_for,
    get_person_for,
)
from .collation import Slovenian, slovenian_key
from .confirm import confirm_page, is_confirmed
from .exports import table_response
from .forms import (
    CarriedSeatFormSet,
    MandateForm,
    MembershipEndForm,
    MembershipForm,
    OrganizationForm,
    PersonForm,
)
from .models import Mandate, Membership, Organization, Person, mandate_in_force_or_latest
from .permissions import may
from .rollover import last_mandate, mandate_roll_over, seats_to_carry, suggested_dates
from .roster import roster_sections
from .two_factor import resettable_logins


@council_view
def roster(request, council):
    """The roster of the mandate in force today (or, between mandates, the latest one)."""
    authorise(request.user, Membership)
    return _render_roster(request, council, mandate_in_force_or_latest(council))


@council_view
def roster_export(request, council, fmt):
    """Every seat of the mandate in force (or ``?mandat=``), with the contacts the secretary
    keeps, as CSV or XLSX."""
    authorise(request.user, Membership, "export")
    mandate = mandate_asked(request, council) or mandate_in_force_or_latest(council)
    seats = (
        sorted(
            mandate.memberships.select_related("person", "organization", "mandate"),
            key=lambda seat: (slovenian_key(seat.organization.name), seat.starts_on, seat.pk),
        )
        if mandate
        else []
    )
    header = [
        _("Organization"),
        _("Person"),
        _("Role"),
        _("Function"),
        _("From"),
        _("Until"),
        _("E-mail"),
        _("Phone"),
    ]
    rows = (
        [
            seat.organization.name,
            seat.person.full_name if seat.person else None,
            seat.role_title,
            seat.function_title,
            seat.starts_on,
            seat.last_day,
            seat.person.email if seat.person else None,
            seat.person.phone if seat.person else None,
        ]
        for seat in seats
    )
    label = mandate.label.replace(" – ", "-").replace(" ", "") if mandate else ""
    filename = _("members-%(council)s-%(mandate)s") % {"council": council.slug, "mandate": label}
    return table_response(fmt, filename.rstrip("-"), header, rows)


def mandate_asked(request, council):
    """The mandate named in ``?mandat=``, or None for anything that names none of the council's
    (the roster's export, the new mandate's "plan the constitutive session")."""
    asked = request.GET.get("mandat", "")
    if not (asked.isascii() and asked.isdigit() and len(asked) < 10):
        return None
    return council.mandates.filter(pk=asked).first()


@council_view
def mandate_detail(request, council, pk):
    authorise(request.user, Membership)
    return _render_roster(request, council, get_mandate_for(request.user, council, pk))


def _render_roster(request, council, mandate):
    may_change_seats = may(request.user, "members.change_membership")
    sections, member_count = (
        roster_sections(council, mandate, with_links=may_change_seats) if mandate else ("", 0)
    )
    return render(
        request,
        "members/roster.html",
        {
            "council": council,
            "mandate": mandate,
            "sections": sections,
            "member_count": member_count,
            "first_session_due": _first_session_due(request.user, mandate),
        },
    )


def _first_session_due(user, mandate):
    """A mandate not over yet and without sessions: whoever plans sessions is offered its
    constitutive session (asked only of them, so the roster's queries stay as they were)."""
    if mandate is None or not may(user, "meetings.add_session"):
        return False
    return mandate.ends_on >= timezone.localdate() and not mandate.sessions.exists()


@council_view
def mandate_list(request, council):
    authorise(request.user, Mandate)
    # A query that counts (GROUP BY) leaves the model's ordering out: it is asked for here.
    mandates = council.mandates.annotate(seat_count=Count("memberships")).order_by("-starts_on")
    return render(request, "members/mandate_list.html", {"council": council, "mandates": mandates})


@council_view
def organization_list(request, council):
    authorise(request.user, Organization)
    organizations = council.organizations.annotate(seat_count=Count("memberships")).order_by(
        Slovenian("name")
    )
    return render(
        request,
        "members/organization_list.html",
        {"council": council, "organizations": organizations},
    )


@council_view
def person_list(request, council):
    authorise(request.user, Person)
    # Whether each sits now or later: only a former member's personal data can be erased.
    sitting = Membership.objects.now_or_later().filter(person=OuterRef("pk"))
    resettable = resettable_logins(council).filter(pk=OuterRef("user"))
    people = council.people.select_related("user").annotate(
        sits=Exists(sitting), second_factor_resettable=Exists(resettable)
    )
    return render(request, "members/person_list.html", {"council": council, "people": people})


def edit_page(
    request,
    council,
    form,
    *,
    title,
    success_url,
    success_message="",
    cancel_url=None,
    save=None,
    template="members/form_page.html",
    extra_context=None,
):
    """The one form-page flow of every create/edit page: show the form; on a valid POST save it,
    say so and go on; show a refusal (another person saved first, a rule of the record) on the
    form, with what was typed still in it.

    ``save(form)`` saves when that is more than ``form.save()`` (a service that also records the
    change, or sends a notice); it returns what was saved or raises ``ValidationError``.
    ``success_url`` and ``success_message`` may be functions of what was saved. ``template`` and
    ``extra_context`` are for a page that shows more than the form (a preview beside it).
    """
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form) if save else form.save()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            message = success_message(saved) if callable(success_message) else success_message
            if message:
                messages.success(request, message)
            # A new object's page is known only once it is saved.
            return redirect(success_url(saved) if callable(success_url) else success_url)
    if cancel_url is None and not callable(success_url):
        cancel_url = success_url
    context = {"council": council, "form": form, "title": title, "cancel_url": cancel_url}
    return render(request, template, {**context, **(extra_context or {})})


def form_data(request):
    """What a form is bound to: the POST data, or nothing on GET."""
    return request.POST if request.method == "POST" else None


def _edit_in_council(request, council, pk, *, fetch, form_class, list_url, titles, saved):
    """Create (no pk) or edit an organization, person or mandate of the council."""
    if pk:
        instance = fetch(request.user, council, pk, edit=True)
    else:
        authorise(request.user, form_class._meta.model, "add")
        instance = None
    return edit_page(
        request,
        council,
        form_class(form_data(request), instance=instance, council=council),
        title=titles[1] % {"name": instance} if pk else titles[0],
        success_url=reverse(list_url, kwargs={"council": council.slug}),
        success_message=saved,
    )


@council_view
def organization_edit(request, council, pk=None):
    return _edit_in_council(
        request,
        council,
        pk,
        fetch=get_organization_for,
        form_class=OrganizationForm,
        list_url="members:organization_list",
        titles=(_("New organization"), _("Edit organization: %(name)s")),
        saved=_("The organization has been saved."),
    )


@council_view
def person_edit(request, council, pk=None):
    return _edit_in_council(
        request,
        council,
        pk,
        fetch=get_person_for,
        form_class=PersonForm,
        list_url="members:person_list",
        titles=(_("New person"), _("Edit person: %(name)s")),
        saved=_("The person has been saved."),
    )


@council_view
def mandate_edit(request, council, pk=None):
    return _edit_in_council(
        request,
        council,
        pk,
        fetch=get_mandate_for,
        form_class=MandateForm,
        list_url="members:mandate_list",
        titles=(_("New mandate"), _("Edit mandate: %(name)s")),
        saved=_("The mandate has been saved."),
    )


@council_view
def mandate_rollover(request, council):
    """The next mandate, begun with the seats held on the last day of the previous one.

    A council's first mandate has no seats to carry, so it is entered on the plain form.
    """
    authorise(request.user, Mandate, "add")
    previous = last_mandate(council)
    if previous is None:
        return redirect("members:mandate_create", council=council.slug)
    mandate_form = MandateForm(
        form_data(request), council=council, initial=suggested_dates(previous)
    )
    seat_forms = CarriedSeatFormSet(
        form_data(request),
        prefix="seats",
        initial=[_carried(seat) for seat in seats_to_carry(previous)],
        form_kwargs={"council": council},
    )
    # Both are checked, so every mistake on the page shows at once.
    if request.method == "POST" and all([mandate_form.is_valid(), seat_forms.is_valid()]):
        seats = seat_forms.kept_seats()
        try:
            mandate = mandate_roll_over(council, seats=seats, **_mandate_fields(mandate_form))
        except ValidationError as error:
            mandate_form.add_error(None, error)
        else:
            messages.success(request, _rolled_over_message(mandate, len(seats)))
            return redirect(mandate)
    return render(
        request,
        "members/mandate_rollover.html",
        {
            "council": council,
            "previous": previous,
            "form": mandate_form,
            "seat_forms": seat_forms,
            "cancel_url": reverse("members:mandate_list", kwargs={"council": council.slug}),
        },
    )


def _carried(seat):
    return {
        "organization": seat.organization,
        "person": seat.person,
        "role": seat.role,
        "function_title": seat.function_title,
    }


def _mandate_fields(form):
    return {name: form.cleaned_data[name] for name in ("label", "starts_on", "ends_on")}


def _rolled_over_message(mandate, seat_count):
    message = ngettext(
        "The mandate %(mandate)s has been entered with %(count)s seat.",
        "The mandate %(mandate)s has been entered with %(count)s seats.",
        seat_count,
    )
    return message % {"mandate": mandate, "count": seat_count}


@council_view
def membership_create(request, council, mandate):
    mandate = get_mandate_for(request.user, council, mandate)
    authorise(request.user, Membership, "add")
    return edit_page(
        request,
        council,
        MembershipForm(form_data(request), mandate=mandate),
        title=_("New membership in the mandate %(mandate)s") % {"mandate": mandate},
        success_url=mandate.get_absolute_url(),
        success_message=_("The membership has been saved."),
    )


@council_view
def membership_edit(request, council, pk):
    membership = get_membership_for(request.user, council, pk, edit=True)
    return edit_page(
        request,
        council,
        MembershipForm(form_data(request), instance=membership, mandate=membership.mandate),
        title=_("Edit membership: %(seat)s") % {"seat": membership},
        success_url=membership.mandate.get_absolute_url(),
        success_message=_("The membership has been saved."),
    )


@council_view
def membership_end(request, council, pk):
    """End a seat early. Irreversible, so a valid date is first shown back and confirmed."""
    membership = get_membership_for(request.user, council, pk, edit=True)
    form = MembershipEndForm(form_data(request), instance=membership)
    # The seat names its holder and organization: a vacant seat is told apart by the latter.
    title = _("End the membership: %(seat)s") % {"seat": membership}
    if request.method == "POST" and not is_confirmed(request) and form.is_valid():
        return confirm_page(
            request,
            council,
            title=title,
            consequences=_ending_consequences(membership, form.cleaned_data["ends_on"]),
            confirm_label=_("End the membership"),
            cancel_url=membership.mandate.get_absolute_url(),
            carry={
                "ends_on": form.cleaned_data["ends_on"].isoformat(),
                "seen_version": form.cleaned_data["seen_version"],
            },
            danger=True,
        )
    return edit_page(
        request,
        council,
        form,
        title=title,
        success_url=membership.mandate.get_absolute_url(),
        success_message=_ended_message(council, membership),
    )


def _ended_message(council, membership):
    """Ending a seat leaves the login's role alone; the secretary is offered to revoke it."""
    ended = _("The membership has been ended.")
    person = membership.person
    access = person and person.user_id and council.accesses.filter(user_id=person.user_id).first()
    if not access:
        return ended
    still = _("%(person)s can still log in to this council's portal as %(role)s.") % {
        "person": person,
        "role": access.get_role_display(),
    }
    url = reverse("members:access_revoke", kwargs={"council": council.slug, "pk": access.pk})
    return format_html('{} {} <a href="{}">{}</a>', ended, still, url, _("Revoke the access"))


def _ending_consequences(membership, last_day):
    day = date_format(last_day, "SHORT_DATE_FORMAT")
    names = {"person": membership.person, "organization": membership.organization, "day": day}
    if membership.person:
        ends = _("The seat for %(organization)s held by %(person)s ends on %(day)s.") % names
    else:
        ends = _("The seat for %(organization)s ends on %(day)s.") % names
    return [ends, _("The seat is not deleted: it stays in the record among the former seats.")]
