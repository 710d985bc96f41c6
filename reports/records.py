"""An adopted report is the official record: it can be corrected, never deleted or changed.

Both rules hold below the views, so the pages, the admin and the shell all obey them. The one
change an adopted report takes is its publication; anything else is a correction, a new version
(``services.report_correct``).
"""

from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.db.models.signals import pre_delete, pre_save
from django.utils.translation import gettext as _

from members.records import changed_fields

from .models import AnnualReport

# What publishing an adopted report writes; lock_version moves with every step.
PUBLICATION_FIELDS = {"status", "published_on", "updated_by", "updated_at", "lock_version"}


def refuse_deleting_adopted(sender, instance, **kwargs):
    if not instance.is_draft:
        raise ProtectedError(_("An adopted report cannot be deleted."), {instance})


def refuse_changing_adopted(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:  # loading a backup writes the record as it was
        return
    stored = sender._base_manager.filter(pk=instance.pk).first()
    if stored is None or stored.is_draft:
        return
    changed = changed_fields(stored, instance)
    publishing = stored.may_be_published and instance.is_published
    if changed - {"updated_at"} and not (publishing and changed <= PUBLICATION_FIELDS):
        raise ValidationError(
            _("An adopted report cannot be changed; make a correction instead."), code="final"
        )


def connect():
    pre_delete.connect(refuse_deleting_adopted, sender=AnnualReport, dispatch_uid="report-record")
    pre_save.connect(refuse_changing_adopted, sender=AnnualReport, dispatch_uid="report-final")
