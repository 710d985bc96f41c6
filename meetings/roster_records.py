"""What the council's records say about the roster, so that members keeps those rows.

A seat in force on the day of a held session, or of a session whose invitation went out, is
part of that session's record (who sat on the council then); a person or an organization that
presented an item of a held session, or answers for a resolution, is named in it. No foreign key
holds these (the seat is found by its dates; presenters and the responsible organization are
``SET_NULL``), so they are registered with ``members.records.keep_while``.
"""

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from members.models import Membership, Organization, Person
from members.records import keep_while

from .models import AgendaItem, Resolution, Session, sessions_in_the_record

IN_THE_RECORD = Q(status=Session.Status.HELD) | Q(convened_at__isnull=False)


def seat_in_the_record(membership):
    sessions = membership.mandate.sessions.filter(IN_THE_RECORD).filter(
        date__gte=membership.starts_on, date__lte=membership.last_day
    )
    return [
        _("the seat was in force on %(day)s (%(session)s)")
        % {"session": session, "day": date_format(session.date, "SHORT_DATE_FORMAT")}
        for session in sessions.order_by("date")
    ]


def presenter_in_the_record(person_or_organization):
    is_person = isinstance(person_or_organization, Person)
    field = "presenter_person" if is_person else "presenter_organization"
    items = AgendaItem.objects.filter(**{field: person_or_organization}).filter(
        sessions_in_the_record("session__")
    )
    count = items.count()
    if not count:
        return []
    return [_("presented an item of a held session (%(count)s)") % {"count": count}]


def responsible_in_the_record(organization):
    resolutions = Resolution.objects.filter(responsible=organization).filter(
        sessions_in_the_record("session__")
    )
    count = resolutions.count()
    if not count:
        return []
    return [_("responsible for resolutions of held sessions (%(count)s)") % {"count": count}]


def connect():
    keep_while(Membership, seat_in_the_record)
    keep_while(Person, presenter_in_the_record)
    keep_while(Organization, presenter_in_the_record)
    keep_while(Organization, responsible_in_the_record)
