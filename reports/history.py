"""An object's history (django-simple-history) in the words people read.

Each change is shown as the field's name with the old and the new value as the pages show them:
the name of a related person, organization or session instead of its number, dates in the
language's form ("7. 4. 2023"), a choice's label instead of the stored value, "Da"/"Ne" for
yes/no. The related objects of a whole history are fetched together, one query per kind.
"""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from meetings.statistics import CHART_CHOICES

# Kept for the record but meaningless to a reader: the edit counter and the save time; the
# numbers of an adopted report's charts, which come with the adoption the status shows.
NOT_SHOWN = {"lock_version", "updated_at", "charts_as_adopted"}
CHART_NAMES = dict(CHART_CHOICES)
# Date fields that hold a month (its first day): "april 2024", not "1. 4. 2024".
MONTH_FIELDS = {"planned_month"}
LONGEST_VALUE = 200


def history_entries(obj):
    """The object's history, newest first: each record with its changes against the one before,
    every change a dict of ``field`` (the verbose name), ``old`` and ``new`` (as shown)."""
    model = type(obj)
    records = list(obj.history.select_related("history_user").order_by("history_date"))
    deltas = []
    for previous, record in zip([None, *records], records, strict=False):
        changes = []
        if previous is not None:
            changes = record.diff_against(previous, excluded_fields=NOT_SHOWN).changes
        deltas.append((record, _in_form_order(model, changes)))
    names = _related_names(model, [change for _record, changes in deltas for change in changes])
    entries = [
        {"record": record, "changes": [_shown_change(model, change, names) for change in changes]}
        for record, changes in deltas
    ]
    return list(reversed(entries))


def _in_form_order(model, changes):
    # simple-history sorts by field name; the model's own order reads like its form.
    order = {field.name: index for index, field in enumerate(model._meta.fields)}
    return sorted(changes, key=lambda change: order.get(change.field, len(order)))


def _related_names(model, changes):
    """{(related model, pk): name} for every related object any change refers to: one query
    per related model, whatever the number of records."""
    wanted = defaultdict(set)
    for change in changes:
        field = model._meta.get_field(change.field)
        if field.many_to_one:
            wanted[field.related_model].update(
                value for value in (change.old, change.new) if value is not None
            )
    names = {}
    for related, pks in wanted.items():
        for related_obj in related._base_manager.filter(pk__in=pks):
            names[related, related_obj.pk] = _name(related_obj)
    return names


def _name(related_obj):
    if isinstance(related_obj, get_user_model()):
        return related_obj.get_full_name() or related_obj.get_username()
    return str(related_obj)


def _shown_change(model, change, names):
    field = model._meta.get_field(change.field)
    return {
        "field": field.verbose_name,
        "old": _shown(field, change.old, names),
        "new": _shown(field, change.new, names),
    }


def _shown(field, value, names):
    if isinstance(value, list):  # a report's charts, by name
        value = ", ".join(str(CHART_NAMES.get(key, key)) for key in value)
    if value is None or value == "":
        return "—"
    if field.many_to_one:
        # A related object deleted since: its number is all the history still knows.
        return names.get((field.related_model, value)) or _("deleted (no. %(pk)s)") % {"pk": value}
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(field, models.DateTimeField):
        return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(field, models.DateField):
        month = field.name in MONTH_FIELDS
        return date_format(value, "YEAR_MONTH_FORMAT" if month else "SHORT_DATE_FORMAT")
    if isinstance(field, models.TimeField):
        return time_format(value, "TIME_FORMAT")
    return Truncator(str(value)).chars(LONGEST_VALUE)
