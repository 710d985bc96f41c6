"""The rules of sessions and resolutions that the overview's SQL asks (members/sql.py says why),
each a condition on a row with the alias given, written here once: the queryset methods of
meetings/models.py (``SessionQuerySet.upcoming`` ...) filter by them (``members.sql.condition``),
so the ORM's queries and the overview's SQL ask the same rule. tests/meetings/test_overview_sql.py
holds each to the sessions and resolutions it should find at the edges.

The models are read when a rule is written (models.py imports this module).
"""

from members.sql import a_date, condition, seat_on

from . import models


def _one_of(choices):
    """Choices as SQL literals: the models' own values, never what a user typed."""
    return "(" + ", ".join(f"'{choice}'" for choice in choices) + ")"


def on_the_day(rule, today):
    """A rule of sessions that names ``%(today)s`` and ``%(month)s`` (the first day of today's
    month), as a filter of the ORM."""
    return condition(rule, today=a_date(today), month=a_date(today.replace(day=1)))


def upcoming(s):
    """The session ``s`` is to come (``SessionQuerySet.upcoming(today)``): not yet held or
    cancelled, dated today or later, or planned for this month or later without a date; names
    ``%(today)s`` and ``%(month)s``, the first day of today's month."""
    return (
        f"{s}.status IN {_one_of(models.Session.TO_COME)}"
        f" AND ({s}.date >= %(today)s OR ({s}.date IS NULL AND {s}.planned_month >= %(month)s))"
    )


def overdue(s):
    """The session ``s`` is overdue (``SessionQuerySet.overdue(today)``): still to come by its
    status, its day passed; names ``%(today)s`` and ``%(month)s``."""
    return (
        f"{s}.status IN {_one_of(models.Session.TO_COME)}"
        f" AND ({s}.date < %(today)s OR ({s}.date IS NULL AND {s}.planned_month < %(month)s))"
    )


def held(s):
    """The session ``s`` is held (``SessionQuerySet.held()``)."""
    return f"{s}.status = '{models.Session.Status.HELD}'"


def awaiting_approval(s):
    """The session ``s`` awaits the approval of its minutes
    (``SessionQuerySet.awaiting_approval()``): held, minutes not approved."""
    return f"{held(s)} AND {s}.minutes_approved_at_id IS NULL"


def adopted(r):
    """The resolution ``r`` was adopted (``ResolutionQuerySet.adopted()``)."""
    return f"{r}.outcome = '{models.Resolution.Outcome.ADOPTED}'"


def open_resolution(r):
    """The resolution ``r`` is open (``ResolutionQuerySet.open()``): adopted, with someone
    responsible, not yet carried out."""
    return f"{adopted(r)} AND {r}.responsible_id IS NOT NULL AND {r}.done_on IS NULL"


def invited_seat(ms, day):
    """The seat ``ms`` is invited to a session on ``day`` (SQL: a column, a name): held that
    day, with a named person. The one definition; ``Session.members_invited`` filters by it
    (``invited_on_day``), the session page and the overview ask it in their SQL."""
    return f"{seat_on(ms, day)} AND {ms}.person_id IS NOT NULL"


def invited_on_day(ms):
    """``invited_seat`` on the day named ``%(day)s``."""
    return invited_seat(ms, "%(day)s")
