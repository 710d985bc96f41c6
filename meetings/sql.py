"""The rules of sessions and resolutions that the overview's SQL asks (members/sql.py says why),
each a condition on a row with the alias given, beside the ORM rule it follows;
tests/meetings/test_overview_sql.py holds each to it."""

from .models import Resolution, Session


def _one_of(choices):
    """Choices as SQL literals: the models' own values, never what a user typed."""
    return "(" + ", ".join(f"'{choice}'" for choice in choices) + ")"


def upcoming(s):
    """``SessionQuerySet.upcoming(today)`` of the session ``s``; names ``%(today)s`` and
    ``%(month)s``, the first day of today's month."""
    return (
        f"{s}.status IN {_one_of(Session.TO_COME)}"
        f" AND ({s}.date >= %(today)s OR ({s}.date IS NULL AND {s}.planned_month >= %(month)s))"
    )


def overdue(s):
    """``SessionQuerySet.overdue(today)`` of the session ``s``: still to come by its status, its
    day passed; names ``%(today)s`` and ``%(month)s``."""
    return (
        f"{s}.status IN {_one_of(Session.TO_COME)}"
        f" AND ({s}.date < %(today)s OR ({s}.date IS NULL AND {s}.planned_month < %(month)s))"
    )


def held(s):
    """``SessionQuerySet.held()`` of the session ``s``."""
    return f"{s}.status = '{Session.Status.HELD}'"


def awaiting_approval(s):
    """``SessionQuerySet.awaiting_approval()`` of the session ``s``: held, minutes not approved."""
    return f"{held(s)} AND {s}.minutes_approved_at_id IS NULL"


def open_resolution(r):
    """``ResolutionQuerySet.open()`` of the resolution ``r``: adopted, with someone responsible,
    not yet carried out."""
    return (
        f"{r}.outcome = '{Resolution.Outcome.ADOPTED}'"
        f" AND {r}.responsible_id IS NOT NULL AND {r}.done_on IS NULL"
    )
