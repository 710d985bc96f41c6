"""Drafting the data parts of the annual report from what the portal knows.

The document is Slovenian whatever language the secretary's screen is in, so everything here is
written under the Slovenian locale. Drafts are plain text (see ``templatetags/plain_text.py``) and
stay editable; drafting again overwrites only the drafted parts.
"""

import re

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from meetings.models import Session
from members.models import Membership

from .drafting_membership import represented
from .drafting_sessions import held_in, not_held
from .models import AnnualReport
from .slovenian import ACCUSATIVE, FEMININE, count_in_words, month_name, short_date

DRAFTED_FIELDS = [
    "subject",
    "introduction",
    "report_heading",
    "plan_heading",
    "membership",
    "sessions",
    "schedule",
    "topics",
]
NARRATIVE_FIELDS = ["salutation", "background", "conclusion", "schedule_note", "projects"]
DOCUMENT_LANGUAGE = "sl"


def draft_parts(council, report_year):
    """The drafted parts of the report on ``report_year`` with the plan for the year after."""
    plan_year = report_year + 1
    sessions = Session.objects.of_council(council).select_related("mandate")
    planned = list(
        sessions.in_year(plan_year)
        .exclude(status=Session.Status.CANCELLED)
        .order_by("number")
        .prefetch_related("items")
    )
    mandate = council.mandates.covering(f"{report_year}-12-31").first() or council.mandates.first()
    of_the_year = list(sessions.in_year(report_year).order_by("mandate__starts_on", "number"))
    with translation.override(DOCUMENT_LANGUAGE):
        held = held_in(council, report_year)
        # What was held set beside what the plan had foreseen.
        record_and_plan = [
            held_count_sentence(report_year, len(held), len(of_the_year)),
            *not_held(of_the_year),
        ]
        context = {
            "council": council,
            "name": council.name_genitive or council.name,
            "year": report_year,
            "plan_year": plan_year,
            "held": held,
            "held_count_sentence": " ".join(record_and_plan),
            "few_sessions": len(held) <= 1,
            "chair": chair_on(council, f"{report_year}-12-31"),
            "represented": represented(mandate, report_year),
            "mandate": mandate,
            "planned": [(session, when_planned(session)) for session in planned],
            "topics": plan_topics(planned),
        }
        return {field: _render(f"reports/drafts/{field}.txt", context) for field in DRAFTED_FIELDS}


def _render(template_name, context):
    text = render_to_string(template_name, context)
    # Templates are laid out for reading; the draft keeps single blank lines between paragraphs.
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def held_count_sentence(year, held, planned):
    """ "V letu 2023 je bila sklicana samo ena seja …", "… sta bili sklicani dve seji …", and
    what the plan had foreseen when it was more."""
    if held == 0:
        sentence = _("In %(year)s no session of the security council was convened.") % {
            "year": year
        }
    elif held == 1:
        # "samo ena": the council's own words for a year of one session (the seed's).
        sentence = _("In %(year)s only one session of the security council was convened.") % {
            "year": year
        }
    else:
        sentence = ngettext(
            "In %(year)s %(count)s session of the security council was convened.",
            "In %(year)s %(count)s sessions of the security council were convened.",
            held,
        ) % {"year": year, "count": count_in_words(held, FEMININE)}
    if planned > held:
        sentence += " " + ngettext(
            "The work plan foresaw %(count)s session.",
            "The work plan foresaw %(count)s sessions.",
            planned,
        ) % {"count": count_in_words(planned, FEMININE, ACCUSATIVE)}
    return sentence


def chair_on(council, day):
    return (
        Membership.objects.filter(mandate__council=council, role=Membership.Role.CHAIR)
        .on(day)
        .select_related("person")
        .first()
    )


def when_planned(session):
    """ "mesec marec 2024" for a month, the date itself once it is known."""
    if session.date:
        return short_date(session.date)
    month = f"{month_name(session.planned_month.month)} {session.planned_month.year}"
    return _("month %(month)s") % {"month": month}


def plan_topics(planned_sessions):
    """Each agenda topic of the plan year with its timing: "junij", or "skozi celo leto" for a
    topic on every planned session."""
    months = {}
    for session in planned_sessions:
        day = session.date or session.planned_month
        for item in session.items.all():
            if not item.withdrawn:
                months.setdefault(item.title, []).append(month_name(day.month))
    every_session = len(planned_sessions) > 1
    return [
        (
            title,
            _("throughout the year")
            if every_session and len(when) == len(planned_sessions)
            else ", ".join(dict.fromkeys(when)),
        )
        for title, when in months.items()
    ]


def carry_over(text, from_year):
    """Last year's narrative for next year: its report and plan years move on by one."""
    years = {str(from_year): str(from_year + 1), str(from_year + 1): str(from_year + 2)}
    return re.sub(r"\b(\d{4})\b", lambda m: years.get(m.group(1), m.group(1)), text)


def report_start(council, report_year, *, by=None):
    """A new draft for ``report_year``: last year's narrative carried over, the data drafted."""
    previous = (
        AnnualReport.objects.filter(council=council, report_year=report_year - 1)
        .order_by("-version")
        .first()
    )
    report = AnnualReport(
        council=council, report_year=report_year, plan_year=report_year + 1, updated_by=by
    )
    if previous:
        for field in NARRATIVE_FIELDS:
            setattr(report, field, carry_over(getattr(previous, field), previous.report_year))
        report.preparer = previous.preparer
        report.signatory = previous.signatory
    else:
        report.background = council.purpose
        chair = chair_on(council, f"{report_year}-12-31")
        report.signatory = chair.person if chair else None
    for field, text in draft_parts(council, report_year).items():
        setattr(report, field, text)
    return report
