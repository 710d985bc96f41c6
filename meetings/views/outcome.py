from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.access import authorise, council_view
from members.confirm import confirm_page, is_confirmed
from members.forms import claim_version
from members.models import validate_document_number
from members.views import edit_page, form_data

from .. import services
from ..access import get_item_for, get_resolution_for, get_session_for
from ..forms import (
    DeputyForm,
    MinutesApprovalForm,
    RegisterFilterForm,
    ResolutionForm,
    ResponseForm,
    deputy_candidates,
)
from ..models import Attendance, Resolution, Session
from ..pdf import render_minutes_pdf


@council_view
@require_POST
def attendance_respond(request, council, pk):
    """A member confirms or declines attendance for themselves, and may name their deputy."""
    session = get_session_for(request.user, council, pk)
    person = invited_person(request.user, council, session)
    form = ResponseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether you will attend."))
        return redirect(session)
    try:
        services.attendance_respond(
            session, person, form.cleaned_data["response"], form.cleaned_data["deputy_name"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you, your answer has been recorded."))
    return redirect(f"{session.get_absolute_url()}#attendance")


def invited_person(user, council, session):
    """The login's own person, invited to the session: a member answers (and votes) only for
    themself. 403 for a login without a seat on the session's day."""
    if not user.is_authenticated:
        raise PermissionDenied
    seat = session.members_invited().filter(person__user=user, person__council=council).first()
    if seat is None:
        raise PermissionDenied
    return seat.person


class AttendanceForm(forms.Form):
    """One choice of presence per invited member, and who stood in for those who were not
    there."""

    def __init__(self, *args, seats, attendances, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.seats = seats
        for seat in seats:
            current = attendances.get(seat.person_id)
            name = seat.person.full_name
            self.fields[f"person-{seat.person_id}"] = forms.ChoiceField(
                label=name,
                choices=Attendance.presence_choices(seat.person),
                initial=current.presence if current and current.presence else None,
                widget=forms.RadioSelect,
            )
            self.fields[f"deputy-{seat.person_id}"] = forms.ModelChoiceField(
                label=_("%(member)s: deputy, a person of the council") % {"member": name},
                queryset=candidates,
                required=False,
                initial=current.deputy_id if current else None,
            )
            self.fields[f"deputy-name-{seat.person_id}"] = forms.CharField(
                label=_("%(member)s: or the deputy's name, when not in the portal")
                % {"member": name},
                max_length=200,
                required=False,
                initial=current.deputy_name if current else "",
                help_text=_("A deputy counts only for a member who was not present."),
            )

    def clean(self):
        cleaned = super().clean()
        chosen = {}
        for seat in self.seats:
            deputy = cleaned.get(f"deputy-{seat.person_id}")
            if deputy and cleaned.get(f"deputy-name-{seat.person_id}", "").strip():
                self.add_error(
                    f"deputy-name-{seat.person_id}",
                    _("Choose a person of the council or type a name, not both."),
                )
            if deputy and cleaned.get(f"person-{seat.person_id}") != Attendance.Presence.PRESENT:
                if deputy in chosen:
                    self.add_error(
                        f"deputy-{seat.person_id}",
                        _(
                            "One person cannot stand in for two members: %(deputy)s already "
                            "stands in for %(member)s."
                        )
                        % {"deputy": deputy.full_name, "member": chosen[deputy]},
                    )
                chosen[deputy] = seat.person.full_name
        return cleaned

    def presence_by_person(self):
        return {seat.person: self.cleaned_data[f"person-{seat.person_id}"] for seat in self.seats}

    def deputies(self):
        return {
            seat.person: (
                self.cleaned_data[f"deputy-{seat.person_id}"],
                self.cleaned_data[f"deputy-name-{seat.person_id}"],
            )
            for seat in self.seats
        }


@council_view
def attendance_record(request, council, pk):
    session = get_session_for(request.user, council, pk, edit=True)
    authorise(request.user, Attendance, "change")
    if not session.may_record_attendance():
        messages.error(request, _("The minutes are approved; attendance can no longer change."))
        return redirect(f"{session.get_absolute_url()}#attendance")
    seats = list(session.members_invited())
    attendances = {a.person_id: a for a in session.attendances.all()}
    form = AttendanceForm(
        form_data(request),
        seats=seats,
        attendances=attendances,
        candidates=deputy_candidates(session),
    )
    return edit_page(
        request,
        council,
        form,
        title=_("Attendance at %(session)s") % {"session": session},
        success_url=f"{session.get_absolute_url()}#attendance",
        success_message=_("Attendance has been recorded."),
        cancel_url=session.get_absolute_url(),
        save=lambda form: services.attendance_record(
            session, form.presence_by_person(), form.deputies()
        ),
    )


@council_view
def attendance_deputy(request, council, pk, person):
    """The secretary names, before the session, who stands in for a member who cannot come."""
    session = get_session_for(request.user, council, pk, edit=True)
    authorise(request.user, Attendance, "change")
    seat = get_object_or_404(session.members_invited(), person__pk=person)
    if not session.may_take_answers():
        messages.error(request, _("Answers can only be given before the session."))
        return redirect(f"{session.get_absolute_url()}#attendance")
    attendance = session.attendances.filter(person=seat.person).first()
    return edit_page(
        request,
        council,
        DeputyForm(form_data(request), session=session, attendance=attendance),
        title=_("Deputy for %(member)s: %(session)s")
        % {"member": seat.person.full_name, "session": session},
        success_url=f"{session.get_absolute_url()}#attendance",
        success_message=_("The deputy has been recorded."),
        cancel_url=session.get_absolute_url(),
        save=lambda form: services.attendance_name_deputy(
            session,
            seat.person,
            deputy=form.cleaned_data["deputy"],
            deputy_name=form.cleaned_data["deputy_name"],
        ),
    )


class MinutesForm(forms.Form):
    """The introduction and one text per agenda item, edited on one page."""

    introduction = forms.CharField(
        label=_("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    # The session's version when the page was opened (see members.forms.GuardedModelForm).
    seen_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, session, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        # The filing number, checked as the model checks it (digits, letters, - / . and spaces).
        self.fields["minutes_number"] = Session._meta.get_field("minutes_number").formfield(
            validators=[validate_document_number], initial=session.minutes_number
        )
        self.fields["introduction"].initial = session.minutes_introduction
        self.fields["seen_version"].initial = session.lock_version
        for number, item in enumerate(items, start=1):
            self.fields[f"item-{item.pk}"] = forms.CharField(
                label=f"{number}. {item.title}",
                required=False,
                initial=item.minutes,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        self.order_fields(["minutes_number", "introduction"])


@council_view
def minutes_edit(request, council, pk):
    session = get_session_for(request.user, council, pk, edit=True)
    if not session.may_record_outcome():
        messages.error(request, _outcome_closed(session))
        return redirect(session)
    items = list(session.items.filter(withdrawn=False))
    return edit_page(
        request,
        council,
        MinutesForm(form_data(request), session=session, items=items),
        title=_("Minutes of %(session)s") % {"session": session},
        success_url=f"{session.get_absolute_url()}#minutes",
        success_message=_("The minutes have been saved."),
        cancel_url=session.get_absolute_url(),
        save=lambda form: _save_minutes(session, items, form.cleaned_data),
    )


def _outcome_closed(session):
    if session.is_locked:
        return _("The minutes are approved and can no longer be edited.")
    if session.is_correspondence:
        return _(
            "The resolutions of a session by correspondence are proposed before it is sent to "
            "the members; what was sent is what they vote on."
        )
    return _("Minutes and resolutions are written once the session has been held.")


@transaction.atomic
def _save_minutes(session, items, data):
    session.lock_version = claim_version(Session, session.pk, data["seen_version"])
    session.minutes_introduction = data["introduction"]
    session.minutes_number = data["minutes_number"]
    session.save(update_fields=["minutes_number", "minutes_introduction", "lock_version"])
    for item in items:
        new_text = data[f"item-{item.pk}"]
        if new_text != item.minutes:
            item.minutes = new_text
            item.save(update_fields=["minutes"])  # one by one, so the history records each


@council_view
def minutes_approve(request, council, pk):
    """Choose the approving session, then confirm (members/confirm.py): approval is final."""
    session = get_session_for(request.user, council, pk, edit=True)
    if not session.may_approve_minutes():
        messages.error(request, _("Only the minutes of a held session can be approved."))
        return redirect(session)
    form = MinutesApprovalForm(form_data(request), session=session)
    if request.method == "POST" and form.is_valid() and not is_confirmed(request):
        return _confirm_approval(request, council, session, form.cleaned_data)
    return edit_page(
        request,
        council,
        form,
        title=_("Approve the minutes of %(session)s") % {"session": session},
        success_url=f"{session.get_absolute_url()}#minutes",
        success_message=_("The minutes are approved and locked."),
        cancel_url=session.get_absolute_url(),
        save=lambda form: services.minutes_approve(
            session,
            at_session=form.cleaned_data["approved_at"],
            on=form.cleaned_data["approved_on"],
            base_url=request.build_absolute_uri("/"),
        ),
    )


def _confirm_approval(request, council, session, chosen):
    at_session, on = chosen["approved_at"], chosen["approved_on"]
    return confirm_page(
        request,
        council,
        title=_("Approve the minutes of %(session)s") % {"session": session},
        consequences=[
            _("The minutes of %(session)s are approved at %(at)s, on %(on)s.")
            % {"session": session, "at": at_session, "on": date_format(on, "SHORT_DATE_FORMAT")},
            _(
                "The minutes PDF is made now and frozen: every download from then on is exactly "
                "that file, with its SHA-256 checksum shown beside it."
            ),
            _(
                "After that nothing about %(session)s can change: not its date, time or place, "
                "agenda, materials, attendance, minutes or resolutions. Only the carrying out of "
                "resolutions can still be noted."
            )
            % {"session": session},
        ],
        confirm_label=_("Approve and freeze the minutes"),
        cancel_url=f"{session.get_absolute_url()}#minutes",
        carry={"approved_at": at_session.pk, "approved_on": on.isoformat()},
    )


@council_view
def minutes_pdf(request, council, pk):
    """Approved minutes are the file frozen at approval, byte for byte; a draft is made now."""
    session = get_session_for(request.user, council, pk)
    filename = f"zapisnik-{session.number}-seja.pdf"
    if session.minutes_pdf:
        return FileResponse(
            session.minutes_pdf.open("rb"),
            as_attachment=True,
            filename=filename,
            content_type="application/pdf",
        )
    # Minutes approved before approval froze the file have none; they are rendered as before.
    pdf = render_minutes_pdf(session, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@council_view
def resolution_edit(request, council, item=None, pk=None):
    if pk:
        resolution = get_resolution_for(request.user, council, pk, edit=True)
        item = resolution.item
    else:
        item = get_item_for(request.user, council, item)
        authorise(request.user, Resolution, "add")
        resolution = None
        if not item.session.may_write_resolutions():
            messages.error(request, _outcome_closed(item.session))
            return redirect(item.session)
    return edit_page(
        request,
        council,
        ResolutionForm(form_data(request), instance=resolution, item=item),
        title=_("Edit %(resolution)s: %(item)s") % {"resolution": resolution, "item": item.title}
        if resolution
        else _("Resolution on the item: %(item)s") % {"item": item.title},
        success_url=f"{item.session.get_absolute_url()}#item-{item.pk}",
        success_message=_("The resolution has been saved."),
    )


@council_view
def resolution_register(request, council):
    """Every resolution of the council, narrowed by the filters (year, status, responsible
    organization, overdue) given as GET parameters."""
    authorise(request.user, Resolution)
    filters = RegisterFilterForm(request.GET, council=council)
    resolutions = filters.filter(register_of(council))
    page = Paginator(resolutions, 50).get_page(request.GET.get("stran"))
    kept = request.GET.copy()
    kept.pop("stran", None)
    return render(
        request,
        "meetings/resolution_register.html",
        {
            "council": council,
            "page": page,
            "filters": filters,
            "query": kept.urlencode(),
            "today": timezone.localdate(),
        },
    )


def register_of(council):
    """The council's resolutions as the register lists them, the latest session first."""
    return (
        Resolution.objects.filter(session__mandate__council=council)
        # each row links to its session, whose address names the council
        .select_related("session__mandate__council", "item", "responsible")
        .order_by("-session__date", "-session__number", "number")
    )
