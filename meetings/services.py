"""Operations on sessions that span several models: the agenda trail, life cycle, attendance.

The trail is written here, explicitly, and never from ``save()``: only changes made after the
invitation went out belong in it.
"""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from . import notices
from .models import (
    AgendaChange,
    AgendaItem,
    AgendaProposal,
    Attendance,
    Material,
    Session,
    has_quorum,
)
from .pdf import render_minutes_pdf, sha256


def session_set_status(session, status, *, by=None, request=None):
    """Move a session along its life cycle, or raise ValidationError saying why not.

    Cancelling a convened session also records the cancellation in the trail and sends everyone
    invited a notice whose calendar file cancels the event; the result of that sending is returned
    (else None). The notice goes out once the cancellation has committed.
    """
    # Durable: the notice must not leave before the cancellation is committed.
    with transaction.atomic(durable=True):
        locked = Session.objects.select_for_update().get(pk=session.pk)
        session.status = locked.status
        if not session.may_become(status):
            raise ValidationError(
                _("A session that is %(current)s cannot become %(new)s.")
                % {"current": session.get_status_display(), "new": Session.Status(status).label}
            )
        if status == Session.Status.HELD and not locked.may_be_marked_held():
            raise ValidationError(_("Only a session whose date has come can be marked as held."))
        notify = status == Session.Status.CANCELLED and session.is_convened
        # Cancelled or back from cancelled: calendar apps replace the event only with one of a
        # higher SEQUENCE (the notice's file, and the feeds' copy).
        cancelled_or_back = status == Session.Status.CANCELLED or session.is_cancelled
        session.status = status
        session.calendar_sequence = locked.calendar_sequence + (1 if cancelled_or_back else 0)
        session.save(update_fields=["status", "calendar_sequence"])
        if notify:
            claimed = notices.record_cancellation(session, by=by)
    if notify:
        return notices.send_claimed(session, claimed, by=by, request=request)
    return None


def _record(item, kind, summary, by):
    if item.session.agenda_is_public:
        AgendaChange.objects.create(
            session=item.session, item=item, kind=kind, summary=summary, changed_by=by
        )


def _require_open_agenda(session):
    if not session.may_change_agenda():
        raise ValidationError(
            _("The agenda of a held or cancelled session cannot change."), code="agenda_closed"
        )


@transaction.atomic
def agenda_item_add(item, *, by):
    """Save a new item at the end of the agenda."""
    _require_open_agenda(item.session)
    last = item.session.items.aggregate(last=Max("position"))["last"] or 0
    item.position = last + 1
    item.save()
    _record(item, AgendaChange.Kind.ADDED, _("Added: %(title)s") % {"title": item.title}, by)
    return item


@transaction.atomic
def agenda_item_change(form, *, by):
    """Save an edited item; after the invitation, say which fields changed."""
    _require_open_agenda(form.instance.session)
    item = form.save()
    # The hidden version field always counts as changed; it is no change to the agenda.
    changed = [name for name in form.changed_data if name != "seen_version"]
    if changed:
        labels = ", ".join(str(form.fields[name].label) for name in changed)
        summary = _("Changed %(fields)s: %(title)s") % {"fields": labels, "title": item.title}
        _record(item, AgendaChange.Kind.CHANGED, summary, by)
    return item


@transaction.atomic
def agenda_item_withdraw(item, *, by):
    """Before the invitation a draft item simply goes; once the agenda was sent, the item
    stays on the record, marked withdrawn with who and when."""
    _require_open_agenda(item.session)
    if not item.session.agenda_was_sent and not item.resolutions.exists():
        item.delete()
        return None
    item.withdrawn = True
    item.withdrawn_at = timezone.now()
    item.withdrawn_by = by
    item.save(update_fields=["withdrawn", "withdrawn_at", "withdrawn_by"])
    _record(
        item, AgendaChange.Kind.WITHDRAWN, _("Withdrawn: %(title)s") % {"title": item.title}, by
    )
    return item


