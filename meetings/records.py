"""The council's records that must never be deleted: held sessions and what they decided.

Checked in ``pre_delete`` so that no path (admin, shell, a cascade) can remove them; the admin
also hides the delete button for them.
"""

from django.db.models import ProtectedError
from django.db.models.signals import pre_delete
from django.utils.translation import gettext as _

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


def connect():
    for model in (Session, AgendaItem, Resolution):
        pre_delete.connect(refuse_deleting_records, sender=model, dispatch_uid=f"record-{model}")
