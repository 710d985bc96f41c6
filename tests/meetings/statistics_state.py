"""A council's last year, with something of every kind the statistics count or leave out."""

import datetime

from django.utils import timezone

from meetings.models import AgendaItem, Attendance, Resolution, Session
from members.models import Membership, Organization, Person
from tests.conftest import make_seat
from tests.meetings.factories import make_items, make_session


def last_year():
    return timezone.localdate().year - 1


def person(council, first_name, **extra):
    return Person.objects.create(
        council=council, first_name=first_name, last_name="Kovač", gender="f", **extra
    )


def present(session, *people, presence=Attendance.Presence.PRESENT):
    for someone in people:
        Attendance.objects.create(session=session, person=someone, presence=presence)


def prepare_year(mandate, police, *, year=None, copies=1):
    """Sessions of ``year`` (last year unless given) in the ``mandate`` (which must cover it):

    - the 1st, planned for March and held in April, attendance recorded (a member present
      before her seat began is not counted); resolutions overdue, carried out and rejected;
    - the 2nd, held in June with no month planned, attendance recorded; a resolution still open
      (deadline to come) and one with no one responsible; a withdrawn item;
    - the 3rd, held in September, attendance not recorded;
    - the 4th, planned for November and never held; the 5th, cancelled in October;
    - ``copies`` - 1 more sessions like the 2nd, to see that the queries do not grow.
    """
    year = year or last_year()
    council = mandate.council
    city = Organization.objects.create(council=council, name="Mestna uprava")
    district = Organization.objects.create(council=council, name="Četrtna skupnost Center")
    ana, bojan = person(council, "Ana"), person(council, "Bojan")
    cvetka, darja = person(council, "Cvetka"), person(council, "Darja")
    make_seat(mandate, ana, police)
    make_seat(mandate, bojan, police)
    make_seat(mandate, cvetka, city, ends_on=datetime.date(year, 6, 30))
    make_seat(mandate, darja, district, starts_on=datetime.date(year, 6, 1))
    Membership.objects.create(mandate=mandate, organization=district, starts_on=mandate.starts_on)

    first = make_session(
        mandate,
        1,
        date=datetime.date(year, 4, 10),
        planned_month=datetime.date(year, 3, 1),
        status=Session.Status.HELD,
    )
    standing, report = make_items(first, "Aktualna varnostna problematika", "Poročilo PP Ptuj")
    report.presenter_organization = police
    report.save()
    present(first, ana, cvetka, darja)
    present(first, bojan, presence=Attendance.Presence.EXCUSED)
    Resolution.objects.create(session=first, item=standing, number=1, text="Ukrep.",
                              responsible=police, deadline=datetime.date(year, 5, 1))  # fmt: skip
    Resolution.objects.create(session=first, item=report, number=2, text="Izvedeno.",
                              responsible=city, done_on=datetime.date(year, 5, 2))  # fmt: skip
    Resolution.objects.create(session=first, item=report, number=3, text="Zavrnjeno.",
                              outcome=Resolution.Outcome.REJECTED)  # fmt: skip

    for number in range(2, copies + 2):
        second = make_session(
            mandate, number, date=datetime.date(year, 6, 20), status=Session.Status.HELD
        )
        (standing,) = make_items(second, "aktualna  varnostna problematika ")
        AgendaItem.objects.create(session=second, position=9, title="Umaknjena", withdrawn=True)
        present(second, ana, bojan)
        present(second, cvetka, presence=Attendance.Presence.ABSENT)
        deadline = timezone.localdate() + datetime.timedelta(days=30)
        Resolution.objects.create(session=second, item=standing, number=1, text="Odprto.",
                                  responsible=city, deadline=deadline)  # fmt: skip
        Resolution.objects.create(session=second, item=standing, number=2, text="Seznanitev.")

    after = copies + 2
    third = make_session(
        mandate, after, date=datetime.date(year, 9, 15), status=Session.Status.HELD
    )
    make_items(third, "Šolske poti")
    make_session(mandate, after + 1, date=None, planned_month=datetime.date(year, 11, 1))
    cancelled = make_session(
        mandate, after + 2, date=datetime.date(year, 10, 5), status=Session.Status.CANCELLED
    )
    make_items(cancelled, "Odpovedana tema")
    # Another year: not counted in this one.
    make_session(mandate, after + 3, date=datetime.date(year + 1, 1, 20))
    return year