@transaction.atomic
def agenda_item_move(item, step, *, by):
    """Move an item one place up (step -1) or down (+1) among the items on the agenda; withdrawn
    items are stepped over, as members do not see them. Positions are renumbered 1..n."""
    _require_open_agenda(item.session)
    items = list(item.session.items.select_for_update().order_by("position", "pk"))
    on_agenda = [other for other in items if not other.withdrawn]
    index = next(i for i, other in enumerate(on_agenda) if other.pk == item.pk)
    target = index + step
    if not 0 <= target < len(on_agenda):
        return
    here, there = items.index(on_agenda[index]), items.index(on_agenda[target])
    items[here], items[there] = items[there], items[here]
    for position, other in enumerate(items, start=1):
        other.position = position
    AgendaItem.objects.bulk_update(items, ["position"])  # no pre_save: the check above guards it
    summary = _("Moved to position %(position)s: %(title)s") % {
        "position": target + 1,
        "title": item.title,
    }
    _record(item, AgendaChange.Kind.REORDERED, summary, by)


@transaction.atomic
def material_add(item, upload, *, content_type, by, public=False):
    """Attach an uploaded file (already checked by MaterialForm) to an agenda item."""
    _require_open_agenda(item.session)
    return Material.objects.create(
        item=item,
        file=upload,
        original_name=upload.name[-255:],
        content_type=content_type,
        size=upload.size,
        uploaded_by=by,
        public=public,
    )


def material_set_public(material, public):
    """Whether the material is offered in the open data (``Material.objects.public()`` decides
    whether it then appears there: a public session whose agenda has gone out)."""
    material.public = public
    material.save(update_fields=["public"])
    return material


def material_remove(material, *, by):
    """Before the invitation a material is deleted with its file; once the agenda was sent,
    it is withdrawn: the row and the file stay, marked with who and when."""
    session = material.item.session
    _require_open_agenda(session)
    if not session.agenda_was_sent:
        with transaction.atomic():
            material.delete()
        material.file.delete(save=False)  # only once the row is surely gone
        return None
    with transaction.atomic():
        material.withdrawn_at = timezone.now()
        material.withdrawn_by = by
        material.save(update_fields=["withdrawn_at", "withdrawn_by"])
        summary = _("Material withdrawn: %(name)s (%(title)s)") % {
            "name": material.original_name,
            "title": material.item.title,
        }
        _record(material.item, AgendaChange.Kind.WITHDRAWN, summary, by)
    return material


@transaction.atomic
def proposal_decide(proposal, *, accept, note, by):
    """Accept (the proposal becomes the last agenda item) or decline a member's proposal."""
    if proposal.status != AgendaProposal.Status.PENDING:
        raise ValidationError(_("This proposal has already been decided."))
    if accept and not proposal.session.may_take_proposals():
        raise ValidationError(
            _(
                "The %(session)s is no longer planned or convened, so the proposal cannot be "
                "added to its agenda; decline it, or propose it for a later session."
            )
            % {"session": proposal.session},
            code="agenda_closed",
        )
    if accept:
        proposal.item = agenda_item_add(
            AgendaItem(
                session=proposal.session,
                title=proposal.title,
                description=proposal.description,
                presenter_text=_proposer_name(proposal),
            ),
            by=by,
        )
    proposal.status = AgendaProposal.Status.ACCEPTED if accept else AgendaProposal.Status.DECLINED
    proposal.decision_note = note
    proposal.decided_at = timezone.now()
    proposal.save()


def _proposer_name(proposal):
    """The proposer as the council knows them: their person there, else their login's name."""
    user = proposal.proposed_by
    person = proposal.session.mandate.council.person_of(user)
    return person.full_name if person else user.get_full_name() or user.get_username()


def attendance_respond(session, person, response, deputy_name=""):
    """A member's answer to the invitation, until the session day. A member who cannot come may
    name their deputy; one who comes needs none."""
    if not session.may_take_answers():
        raise ValidationError(_("Answers can only be given before the session."))
    attendance, _created = Attendance.objects.get_or_create(session=session, person=person)
    attendance.response = response
    attendance.responded_at = timezone.now()
    deputy_name = deputy_name.strip() if response == Attendance.Response.NOT_ATTENDING else ""
    # The name shown in the form comes back unchanged: a deputy the secretary chose stays.
    if deputy_name != attendance.deputy_full_name:
        attendance.deputy, attendance.deputy_name = None, deputy_name
    attendance.save(update_fields=["response", "responded_at", "deputy", "deputy_name"])
    return attendance


