"""A council with one of each thing that can be due, for the overview's and the reminders' tests.

Dates are counted from today, whatever day the suite runs: the mandate ends in 40 days (its end
is due), and every session, deadline and report falls where the overview has to speak of it.
"""

import dataclasses
import datetime

from django.utils import timezone

from meetings.models import (
    AgendaProposal,
    InvitationDelivery,
    Material,
    Resolution,
    Session,
)
from members.models import Mandate, Organization, Person
from reports.models import AnnualReport
from tests.conftest import make_seat
from tests.meetings.factories import make_items, make_session

DAY = datetime.timedelta(days=1)


@dataclasses.dataclass
class State:
    council: object
    mandate: object
    police: object
    city: object
    ana: object  # the member's person, sitting for the police station
    unwritten: object  # held 60 days ago, minutes not written
    written: object  # held 30 days ago, minutes written, not approved
    late: object  # planned in 5 days: the invitation should have gone out 2 days ago
    later: object  # planned in 30 days: the invitation is due in 23 days
    convened: object  # convened, in 10 days: a failed invitation, a proposal, a material
    passed: object  # planned 3 days ago, neither held nor cancelled
    overdue_resolution: object  # the police station's, 10 days past its deadline
    city_resolution: object  # the city administration's, due in 20 days
    material: object


def build_state(council, member=None, *, tag="", first_number=1):
    """The council's state; ``member`` (a login) sits for the police station as Ana.

    ``tag`` marks every text of the state, so that a page or a mail can be searched for it.
    """
    today = timezone.localdate()
    mandate = Mandate.objects.create(
        council=council, starts_on=today - 400 * DAY, ends_on=today + 40 * DAY
    )
    police = Organization.objects.create(council=council, name=f"Policijska postaja{tag}")
    city = Organization.objects.create(council=council, name=f"Mestna uprava{tag}")
    ana = Person.objects.create(
        council=council,
        first_name="Ana",
        last_name=f"Novak{tag}",
        gender=Person.Gender.FEMALE,
        email=f"ana{tag.strip().lower()}@example.si",
        user=member,
    )
    make_seat(mandate, ana, police)
    number = iter(range(first_number, first_number + 100))

    def session(days, **extra):
        return make_session(mandate, next(number), days_ahead=days, **extra)

    unwritten = session(-60, status=Session.Status.HELD)
    written = session(-30, status=Session.Status.HELD)
    (written_item,) = make_items(written, f"Poročilo policije{tag}")
    written_item.minutes = "Sosvet se je seznanil s poročilom."
    written_item.save()
    late = session(5)
    later = session(30)
    convened = session(10, status=Session.Status.CONVENED)
    (convened_item,) = make_items(convened, f"Varnost v prometu{tag}")
    passed = session(-3)
    (unwritten_item,) = make_items(unwritten, f"Šolske poti{tag}")
    overdue_resolution = Resolution.objects.create(
        session=unwritten,
        item=unwritten_item,
        number=1,
        text=f"Policija poveča nadzor pred šolami{tag}.",
        responsible=police,
        deadline=today - 10 * DAY,
    )
    city_resolution = Resolution.objects.create(
        session=written,
        item=written_item,
        number=1,
        text=f"Mestna uprava postavi nove znake{tag}.",
        responsible=city,
        deadline=today + 20 * DAY,
    )
    Resolution.objects.create(  # carried out: due to nobody
        session=written,
        item=written_item,
        number=2,
        text=f"Izvedeno{tag}.",
        responsible=police,
        deadline=today - 20 * DAY,
        done_on=today - 25 * DAY,
    )
    InvitationDelivery.objects.create(
        session=convened,
        person=ana,
        kind=InvitationDelivery.Kind.INVITATION,
        email=ana.email,
        status=InvitationDelivery.Status.FAILED,
        error="550 mailbox unavailable",
    )
    AgendaProposal.objects.create(
        session=convened,
        proposed_by=member or _someone(council),
        title=f"Hitrost pred vrtcem{tag}",
    )
    material = Material.objects.create(
        item=convened_item,
        file="materials/x.pdf",
        original_name=f"analiza{tag}.pdf",
        content_type="application/pdf",
        size=10,
    )
    # The report on the year before last is adopted; last year's is a draft.
    AnnualReport.objects.create(
        council=council,
        report_year=today.year - 2,
        plan_year=today.year - 1,
        subject="Poročilo",
        report_heading="1.",
        plan_heading="2.",
        status=AnnualReport.Status.ADOPTED,
        adopted_on=today - 200 * DAY,
        pdf="reports/x.pdf",
        pdf_sha256="0" * 64,
    )
    AnnualReport.objects.create(
        council=council,
        report_year=today.year - 1,
        plan_year=today.year,
        subject="Poročilo",
        report_heading="1.",
        plan_heading="2.",
    )
    return State(
        council=council,
        mandate=mandate,
        police=police,
        city=city,
        ana=ana,
        unwritten=unwritten,
        written=written,
        late=late,
        later=later,
        convened=convened,
        passed=passed,
        overdue_resolution=overdue_resolution,
        city_resolution=city_resolution,
        material=material,
    )


def _someone(council):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(f"predlagatelj-{council.slug}")
