"""The council's records, kept whatever path tries to change them (page, admin, shell, cascade).

- Once a session's minutes are approved (``Session.is_locked``), nothing of that session changes
  any more: not the session, its agenda items, materials, attendance or resolutions. Only the
  fields a model names in ``OPEN_AFTER_APPROVAL`` may still be written (a resolution's
  ``done_on``, the session's summary for the annual report). Checked in ``pre_save`` against the
  stored row, so a form, the admin and ``obj.save()`` in the shell all meet the same rule;
  ``QuerySet.update()``, which sends no signal, is checked by the models' querysets
  (``record_querysets.py``).
- A sent invitation keeps the number it was sent with
  (``Session.may_change_invitation_number``).
- Records are never deleted: held sessions; the items, materials, attendance and resolutions of
  a session whose agenda was sent; invitation deliveries. Checked in ``pre_delete``, which Django
  sends for every object of a cascade and of ``QuerySet.delete()`` too.

The rules themselves are the methods of ``Session``; this module only enforces them.
"""

from django.core.exceptions import ValidationError
from django.db.models import ProtectedError, Q
from django.db.models.signals import pre_delete, pre_save
from django.utils.translation import gettext as _

from members.accounts import erasure_steps
from members.models import Mandate
from members.records import changed_fields

from .models import (
    AgendaItem,
    Attendance,
    CalendarFeed,
    InvitationDelivery,
    Material,
    Resolution,
    Session,
    Vote,
)
from .record_querysets import BOOKKEEPING, INVITATION_NUMBER_FINAL, RecordLocked

# How each guarded model reaches its session (a lookup from Session).
SESSION_OF = {
    AgendaItem: "items",
    Material: "items__materials",
    Attendance: "attendances",
    Resolution: "resolutions",
    Vote: "resolutions__votes",
}


def is_record(obj):
    """Whether ``obj`` may never be deleted (see ``refuse_deleting_records``).

    What was sent is a record from the moment it went out (an invitation delivery); the rest
    from the moment members had the agenda: the items, their materials, the answers and
    attendance, and the resolutions of a convened or held session.
    """
    if isinstance(obj, Session):
        return obj.is_record
    if isinstance(obj, InvitationDelivery | Vote):
        return True
    if isinstance(obj, Material):
        return obj.item.session.agenda_was_sent
    return obj.session.agenda_was_sent


def refuse_deleting_records(sender, instance, **kwargs):
    if is_record(instance):
        raise ProtectedError(
            _(
                "This is part of the council's record (a held session, an agenda that was sent, "
                "attendance, a resolution or an invitation sent) and cannot be deleted."
            ),
            {instance},
        )


def refuse_changing_locked(sender, instance, raw=False, update_fields=None, **kwargs):
    # A restore loads rows as they were (raw); the record it restores is the one it had.
    if raw:
        return
    stored = sender._base_manager.filter(pk=instance.pk).first() if instance.pk else None
    if sender is Session:
        number_is_final = stored is not None and not stored.may_change_invitation_number()
        if number_is_final and "invitation_number" in changed_fields(
            stored, instance, update_fields
        ):
            raise RecordLocked(INVITATION_NUMBER_FINAL, code="locked")
        if stored is None or not stored.is_locked:
            return  # approving is itself the last change the row takes
    else:
        where = Q(**_parent_filter(sender, instance))
        if stored is not None:  # moving a row out of an approved session changes it too
            where |= Q(**{f"{SESSION_OF[sender]}__pk": instance.pk})
        if not Session.objects.filter(where).locked().exists():
            return
        if stored is None:
            raise RecordLocked(
                _("The minutes of this session are approved; nothing can be added to it."),
                code="locked",
            )
    changed = changed_fields(stored, instance, update_fields)
    changed -= set(getattr(sender, "OPEN_AFTER_APPROVAL", ())) | BOOKKEEPING
    if changed:
        labels = sorted(str(sender._meta.get_field(name).verbose_name) for name in changed)
        raise RecordLocked(
            _("The minutes of this session are approved; %(fields)s can no longer change.")
            % {"fields": ", ".join(labels)},
            code="locked",
        )


def refuse_late_votes(sender, instance, raw=False, **kwargs):
    """A vote is cast or changed only while the session takes votes (``Session.may_vote``):
    not before it is sent, not after its deadline, whatever path tries."""
    if raw:
        return
    session = Session.objects.get(resolutions__pk=instance.resolution_id)
    if not session.may_vote():
        raise ValidationError(voting_closed_message(session), code="voting_closed")


def voting_closed_message(session):
    """Why a vote cannot be cast on the session now, in the user's words."""
    if session.voting_has_ended() or session.votes_are_counted:
        return _(
            "The deadline for votes passed on %(deadline)s; votes can no longer be cast or changed."
        ) % {"deadline": session.voting_deadline_text}
    return _("The members do not vote on this session now.")


def _parent_filter(sender, instance):
    """The session the instance is (or would be) attached to, as a filter on Session."""
    if sender is Material:
        return {"items__pk": instance.item_id}
    if sender is Vote:
        return {"resolutions__pk": instance.resolution_id}
    return {"pk": instance.session_id}


def sessions_stay_in_their_mandate(mandate):
    """A mandate's dates may not move away from the sessions already held or planned in it."""
    outside = mandate.sessions.exclude(date__range=(mandate.starts_on, mandate.ends_on)).exclude(
        date__isnull=True
    )
    if outside.exists():
        raise ValidationError(
            _("Sessions of this mandate lie outside these dates; change them first.")
        )


def erase_contact_details(person, login):
    """On a former member's erasure (members.accounts.erase_person): the invitations sent to them
    stay in the record, without the address they went to; an erased login's calendar address
    stops working."""
    InvitationDelivery.objects.filter(person=person).update(email="")
    if login is not None:
        CalendarFeed.objects.filter(user=login).delete()


def connect():
    if erase_contact_details not in erasure_steps:
        erasure_steps.append(erase_contact_details)
    if sessions_stay_in_their_mandate not in Mandate.date_checks:
        Mandate.date_checks.append(sessions_stay_in_their_mandate)
    pre_save.connect(refuse_late_votes, sender=Vote, dispatch_uid="late-votes")
    for model in (Session, AgendaItem, Material, Attendance, Resolution, InvitationDelivery, Vote):
        pre_delete.connect(refuse_deleting_records, sender=model, dispatch_uid=f"record-{model}")
    for model in (Session, *SESSION_OF):
        pre_save.connect(refuse_changing_locked, sender=model, dispatch_uid=f"locked-{model}")
