"""An adopted report is the official record: it can be corrected, never deleted."""

from django.db.models import ProtectedError
from django.db.models.signals import pre_delete
from django.utils.translation import gettext as _

from .models import AnnualReport


def refuse_deleting_adopted(sender, instance, **kwargs):
    if not instance.is_draft:
        raise ProtectedError(_("An adopted report cannot be deleted."), {instance})


def connect():
    pre_delete.connect(refuse_deleting_adopted, sender=AnnualReport, dispatch_uid="report-record")
