"""People, organizations, mandates and seats that the council's records refer to are kept.

Who attended a held session, who was invited, which organization was responsible for a
resolution, who sat on the council when it decided: deleting any of these would rewrite the
record. Much of it the database already holds (``on_delete=PROTECT``: attendance, invitation
deliveries, reports, seats, sessions); what no foreign key holds, the apps that keep the records
say with ``keep_while()`` (a seat in force on the day of a held session, for instance), and a
``pre_delete`` check enforces it on every path: a page, the admin, the shell, a cascade.

The answer is always a ``ProtectedError`` whose message says why, never a half-done delete; the
admin shows the same reasons on its delete page instead of deleting.
"""

from django.db import router
from django.db.models import ProtectedError, RestrictedError
from django.db.models.deletion import Collector
from django.db.models.fields.files import FieldFile
from django.db.models.signals import pre_delete
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

_checks = {}


def keep_while(model, check):
    """Keep objects of ``model`` while ``check(obj)`` names reasons (short sentences) to."""
    checks = _checks.setdefault(model, [])
    if check not in checks:
        checks.append(check)
    pre_delete.connect(_refuse, sender=model, dispatch_uid=f"kept-in-record-{model._meta.label}")


def recorded_reasons(obj):
    """Why the records keep ``obj``, from the checks apps registered (not foreign keys)."""
    return [reason for check in _checks.get(type(obj), ()) for reason in check(obj)]


def reasons_to_keep(obj):
    """Every reason ``obj`` cannot be deleted: what refers to it and the registered checks."""
    collector = Collector(using=router.db_for_write(type(obj), instance=obj), origin=obj)
    reasons = []
    try:
        collector.collect([obj])
    except ProtectedError as error:
        reasons.append(_referred_to_by(error.protected_objects))
    except RestrictedError as error:
        reasons.append(_referred_to_by(error.restricted_objects))
    return reasons + recorded_reasons(obj)


def refuse_if_kept(obj):
    reasons = reasons_to_keep(obj)
    if reasons:
        raise ProtectedError(_kept_message(obj, reasons), {obj})


class KeptInRecord:
    """``delete()`` says in words why the records keep the object, before Django would."""

    def delete(self, *args, **kwargs):
        refuse_if_kept(self)
        return super().delete(*args, **kwargs)


def _refuse(sender, instance, **kwargs):
    reasons = recorded_reasons(instance)
    if reasons:
        raise ProtectedError(_kept_message(instance, reasons), {instance})


def changed_fields(stored, instance, update_fields=None):
    """The names of the fields whose value in ``instance`` differs from ``stored``, the row as
    the database holds it (of ``update_fields`` only, when a save names them).

    For the rules that keep a final record as it is (meetings/records.py, reports/records.py).
    """
    fields = [f for f in type(instance)._meta.concrete_fields if not f.primary_key]
    if update_fields is not None:
        fields = [f for f in fields if f.name in update_fields or f.attname in update_fields]
    return {f.name for f in fields if _value(stored, f) != _value(instance, f)}


def _value(obj, field):
    value = getattr(obj, field.attname)
    # A file field holds a FieldFile; the row holds its name.
    return value.name or "" if isinstance(value, FieldFile) else value


def _kept_message(obj, reasons):
    message = _("%(object)s cannot be deleted, because the council's records refer to it: %(why)s.")
    return message % {"object": obj, "why": "; ".join(reasons)}


def _referred_to_by(objects):
    counts = {}
    for referring in objects:
        name = referring._meta.verbose_name_plural
        counts[name] = counts.get(name, 0) + 1
    kinds = [f"{name} ({count})" for name, count in sorted(counts.items(), key=str)]
    return _("it is named in %(kinds)s") % {"kinds": get_text_list(kinds, _("and"))}
