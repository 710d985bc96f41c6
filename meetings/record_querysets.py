"""Bulk writes obey the record rule as saves do.

``meetings/records.py`` checks every ``save()`` in ``pre_save``, but ``QuerySet.update()`` (and
``bulk_update()``, which is built on it) sends no signal. So the querysets of the guarded models
check the rows they would write instead: once a session's minutes are approved, an update of
its rows may touch only what the model names in ``OPEN_AFTER_APPROVAL`` and the edit counter.
(``Model.save()`` writes through ``QuerySet._update()``, not ``update()``, so it is not checked
twice.)
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

# Written by the bookkeeping of every edit, not part of what the record says.
BOOKKEEPING = {"lock_version"}


class RecordLocked(ValidationError):
    """A change to a session whose minutes are approved; forms show it as a form error."""


class RecordQuerySet(models.QuerySet):
    # The path from the model's rows to the approval of their session's minutes.
    approval = "session__minutes_approved_at"

    def update(self, **kwargs):
        fixed = set(kwargs) - set(getattr(self.model, "OPEN_AFTER_APPROVAL", ())) - BOOKKEEPING
        if fixed and self.filter(**{f"{self.approval}__isnull": False}).exists():
            labels = sorted(str(self.model._meta.get_field(name).verbose_name) for name in fixed)
            raise RecordLocked(
                _("The minutes of this session are approved; %(fields)s can no longer change.")
                % {"fields": ", ".join(labels)},
                code="locked",
            )
        return super().update(**kwargs)


class MaterialQuerySet(RecordQuerySet):
    approval = "item__session__minutes_approved_at"

    def public(self):
        """What the open data offers for download: marked public, not withdrawn, under an agenda
        item that is not withdrawn either, of a public session whose agenda has gone out
        (``Session.agenda_is_public``)."""
        from .models import Session  # the models import this module

        return self.filter(
            public=True,
            withdrawn_at__isnull=True,
            item__withdrawn=False,
            item__session__public=True,
            item__session__status__in=Session.AGENDA_PUBLIC,
        )
