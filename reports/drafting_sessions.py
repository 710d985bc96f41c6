"""1.3 Seje, written from the record: for each session held in the year, its place in the year,
number, kind and date, what each agenda item's presenter presented, the resolutions as adopted,
and the secretary's own addition; then the sessions of the plan that were not held.

Called under the document's language (Slovenian); the messages are in the catalogue.
"""

import calendar

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy

from meetings.models import AgendaItem, Resolution, Session
from members.models import Membership

from .slovenian import (
    ACCUSATIVE,
    FEMININE,
    LOCATIVE,
    MASCULINE,
    as_sentence,
    count_in_words,
    gender_of_description,
    join_with_and,
    month_name,
    ordinal_feminine,
    short_date,
    title_in_accusative,
    without_final_stop,
)


def held_in(council, year):
    """The sessions held in ``year``, in order, with what 1.3 says of them: four queries,
    however many sessions, items and resolutions there are."""
    items = AgendaItem.objects.filter(withdrawn=False).select_related(
        "presenter_person", "presenter_organization"
    )
    sessions = list(
        Session.objects.of_council(council)
        .held()
        .filter(date__year=year)
        .order_by("date", "number")
        .select_related("mandate")
        .prefetch_related(
            Prefetch("items", queryset=items),
            Prefetch("resolutions", queryset=Resolution.objects.order_by("number")),
        )
    )
    seats = presenters_seats(council, sessions)
    return [
        session_paragraph(session, position, council, year, seats)
        for position, session in enumerate(sessions, start=1)
    ]


def presenters_seats(council, sessions):
    """The seats of the members who presented an item: their function is written before their
    name ("Načelnik PP Ptuj mag. Aleksander LUBEJ")."""
    people = {
        item.presenter_person_id
        for session in sessions
        for item in session.items.all()
        if item.presenter_person_id
    }
    if not people:
        return []
    return list(
        Membership.objects.filter(mandate__council=council, person__in=people)
        .select_related("mandate", "organization")
        .order_by("starts_on")
    )


def session_paragraph(session, position, council, year, seats):
    sentences = [opening(session, position, council, year)]
    sentences += kind_sentences(session)
    resolutions = {}
    for resolution in session.resolutions.all():
        resolutions.setdefault(resolution.item_id, []).append(resolution)
    said, unsaid = [], []
    for item in session.items.all():
        about_item = presentation(item, session, seats) + decisions(resolutions.get(item.pk, []))
        if about_item:
            said += about_item
        else:
            unsaid.append(item.title)
    sentences += said
    if unsaid:
        sentences.append(items_also_dealt_with(unsaid, also=bool(said)))
    if session.report_summary.strip():
        sentences.append(session.report_summary.strip())
    return " ".join(sentences)


def opening(session, position, council, year):
    names = {
        "ordinal": ordinal_feminine(position),
        "council": council.name_genitive or council.name,
        "year": year,
        "date": short_date(session.date),
        "number": session.number,
        "mandate": session.mandate.label,
    }
    if session.number == position:
        # "Prva seja … v letu 2023" is also the first of its mandate: the number says nothing more.
        return _("%(ordinal)s session of %(council)s in %(year)s took place on %(date)s.") % names
    return (
        _(
            "%(ordinal)s session of %(council)s in %(year)s, session no. %(number)s of the "
            "mandate %(mandate)s, took place on %(date)s."
        )
        % names
    )


def kind_sentences(session):
    if session.kind == Session.Kind.CONSTITUTIVE:
        return [
            _("At the session the security council was constituted in the new mandate %(m)s.")
            % {"m": session.mandate.label}
        ]
    if session.kind == Session.Kind.EXTRAORDINARY:
        return [_("It was an extraordinary session.")]
    if session.kind == Session.Kind.CORRESPONDENCE:
        return [_("It was a session by correspondence.")]
    return []


