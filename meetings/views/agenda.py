from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.access import authorise, council_view
from members.confirm import confirm_page, is_confirmed
from members.views import edit_page, form_data

from .. import reminders, services
from ..access import get_item_for, get_material_for, get_proposal_for, get_session_for
from ..forms import AgendaItemForm, MaterialForm, ProposalDecisionForm, ProposalForm
from ..models import AgendaItem, AgendaProposal, Material
from ..session_page import agenda_items, read_session
from ..session_rows import agenda_rows
from .sessions import agenda_permissions


def _refuse_if_closed(request, session):
    """Held and cancelled sessions keep the agenda they had (``Session.may_change_agenda``)."""
    if not session.may_change_agenda():
        messages.error(request, _("The agenda of a held or cancelled session cannot change."))
        return redirect(session)
    return None


@council_view
def item_edit(request, council, session=None, pk=None):
    if pk:
        item = get_item_for(request.user, council, pk, edit=True)
        session = item.session
    else:
        session = get_session_for(request.user, council, session, edit=True)
        authorise(request.user, AgendaItem, "add")
        item = None
    if refused := _refuse_if_closed(request, session):
        return refused

    def save(form):  # through the services, which keep the trail of changes after the invitation
        if item:
            return services.agenda_item_change(form, by=request.user)
        return services.agenda_item_add(form.instance, by=request.user)

    return edit_page(
        request,
        council,
        AgendaItemForm(form_data(request), instance=item, session=session),
        # Named with the session: agenda items repeat from one session to the next.
        title=(
            _("Edit agenda item: %(title)s (%(session)s)")
            % {"title": item.title, "session": session}
            if item
            else _("New agenda item for %(session)s") % {"session": session}
        ),
        success_url=session.get_absolute_url(),
        success_message=_("The agenda item has been saved."),
        save=save,
    )


@council_view
def item_withdraw(request, council, pk):
    """Asks first (members/confirm.py): a sent agenda keeps the item, marked withdrawn."""
    item = get_item_for(request.user, council, pk, edit=True)
    session = item.session
    if refused := _refuse_if_closed(request, session):
        return refused
    if not is_confirmed(request):
        return confirm_page(
            request,
            council,
            title=_("Withdraw the item: %(title)s") % {"title": item.title},
            consequences=_withdrawal_consequences(session, item.title),
            confirm_label=_("Withdraw the item")
            if session.agenda_was_sent
            else _("Remove the item"),
            cancel_url=f"{session.get_absolute_url()}#item-{item.pk}",
            danger=True,
        )
    services.agenda_item_withdraw(item, by=request.user)
    messages.success(request, _("The item has been withdrawn from the agenda."))
    return redirect(session)


def _withdrawal_consequences(session, name):
    if not session.agenda_was_sent:
        return [
            _("No invitation has been sent yet, so “%(name)s” is simply removed.") % {"name": name}
        ]
    return [
        _("“%(name)s” is taken off the agenda the members see.") % {"name": name},
        _(
            "It is kept in the record, struck through among the changes after the invitation, "
            "with who withdrew it and when; it cannot be brought back onto the agenda."
        ),
    ]


@council_view
@require_POST
def item_move(request, council, pk):
    item = get_item_for(request.user, council, pk, edit=True)
    if refused := _refuse_if_closed(request, item.session):
        return refused
    direction = "up" if request.POST.get("direction") == "up" else "down"
    services.agenda_item_move(item, -1 if direction == "up" else 1, by=request.user)
    session, _seen, rows = read_session(council, item.session.pk, request.user)
    agenda_may = agenda_permissions(request.user, session)
    agenda = [each for each in agenda_items(rows, council, agenda_may) if not each["withdrawn"]]
    announcement = _place_of(item, agenda)
    if not request.htmx:
        messages.success(request, announcement)
        return redirect(f"{session.get_absolute_url()}#item-{item.pk}")
    context = {
        "council": council,
        "session": session,
        "agenda": agenda,
        "agenda_rows": agenda_rows(agenda, agenda_may, request),
        "moved": item,
        "moved_direction": direction,
        "announcement": announcement,
    }
    return render(request, "meetings/_agenda.html", context)


def _place_of(item, agenda):
    """Where the item now stands among those on the agenda, as a screen reader says it."""
    on_agenda = [each["pk"] for each in agenda]
    return _("Item “%(title)s” is now number %(place)s of %(count)s.") % {
        "title": item.title,
        "place": on_agenda.index(str(item.pk)) + 1,
        "count": len(on_agenda),
    }


