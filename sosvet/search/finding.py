"""Finding what a login may see: sessions, agenda items, resolutions, materials' names and annual
reports of every council where it holds a role, in one query.

Access is the pages' own rules, asked once per council the login holds a role in: the role's
permission to view each kind (``may(user, "meetings.view_session")``, as the session pages
authorise) and, for annual reports, ``AnnualReport.objects.visible_to`` (drafts only for roles
that may see drafts, as the report pages fetch them). What the pages do not show is not found
either: withdrawn agenda items and materials.

Matching ignores case and diacritics ("crnomelj" finds "Črnomelj"):
- PostgreSQL: full-text search over ``unaccent()`` of the texts with the "simple" configuration
  (no stemming: Slovenian has none built in), every word of the query as a prefix, so "sej" finds
  "seja" and "seje"; results ranked.
- SQLite: every word of the query must occur in the folded text (folding.py); the latest first.

The kinds are read as one UNION of five SELECTs, so a search costs one query however many
councils and kinds it spans.
"""

import re
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import CharField, DateField, F, FloatField, Func, IntegerField, Q, Value
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from meetings.models import AgendaItem, Material, Resolution, Session
from members.models import CouncilAccess
from members.permissions import may
from reports.models import AnnualReport

from .folding import fold

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 50
# Letters and digits: whatever else is typed only separates words (and never reaches the
# full-text query's own syntax).
WORD = re.compile(r"[^\W_]+")
REPORT_TEXTS = (
    "subject",
    "introduction",
    "background",
    "membership",
    "sessions",
    "conclusion",
    "schedule",
    "schedule_note",
    "topics",
    "projects",
)

KIND_LABELS = {
    "session": _("Session"),
    "item": _("Agenda item"),
    "resolution": _("Resolution"),
    "material": _("Material"),
    "report": _("Annual report"),
}


class QueryTooLong(ValueError):
    pass


def words_of(query):
    """The words to look for; QueryTooLong past MAX_QUERY_LENGTH characters."""
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryTooLong
    return WORD.findall(query)


@dataclass
class Hit:
    kind: str
    council: object
    title: str
    detail: str
    url: str
    session_label: str
    day: object

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]


def find(user, words):
    """The first MAX_RESULTS + 1 hits for ``words`` the login may see (one more than shown, to
    tell whether there are more), and the councils searched."""
    accesses = list(CouncilAccess.objects.filter(user=user).select_related("council"))
    councils = {access.council_id: access.council for access in accesses}
    if not words or not accesses:
        return [], list(councils.values())
    # A kind the role may see in none of the councils filters on no council at all: Django
    # leaves such a SELECT out of the UNION.
    first, *others = _branches(user, accesses, words)
    rows = first.union(*others, all=True).order_by("-hit_rank", "-hit_day", "hit_kind", "hit_id")
    return [_hit(row, councils) for row in rows[: MAX_RESULTS + 1]], list(councils.values())


def _branches(user, accesses, words):
    def where(perm):
        return [access.council_id for access in accesses if _may_in(user, access, perm)]

    sessions = Session.objects.filter(mandate__council__in=where("meetings.view_session"))
    yield _branch(
        sessions,
        words,
        kind="session",
        texts=("place", "notes"),
        council="mandate__council_id",
        session="pk",
        number="number",
        anchor=None,
        day="date",
        title="place",
        detail="notes",
    )
    items = AgendaItem.objects.filter(
        session__mandate__council__in=where("meetings.view_agendaitem"), withdrawn=False
    )
    yield _branch(
        items,
        words,
        kind="item",
        texts=("title", "description"),
        council="session__mandate__council_id",
        session="session_id",
        number="session__number",
        anchor="pk",
        day="session__date",
        title="title",
        detail="description",
    )
    resolutions = Resolution.objects.filter(
        session__mandate__council__in=where("meetings.view_resolution")
    )
    yield _branch(
        resolutions,
        words,
        kind="resolution",
        texts=("text",),
        council="session__mandate__council_id",
        session="session_id",
        number="session__number",
        anchor="item_id",
        day="session__date",
        title="text",
        detail="item__title",
    )
    materials = Material.objects.filter(
        item__session__mandate__council__in=where("meetings.view_material"),
        withdrawn_at__isnull=True,
        item__withdrawn=False,
    )
    yield _branch(
        materials,
        words,
        kind="material",
        texts=("original_name",),
        council="item__session__mandate__council_id",
        session="item__session_id",
        number="item__session__number",
        anchor="item_id",
        day="item__session__date",
        title="original_name",
        detail="item__title",
    )
    yield _branch(
        _visible_reports(user, accesses),
        words,
        kind="report",
        texts=REPORT_TEXTS,
        council="council_id",
        session=None,
        number="report_year",
        anchor=None,
        day="adopted_on",
        title="subject",
        detail=None,
    )