def presentation(item, session, seats):
    """Who presented the item: "Načelnik PP Ptuj mag. Aleksander LUBEJ je predstavil …"."""
    if item.presenter_text.strip():
        who = item.presenter_text.strip()
        gender = gender_of_description(who)
        if gender is None:
            # Nothing in the description says whether "predstavil" or "predstavila".
            return [
                _("The item “%(title)s” was presented by: %(who)s.")
                % {"title": item.title, "who": who}
            ]
    elif item.presenter_person:
        who = member_as_presenter(item.presenter_person, session, seats)
        gender = item.presenter_person.gender
    elif item.presenter_organization:
        who = _("The organization %(name)s") % {"name": item.presenter_organization.name}
        gender = FEMININE  # "organizacija … je predstavila"
    else:
        return []
    presented_what, presented_item = PRESENTED[FEMININE if gender == FEMININE else MASCULINE]
    names = {"who": capfirst(who), "title": item.title}
    accusative = title_in_accusative(item.title)
    if accusative:
        return [presented_what % {**names, "what": accusative}]
    return [presented_item % names]


# The verb agrees with the presenter: "je predstavil" / "je predstavila". The title itself is
# inflected where slovenian.title_in_accusative knows how ("Informacijo o …"), else quoted.
PRESENTED = {
    MASCULINE: (
        pgettext_lazy("man", "%(who)s presented %(what)s."),
        pgettext_lazy("man", "%(who)s presented the item “%(title)s”."),
    ),
    FEMININE: (
        pgettext_lazy("woman", "%(who)s presented %(what)s."),
        pgettext_lazy("woman", "%(who)s presented the item “%(title)s”."),
    ),
}


def member_as_presenter(person, session, seats):
    """The member with their function on the session's day, as the seed writes it; without a
    function, with the organization they sit for."""
    seat = next(
        (
            seat
            for seat in seats
            if seat.person_id == person.pk
            and seat.mandate_id == session.mandate_id
            and seat.is_active_on(session.date)
        ),
        None,
    )
    if seat is None:
        return person.full_name
    if seat.function_title:
        return f"{seat.function_title} {person.full_name}"
    return f"{person.full_name} ({seat.organization.short_name or seat.organization.name})"


def decisions(resolutions):
    """The resolutions adopted, as recorded; a rejected proposal is said to be rejected."""
    sentences = []
    for resolution in resolutions:
        if resolution.outcome == Resolution.Outcome.ADOPTED:
            sentences.append(as_sentence(resolution.text))
        else:
            sentences.append(
                _("The proposed resolution “%(text)s” was not adopted.")
                % {"text": without_final_stop(resolution.text)}
            )
    return [sentence for sentence in sentences if sentence]


def items_also_dealt_with(titles, *, also):
    """The items about which the record says nothing more than their title: "tudi točko »A«",
    "tudi dve točki: »A« in »B«"."""
    names = {
        "count": count_in_words(len(titles), FEMININE, ACCUSATIVE),
        "items": join_with_and(f"»{title}«" for title in titles),
    }
    if len(titles) == 1:
        # One item is named without its count ("točko »A«", not "eno točko: »A«").
        if also:
            return _("The security council also dealt with the item %(items)s.") % names
        return _("The security council dealt with the item %(items)s.") % names
    if also:
        return (
            ngettext(
                "The security council also dealt with %(count)s item: %(items)s.",
                "The security council also dealt with %(count)s items: %(items)s.",
                len(titles),
            )
            % names
        )
    return (
        ngettext(
            "The security council dealt with %(count)s item: %(items)s.",
            "The security council dealt with %(count)s items: %(items)s.",
            len(titles),
        )
        % names
    )


def not_held(sessions_of_the_year, today=None):
    """Of the sessions dated or planned in the year, those cancelled, and those whose day or
    month has passed without their being held: "3. seja, načrtovana v juniju, ni bila …"."""
    today = today or timezone.localdate()
    sentences = []
    for session in sessions_of_the_year:
        if session.is_held:
            continue
        day = session.date or session.planned_month
        names = {"number": session.number, "month": month_name(day.month, LOCATIVE)}
        if session.is_cancelled:
            sentence = _("Session no. %(number)s, planned for %(month)s, was cancelled.")
        elif (session.date or last_day_of_month(day)) < today:
            sentence = _("Session no. %(number)s, planned for %(month)s, was not held.")
        else:
            continue  # still to come
        sentences.append(sentence % names)
    return sentences


def last_day_of_month(day):
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])
