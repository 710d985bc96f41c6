"""The council's records: held sessions and what they decided are never deleted, and a
mandate's dates never move away from its sessions.

Checked in ``pre_delete`` so that no path (admin, shell, a cascade) can remove them; the admin
also hides the delete button for them.
"""

from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.db.models.signals import pre_delete
from django.utils.translation import gettext as _

from members.models import Mandate

from .models import AgendaItem, Resolution, Session


def is_record(obj):
    """Whether ``obj`` belongs to a held session (its agenda, minutes or resolutions)."""
    session = obj if isinstance(obj, Session) else obj.session
    return session.status == Session.Status.HELD or session.minutes_locked


def refuse_deleting_records(sender, instance, **kwargs):
    if is_record(instance):
        raise ProtectedError(
            _("Held sessions, their minutes and resolutions are records and cannot be deleted."),
            {instance},
        )


def sessions_stay_in_their_mandate(mandate):
    """A mandate's dates may not move away from the sessions already held or planned in it."""
    outside = mandate.sessions.exclude(date__range=(mandate.starts_on, mandate.ends_on)).exclude(
        date__isnull=True
    )
    if outside.exists():
        raise ValidationError(
            _("Sessions of this mandate lie outside these dates; change them first.")
        )


def connect():
    if sessions_stay_in_their_mandate not in Mandate.date_checks:
        Mandate.date_checks.append(sessions_stay_in_their_mandate)
    for model in (Session, AgendaItem, Resolution):
        pre_delete.connect(refuse_deleting_records, sender=model, dispatch_uid=f"record-{model}")