@council_view
def material_upload(request, council, pk):
    item = get_item_for(request.user, council, pk)
    authorise(request.user, Material, "add")
    if refused := _refuse_if_closed(request, item.session):
        return refused
    return edit_page(
        request,
        council,
        MaterialForm(request.POST or None, request.FILES or None),
        title=_("Attach material to the item: %(title)s (%(session)s)")
        % {"title": item.title, "session": item.session},
        success_url=f"{item.session.get_absolute_url()}#item-{item.pk}",
        success_message=_("The material has been attached."),
        cancel_url=item.session.get_absolute_url(),
        save=lambda form: services.material_add(
            item,
            form.cleaned_data["file"],
            content_type=form.content_type,
            by=request.user,
            public=form.cleaned_data["public"],
        ),
        template="meetings/material_form.html",
        extra_context={"item": item},
    )


@council_view
def material_download(request, council, pk):
    material = get_material_for(request.user, council, pk)
    response = FileResponse(
        material.file.open("rb"),
        as_attachment=True,
        filename=material.original_name,
        content_type=material.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@council_view
def material_delete(request, council, pk):
    """Removes a material before the invitation; once the agenda was sent, withdraws it."""
    material = get_material_for(request.user, council, pk, edit=True)
    authorise(request.user, Material, "delete")
    session = material.item.session
    if refused := _refuse_if_closed(request, session):
        return refused
    if material.withdrawn:
        return redirect(session)
    if not is_confirmed(request):
        return confirm_page(
            request,
            council,
            title=_("Withdraw the material: %(name)s") % {"name": material.original_name},
            consequences=_withdrawal_consequences(session, material.original_name),
            confirm_label=_("Withdraw the material")
            if session.agenda_was_sent
            else _("Remove the material"),
            cancel_url=f"{session.get_absolute_url()}#item-{material.item_id}",
            danger=True,
        )
    if services.material_remove(material, by=request.user):
        messages.success(request, _("The material has been withdrawn; it stays in the record."))
    else:
        messages.success(request, _("The material has been removed."))
    return redirect(session)


@council_view
@require_POST
def material_publicity(request, council, pk):
    """Offer a material in the open data, or stop offering it (``public`` is "1" or "0"); open
    after the minutes are approved too, since publishing is not part of the record."""
    material = get_material_for(request.user, council, pk, edit=True)
    public = request.POST.get("public") == "1"
    services.material_set_public(material, public)
    if public:
        messages.success(request, _("The material is now in the council's open data."))
    else:
        messages.success(request, _("The material is no longer in the council's open data."))
    return redirect(f"{material.item.session.get_absolute_url()}#item-{material.item_id}")


@council_view
def proposal_create(request, council, session):
    session = get_session_for(request.user, council, session)
    authorise(request.user, AgendaProposal, "add")
    if not session.may_take_proposals():
        messages.error(request, _("Proposals can only be made for planned or convened sessions."))
        return redirect(session)
    form = ProposalForm(form_data(request))
    form.instance.session = session
    form.instance.proposed_by = request.user

    def propose(form):
        proposal = form.save()
        reminders.proposal_received(proposal, base_url=request.build_absolute_uri("/"))
        return proposal

    return edit_page(
        request,
        council,
        form,
        title=_("Propose an agenda item"),
        success_url=f"{session.get_absolute_url()}#proposals",
        success_message=_("Your proposal has been sent to the secretary."),
        cancel_url=session.get_absolute_url(),
        save=propose,
    )


@council_view
def proposal_decide(request, council, pk):
    proposal = get_proposal_for(request.user, council, pk, decide=True)

    def decide(form):
        accept = form.cleaned_data["decision"] == "accept"
        note = form.cleaned_data["note"]
        services.proposal_decide(proposal, accept=accept, note=note, by=request.user)
        reminders.proposal_decided(proposal, base_url=request.build_absolute_uri("/"))
        return proposal

    return edit_page(
        request,
        council,
        ProposalDecisionForm(form_data(request)),
        title=_("Proposal: %(title)s") % {"title": proposal.title},
        success_url=f"{proposal.session.get_absolute_url()}#proposals",
        success_message=lambda decided: (
            _("The proposal has been added to the agenda.")
            if decided.status == AgendaProposal.Status.ACCEPTED
            else _("The proposal has been declined.")
        ),
        cancel_url=proposal.session.get_absolute_url(),
        save=decide,
    )