def attendance_name_deputy(session, person, *, deputy=None, deputy_name=""):
    """The secretary names, before the session, who stands in for a member who cannot come;
    the member's answer becomes "cannot attend". No deputy at all clears one named before."""
    if not session.may_take_answers():
        raise ValidationError(_("Answers can only be given before the session."))
    attendance, _created = Attendance.objects.get_or_create(session=session, person=person)
    attendance.deputy, attendance.deputy_name = deputy, deputy_name.strip()
    fields = ["deputy", "deputy_name"]
    if attendance.has_deputy and attendance.response != Attendance.Response.NOT_ATTENDING:
        attendance.response = Attendance.Response.NOT_ATTENDING
        attendance.responded_at = timezone.now()
        fields += ["response", "responded_at"]
    attendance.save(update_fields=fields)
    return attendance


@transaction.atomic
def attendance_record(session, presence_by_person, deputies=None):
    """Record who was present, excused or absent, and who stood in for whom (``deputies``:
    person -> (deputy person or None, name typed)); all members at once or none. A member who
    was present had no deputy, whatever was named in advance."""
    if not session.may_record_attendance():
        raise ValidationError(_("The minutes are approved; attendance can no longer change."))
    deputies = deputies or {}
    for person, presence in presence_by_person.items():
        values = {"presence": presence}
        if person in deputies or presence == Attendance.Presence.PRESENT:
            deputy, name = deputies.get(person, (None, ""))
            if presence == Attendance.Presence.PRESENT:
                deputy, name = None, ""
            values.update(deputy=deputy, deputy_name=name.strip())
        Attendance.objects.update_or_create(session=session, person=person, defaults=values)


def quorum(invited, taking_part):
    """(taking part, members, reached): the quorum (``has_quorum``) of the members invited, the
    persons (ids) of the seats invited.

    ``taking_part`` are the persons (ids) who count: at a meeting those present in person or
    through a deputy (``Attendance.fills_seat``), at a correspondence session those who voted."""
    invited = set(invited)
    count = len(invited & set(taking_part))
    return count, len(invited), has_quorum(count, len(invited))


def minutes_approve(session, *, at_session, on, base_url):
    """Approve a held session's minutes at a later session and freeze them.

    The minutes PDF is rendered once, now, and kept with its SHA-256; every download from then
    on serves exactly that file, and nothing of the session changes any more
    (meetings/records.py). Nothing is saved unless the PDF was written.
    """
    _require_approvable(session, at_session)
    session.minutes_approved_at = at_session
    session.minutes_approved_on = on
    pdf = render_minutes_pdf(session, base_url=base_url, archive=True)
    with transaction.atomic():
        stored = Session.objects.select_for_update().get(pk=session.pk)
        if stored.is_locked:  # approved by someone else while this PDF was rendered
            raise ValidationError(_("These minutes have already been approved."))
        session.minutes_pdf_sha256 = sha256(pdf)
        filename = f"zapisnik-{session.number}-seja.pdf"
        session.minutes_pdf.save(filename, ContentFile(pdf), save=False)
        try:
            # A form opened before the approval must not save over it (GuardedModelForm).
            session.lock_version = stored.lock_version + 1
            session.save(
                update_fields=[
                    "minutes_approved_at",
                    "minutes_approved_on",
                    "minutes_pdf",
                    "minutes_pdf_sha256",
                    "lock_version",
                ]
            )
        except Exception:
            session.minutes_pdf.delete(save=False)
            raise


def _require_approvable(session, at_session):
    if session.is_locked:
        raise ValidationError(_("These minutes have already been approved."))
    if not session.may_approve_minutes():
        raise ValidationError(_("Only the minutes of a held session can be approved."))
    if not (at_session.date and session.date and at_session.date > session.date):
        raise ValidationError(_("Minutes are approved at a later session."))
