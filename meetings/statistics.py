"""The council's year at a glance: sessions planned and held, attendance, resolutions, topics.

What the statistics page shows and the charts the annual report may include are computed here,
in at most four queries whatever the amount of data (the years, the sessions with their
figures, the attendance per organization, the agenda items of held sessions); a part nobody
reads is not queried.

What counts:
- the sessions of a year are those ``Session.objects.in_year`` finds (the session list's year);
  each is planned in the month of its ``planned_month`` when that lies in the year, else of its
  date, and held in the month of its date;
- attendance is the quorum's: the seats with a named person on the session's date, and of them
  who was present; only held sessions whose attendance was recorded count for the rates;
- resolutions are those of the year's held sessions; open and overdue as the register says it
  (``Resolution.is_open``), on the day the statistics are read;
- topics are the agenda items of held sessions (withdrawn ones left out), those with the same
  title (ignoring case and spacing) counted as one topic, so a standing item such as "Aktualna
  varnostna problematika" shows on how many sessions it came up.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Case, Count, Exists, F, Func, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from members.collation import slovenian_key
from members.models import Membership

from .charts import Chart, Series
from .models import AgendaItem, Attendance, Resolution, Session

# The charts a page or the annual report can show, by key.
CHART_CHOICES = [
    ("sessions-by-month", gettext_lazy("Sessions planned and held by month")),
    ("attendance-by-session", gettext_lazy("Attendance by session")),
    ("attendance-by-organization", gettext_lazy("Attendance by organization")),
    ("resolutions", gettext_lazy("Resolutions")),
]
CHART_KEYS = [key for key, _label in CHART_CHOICES]


def years_with_sessions(council):
    """The years the council has sessions in (as ``in_year`` places them), newest first, and
    this year; one query."""
    sessions = Session.objects.of_council(council).order_by()
    year = Coalesce(ExtractYear("date"), ExtractYear("planned_month"))
    found = sessions.annotate(year=year).values_list("year", flat=True).distinct()
    # A session planned with neither a date nor a month belongs to no year yet.
    return sorted({y for y in found if y} | {timezone.localdate().year}, reverse=True)


def percent(part, whole):
    """``part`` of ``whole`` in whole percent, halves rounded up; None of nothing."""
    if not whole:
        return None
    return (200 * part + whole) // (2 * whole)


def percent_text(number):
    if number is None:
        return "—"
    return _("%(percent)s%%") % {"percent": number}


@dataclass
class OrganizationAttendance:
    name: str
    seats: int  # seats at the sessions counted: one per seat and session
    present: int

    @property
    def rate(self):
        return percent(self.present, self.seats)


@dataclass
class Topic:
    title: str
    sessions: list = field(default_factory=list)
    presenters: list = field(default_factory=list)


@dataclass
class YearStatistics:
    """The figures of one council's year; each part is read from the database when first
    asked for."""

    council: object
    year: int
    today: object = None

    def __post_init__(self):
        self.today = self.today or timezone.localdate()

    # The sessions, each with its figures, in one query.

    @cached_property
    def sessions(self):
        """The year's sessions in order, each annotated with its month in the plan
        (``plan_month``), the seats and presence of its members, and its resolutions."""
        year = self.year
        plan_month = Case(
            When(planned_month__year=year, then=ExtractMonth("planned_month")),
            default=ExtractMonth("date"),
        )
        resolutions = Resolution.objects.filter(session=OuterRef("pk"))
        adopted = resolutions.filter(outcome=Resolution.Outcome.ADOPTED)
        open_ones = resolutions.open()
        return list(
            Session.objects.of_council(self.council)
            .in_year(year)
            .select_related("mandate__council")
            .annotate(
                plan_month=plan_month,
                seats=_count(_seats_on_session_day()),
                present=_count(_seats_with(Attendance.Presence.PRESENT)),
                excused=_count(_seats_with(Attendance.Presence.EXCUSED)),
                absent=_count(_seats_with(Attendance.Presence.ABSENT)),
                adopted=_count(adopted),
                rejected=_count(resolutions.filter(outcome=Resolution.Outcome.REJECTED)),
                carried_out=_count(adopted.filter(done_on__isnull=False)),
                open=_count(open_ones),
                overdue=_count(open_ones.filter(deadline__lt=self.today)),
            )
            .order_by(F("date").asc(nulls_last=True), "planned_month", "number")
        )

    @property
    def held(self):
        return [s for s in self.sessions if s.is_held]

    @property
    def recorded(self):
        """Held sessions whose attendance was recorded: the ones the rates are taken over."""
        return [s for s in self.held if s.present + s.excused + s.absent]

    @property
    def totals(self):
        sessions = self.sessions
        return {
            "planned": len(sessions),
            "held": len(self.held),
            "cancelled": sum(1 for s in sessions if s.is_cancelled),
            "to_come": sum(1 for s in sessions if s.is_to_come),
        }

    @property
    def months(self):
        """(first day of the month, sessions planned in it, sessions held in it) for each
        month of the year."""
        held_in = [s.date.month for s in self.held]
        planned_in = [s.plan_month for s in self.sessions]
        return [
            (datetime.date(self.year, m, 1), planned_in.count(m), held_in.count(m))
            for m in range(1, 13)
        ]

    @property
    def resolutions(self):
        """The year's resolutions as the register counts them; overdue ones are also open."""
        names = ("adopted", "rejected", "carried_out", "open", "overdue")
        return {name: sum(getattr(s, name) for s in self.held) for name in names}

    # Attendance per organization: one grouped query over the seats at the recorded sessions.

    @cached_property
    def organizations(self):
        recorded = [s.pk for s in self.recorded]
        if not recorded:
            return []
        # One row per seat and session it covered (``Membership.objects.on`` the session's day,
        # spelled out here): in one filter() call, so the session the seat is compared with is
        # the same joined row throughout, where a second call would join the sessions again.
        at_session = F("mandate__sessions__date")
        pairs = Membership.objects.filter(
            Q(mandate__sessions__pk__in=recorded),
            Q(person__isnull=False),
            Q(starts_on__lte=at_session),
            Q(ends_on__isnull=True) | Q(ends_on__gte=at_session),
        ).annotate(session_pk=F("mandate__sessions__pk"))
        was_present = Exists(
            Attendance.objects.filter(
                session=OuterRef("session_pk"),
                person=OuterRef("person"),
                presence=Attendance.Presence.PRESENT,
            )
        )
        rows = (
            pairs.values("organization", "organization__name", "organization__short_name")
            .annotate(seats=Count("pk"), present=Count("pk", filter=was_present))
            .order_by()
        )
        organizations = [
            OrganizationAttendance(
                name=row["organization__short_name"] or row["organization__name"],
                seats=row["seats"],
                present=row["present"],
            )
            for row in rows
        ]
        return sorted(organizations, key=lambda o: slovenian_key(o.name))

    # Topics: the agenda items of the held sessions, grouped by title.

    @cached_property
    def topics(self):
        held = {s.pk: s for s in self.held}
        if not held:
            return []
        items = (
            AgendaItem.objects.filter(session__pk__in=held, withdrawn=False)
            .select_related("presenter_person", "presenter_organization")
            .order_by(F("session__date"), "session__number", "position", "pk")
        )
        # Grouped here rather than in the database: SQLite's LOWER() folds only ASCII, so
        # "Čas" and "ČAS" would stay apart there.
        topics = {}
        for item in items:
            topic = topics.setdefault(_topic_key(item.title), Topic(title=item.title))
            session = held[item.session_id]
            if session not in topic.sessions:
                topic.sessions.append(session)
            presenter = str(item.presenter)
            if presenter and presenter not in topic.presenters:
                topic.presenters.append(presenter)
        return sorted(topics.values(), key=lambda t: -len(t.sessions))

    # The charts, each with the table of its numbers.

    def chart(self, key):
        return getattr(self, "_chart_" + key.replace("-", "_"))()

    def charts(self, keys=None):
        return [self.chart(key) for key in (keys if keys is not None else CHART_KEYS)]

    def _chart_sessions_by_month(self):
        months = self.months if self.sessions else []
        totals = self.totals
        planned_name, held_name = pgettext("sessions", "Planned"), pgettext("sessions", "Held")
        return Chart(
            key="sessions-by-month",
            title=_("Sessions planned and held by month, %(year)s") % {"year": self.year},
            description=_(
                "Bars for each month of %(year)s: sessions planned (light) and held (dark). "
                "%(planned)s, %(held)s."
            )
            % {
                "year": self.year,
                "planned": _sessions_planned(totals["planned"]),
                "held": _sessions_held(totals["held"]),
            },
            labels=[date_format(day, "b") for day, _p, _h in months],
            series=[
                Series(planned_name, [planned for _d, planned, _h in months]),
                Series(held_name, [held for _d, _p, held in months]),
            ],
            columns=[_("Month"), planned_name, held_name],
            rows=[[date_format(day, "F"), str(p), str(h)] for day, p, h in months],
            empty_message=_("No session was planned for %(year)s.") % {"year": self.year},
        )

    def _chart_attendance_by_session(self):
        recorded = self.recorded
        rates = [percent(s.present, s.seats) for s in recorded]
        not_recorded = [s for s in self.held if s not in recorded]
        notes = []
        if not_recorded:
            notes.append(
                _("Attendance was not recorded for: %(sessions)s.")
                % {"sessions": ", ".join(str(s) for s in not_recorded)}
            )
        return Chart(
            key="attendance-by-session",
            title=_("Attendance by session, %(year)s") % {"year": self.year},
            description=_(
                "A bar for each held session of %(year)s whose attendance was recorded: the "
                "share of the members who were present. Average: %(average)s."
            )
            % {
                "year": self.year,
                "average": percent_text(
                    percent(sum(s.present for s in recorded), sum(s.seats for s in recorded))
                ),
            },
            labels=[str(s) for s in recorded],
            series=[Series(pgettext("people", "Present"), rates)],
            columns=[
                _("Session"),
                _("Members"),
                pgettext("people", "Present"),
                pgettext("people", "Excused"),
                pgettext("people", "Absent"),
                _("Attendance"),
            ],
            rows=[
                [
                    f"{s} ({date_format(s.date, 'SHORT_DATE_FORMAT')})",
                    str(s.seats),
                    str(s.present),
                    str(s.excused),
                    str(s.absent),
                    percent_text(rate),
                ]
                for s, rate in zip(recorded, rates, strict=True)
            ],
            unit=percent_text(""),
            maximum=100,
            # Standing bars have room for about eight labels of "12. seja" side by side.
            horizontal=len(recorded) > 8,
            empty_message=_("No attendance was recorded at a session held in %(year)s.")
            % {"year": self.year},
            notes=notes,
        )

    def _chart_attendance_by_organization(self):
        organizations = self.organizations
        return Chart(
            key="attendance-by-organization",
            title=_("Attendance by organization, %(year)s") % {"year": self.year},
            description=_(
                "A bar for each organization: the share of its seats at the sessions of "
                "%(year)s with recorded attendance at which its member was present."
            )
            % {"year": self.year},
            labels=[o.name for o in organizations],
            series=[Series(pgettext("people", "Present"), [o.rate for o in organizations])],
            columns=[
                _("Organization"),
                _("Seats at sessions"),
                pgettext("people", "Present"),
                _("Attendance"),
            ],
            rows=[
                [o.name, str(o.seats), str(o.present), percent_text(o.rate)] for o in organizations
            ],
            unit=percent_text(""),
            maximum=100,
            horizontal=True,
            empty_message=_("No attendance was recorded at a session held in %(year)s.")
            % {"year": self.year},
        )

    def _chart_resolutions(self):
        counts = self.resolutions if self.held else {}
        names = [
            ("adopted", pgettext("resolutions", "Adopted")),
            ("carried_out", pgettext("resolutions", "Carried out")),
            ("open", pgettext("resolutions", "Open")),
            ("overdue", pgettext("resolutions", "Overdue")),
            ("rejected", pgettext("resolutions", "Rejected")),
        ]
        shown = names if any(counts.values()) else []
        return Chart(
            key="resolutions",
            title=_("Resolutions of %(year)s") % {"year": self.year},
            description=_(
                "A bar for each kind of resolution taken at the sessions of %(year)s, as on "
                "%(today)s: adopted, carried out, still open, overdue (open past their "
                "deadline, counted among the open too) and rejected."
            )
            % {"year": self.year, "today": date_format(self.today, "SHORT_DATE_FORMAT")},
            labels=[label for _name, label in shown],
            series=[Series(_("Resolutions"), [counts[name] for name, _label in shown])],
            columns=[_("Resolutions"), pgettext("how many", "Number")],
            rows=[[label, str(counts[name])] for name, label in shown],
            horizontal=True,
            empty_message=_("No resolution was taken at a session held in %(year)s.")
            % {"year": self.year},
        )


def _seats_on_session_day():
    """The seats with a named person on the day of the session in the outer query (its
    ``members_invited``)."""
    seats = Membership.objects.filter(mandate=OuterRef("mandate"), person__isnull=False)
    return seats.on(OuterRef("date"))


def _seats_with(presence):
    """Of those seats, the ones whose person was recorded with ``presence`` at the session."""
    recorded = Attendance.objects.filter(
        session=OuterRef(OuterRef("pk")), person=OuterRef("person"), presence=presence
    )
    return _seats_on_session_day().filter(Exists(recorded))


def _count(queryset):
    """COUNT(*) of ``queryset`` as a subquery, to be read beside other figures."""
    counted = queryset.order_by().annotate(count=Func(F("pk"), function="COUNT"))
    return Subquery(counted.values("count")[:1])


def _topic_key(title):
    return " ".join(title.split()).casefold().rstrip(".:;")


def _sessions_planned(count):
    return ngettext("%(count)s session planned", "%(count)s sessions planned", count) % {
        "count": count
    }


def _sessions_held(count):
    return ngettext("%(count)s held", "%(count)s held", count) % {"count": count}
