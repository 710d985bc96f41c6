"""An adopted report is the official record: it can be corrected, never deleted or changed.

Both rules hold below the views, so the pages, the admin and the shell all obey them. The one
change an adopted report takes is its publication; anything else is a correction, a new version
(``services.report_correct``).
"""

from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.db.models.signals import pre_delete, pre_save
from django.utils.translation import gettext as _

from .models import AnnualReport

# What publishing an adopted report writes; lock_version moves with every step.
PUBLICATION_FIELDS = {"status", "published_on", "updated_by", "updated_at", "lock_version"}


def refuse_deleting_adopted(sender, instance, **kwargs):
    if not instance.is_draft:
        raise ProtectedError(_("An adopted report cannot be deleted."), {instance})


def refuse_changing_adopted(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:  # loading a backup writes the record as it was
        return
    fields = [field for field in sender._meta.concrete_fields if not field.primary_key]
    stored = sender.objects.filter(pk=instance.pk).values(*[f.attname for f in fields]).first()
    if stored is None or stored["status"] == AnnualReport.Status.DRAFT:
        return
    changed = {
        field.name
        for field in fields
        if _stored_value(getattr(instance, field.attname)) != stored[field.attname]
    }
    publishing = (
        stored["status"] == AnnualReport.Status.ADOPTED
        and instance.status == AnnualReport.Status.PUBLISHED
    )
    if changed - {"updated_at"} and not (publishing and changed <= PUBLICATION_FIELDS):
        raise ValidationError(
            _("An adopted report cannot be changed; make a correction instead."), code="final"
        )


def _stored_value(value):
    # A FileField's value is a FieldFile; the row holds its name.
    return getattr(value, "name", value)


def connect():
    pre_delete.connect(refuse_deleting_adopted, sender=AnnualReport, dispatch_uid="report-record")
    pre_save.connect(refuse_changing_adopted, sender=AnnualReport, dispatch_uid="report-final")
