"""What is due in a council, gathered from every app for the overview.

The overview lives in ``meetings``, but what is due comes from all the apps: the mandate's end
from ``members``, sessions and resolutions from ``meetings``, the annual report from ``reports``,
which ``meetings`` may not import. So each app names, in ``AppConfig.due``, a module of its own
with two functions, and the overview collects them as ``members/permissions.py`` collects
``AppConfig.role_permissions``:

- ``figures(council, user, today)``: a dict of figures about the council's row, written as SQL
  (``members.sql``: ``exists``, ``count``, ``value``, ``first_row``). Every app's figures are
  read together, in one query, whatever the number of apps;
- ``items(council, user, figures, today)``: the ``DueItem`` lines, from the app's own figures
  (a dict of the same names) and, where a list is needed, at most two queries of its own,
  each bounded (a few rows), so the page's queries stay fixed.

Which lines a login gets is asked of its role in the council (``may``), inside each app.
"""

import dataclasses
import datetime
from functools import lru_cache
from importlib import import_module

from django.apps import apps

from .models import Council
from .sql import read_row


@dataclasses.dataclass(frozen=True)
class DueItem:
    """One line of what is due: what, and a link to where it is done.

    ``text`` says what is due (translated, complete as a sentence); ``action`` is the link's
    words and ``url`` its address. ``urgent`` lines (a deadline passed, a message not delivered)
    come first and say so in words, not only in colour; ``when`` (a date) orders the lines
    within each group, the earliest first.
    """

    text: str
    action: str
    url: str
    urgent: bool = False
    when: datetime.date | None = None

    def sort_key(self):
        return (not self.urgent, self.when or datetime.date.max)


@lru_cache(maxsize=1)
def due_sources():
    """(app label, module) of every app that declares ``due``, in INSTALLED_APPS order."""
    return tuple(
        (config.label, import_module(config.due))
        for config in apps.get_app_configs()
        if getattr(config, "due", None)
    )


def collect_due(council, user, today, figures=None):
    """What is due for the login in the council, and the figures the caller asked for beside.

    ``figures`` are the caller's own figures about the council's row, read in the same query
    as the apps'; returns ``(the caller's figures as values, [DueItem, ...])``.
    """
    expressions = dict(figures or {})
    asked = {}
    for label, source in due_sources():
        own = source.figures(council, user, today)
        asked[label] = list(own)
        expressions.update({f"{label}_{name}": expression for name, expression in own.items()})
    row = read_row(Council, council.pk, expressions)
    items = []
    for label, source in due_sources():
        own = {name: row[f"{label}_{name}"] for name in asked[label]}
        items.extend(source.items(council, user, own, today))
    items.sort(key=DueItem.sort_key)
    return {name: row[name] for name in figures or {}}, items