@contextmanager
def _in_council_of(user, access):
    """Ask the role rules as a page of the council of ``access`` asks them: ``may`` without an
    object reads the role ``members.access.council_view`` opened, so open this one meanwhile."""
    opened = getattr(user, "council_access", None)
    user.council_access = access
    try:
        yield
    finally:
        user.council_access = opened


def _may_in(user, access, perm):
    with _in_council_of(user, access):
        return may(user, perm)


def _visible_reports(user, accesses):
    """The reports each role may open, council by council (drafts only where the role may see
    drafts): the report pages' own ``visible_to``."""
    reports = AnnualReport.objects.none()
    for access in accesses:
        with _in_council_of(user, access):
            reports |= AnnualReport.objects.filter(council=access.council_id).visible_to(user)
    return reports


def _branch(queryset, words, *, kind, texts, council, session, number, anchor, day, title, detail):
    """One kind's SELECT, with the columns every kind gives in the same order."""
    matched, rank = _match(queryset, texts, words)
    # Named apart from every model's fields, which an annotation may not shadow.
    columns = {
        "hit_kind": Value(kind, output_field=CharField()),
        "hit_id": F("pk"),
        "hit_council": F(council),
        "hit_session": F(session) if session else Cast(Value(None), IntegerField()),
        "hit_number": F(number),
        "hit_anchor": F(anchor) if anchor else Cast(Value(None), IntegerField()),
        "hit_day": F(day) if day else Cast(Value(None), DateField()),
        "hit_title": Cast(F(title), CharField()),
        "hit_detail": Cast(F(detail), CharField()) if detail else Value("", CharField()),
        "hit_rank": rank,
    }
    return matched.order_by().annotate(**columns).values(*columns)


def _match(queryset, texts, words):
    """The rows whose texts hold every word, and their rank (0 on SQLite)."""
    if connection.vendor == "postgresql":
        vector = SearchVector(*(Func(F(text), function="unaccent") for text in texts),
                              config="simple")  # fmt: skip
        prefixes = " & ".join(f"{word}:*" for word in words)
        query = SearchQuery(
            Func(Value(prefixes), function="unaccent", output_field=CharField()),
            search_type="raw",
            config="simple",
        )
        matched = queryset.annotate(found_in=vector).filter(found_in=query)
        return matched, SearchRank(F("found_in"), query)
    folded = FoldedText(*(Coalesce(F(text), Value("")) for text in texts))
    matched = queryset.annotate(found_in=folded)
    condition = Q()
    for word in words:
        condition &= Q(found_in__contains=fold(word))
    return matched.filter(condition), Value(0.0, output_field=FloatField())


class FoldedText(Func):
    """The texts joined by spaces, folded (folding.py): SQLite's ``sosvet_fold(a || ' '
    || b ...)``, flat where Django's Concat would nest a pair per text."""

    function = "sosvet_fold"
    arg_joiner = " || ' ' || "
    output_field = CharField()


def _hit(row, councils):
    council = councils[row["hit_council"]]
    kind, number = row["hit_kind"], row["hit_number"]
    if kind == "report":
        url = reverse("reports:report", kwargs={"council": council.slug, "pk": row["hit_id"]})
        context = _("Report %(year)s and plan %(plan)s") % {"year": number, "plan": number + 1}
    else:
        kwargs = {"council": council.slug, "pk": row["hit_session"]}
        url = reverse("meetings:session", kwargs=kwargs)
        if row["hit_anchor"]:
            url += f"#item-{row['hit_anchor']}"
        context = _("%(number)s. session") % {"number": number}
    if kind == "session":  # a session is named by its number; its place tells which it was
        title, detail = context, row["hit_title"]
    else:
        title, detail = row["hit_title"], row["hit_detail"]
    return Hit(
        kind=kind,
        council=council,
        title=title,
        detail=detail,
        url=url,
        session_label=context,
        day=row["hit_day"],
    )
