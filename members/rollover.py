"""From one mandate to the next: when to warn that a term ends, and the roll-over itself.

Mandates follow the municipal council's four-year term (local elections every four years in
November), and most seats stay with the same organizations, often the same people. So the next
mandate is suggested from the last one: it starts the day after, runs four years, and begins with
the seats held on the last day of the previous one, which the secretary confirms, changes or drops.
"""

import dataclasses
import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .collation import slovenian_key
from .models import Mandate, Membership

TERM_YEARS = 4
# How long before a mandate ends the secretary is reminded to prepare the next one: the new
# municipal council names the members in the weeks after the November elections.
NOTICE_DAYS = 60


@dataclasses.dataclass(frozen=True)
class RenewalNotice:
    """What the overview and the reminder tell the secretary about the council's last mandate."""

    mandate: Mandate
    days_left: int  # negative once it has ended

    @property
    def has_ended(self):
        return self.days_left < 0

    def message(self):
        """The notice in words, in the active language."""
        names = {
            "mandate": self.mandate.label,
            "day": date_format(self.mandate.ends_on, "SHORT_DATE_FORMAT"),
            "counter": self.days_left,
        }
        if self.has_ended:
            text = _(
                "The mandate %(mandate)s ended on %(day)s; the new mandate has not been entered "
                "yet."
            )
        elif self.days_left == 0:
            text = _("The mandate %(mandate)s ends today, %(day)s. Prepare the new mandate.")
        else:
            text = ngettext(
                "The mandate %(mandate)s ends on %(day)s (in %(counter)s day). Prepare the new "
                "mandate.",
                "The mandate %(mandate)s ends on %(day)s (in %(counter)s days). Prepare the new "
                "mandate.",
                self.days_left,
            )
        return text % names


def latest_first(mandates):
    """Mandates ordered so that the first is the last one: the one a new mandate follows."""
    return mandates.order_by(Mandate.LATEST_FIRST)


def last_mandate(council):
    """The mandate that ends last: the one a new mandate follows."""
    return latest_first(council.mandates).first()


def renewal_notice(council, today=None):
    """A notice when the council's last mandate ends within NOTICE_DAYS or has ended; else None.

    A successor already entered is the last mandate itself, so it silences the notice.
    """
    return notice_for(last_mandate(council), today)


def notice_for(mandate, today=None):
    """The notice about ``mandate`` as the council's last mandate, or None (see above)."""
    if mandate is None:
        return None
    today = today or timezone.localdate()
    days_left = (mandate.ends_on - today).days
    if days_left > NOTICE_DAYS:
        return None
    return RenewalNotice(mandate=mandate, days_left=days_left)


def suggested_dates(previous):
    """The next term: from the day after ``previous`` ends, for TERM_YEARS years."""
    starts_on = previous.ends_on + datetime.timedelta(days=1)
    return {"starts_on": starts_on, "ends_on": _years_later(starts_on, TERM_YEARS)}


def _years_later(day, years):
    """The day before the same date ``years`` later (1. 12. 2026 → 30. 11. 2030)."""
    try:
        same_date = day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        same_date = day.replace(year=day.year + years, day=28)
    return same_date - datetime.timedelta(days=1)


def seats_to_carry(previous):
    """The seats held on the last day of ``previous``, in the roster's order."""
    seats = previous.memberships.on(previous.ends_on).select_related("person", "organization")
    return sorted(
        seats,
        key=lambda seat: (slovenian_key(seat.organization.name), seat.organization.pk, seat.pk),
    )


@dataclasses.dataclass(frozen=True)
class Seat:
    """A seat of the new mandate as the secretary confirmed it; ``person`` None is vacant."""

    organization: object
    role: str
    function_title: str = ""
    person: object = None


@transaction.atomic
def mandate_roll_over(council, *, label, starts_on, ends_on, seats):
    """Create the next mandate with its seats, all of them or nothing.

    Every row is checked as the model checks it (overlapping mandates, one seat per person,
    one chair); the first ValidationError undoes what was written before it.
    """
    mandate = Mandate(council=council, label=label, starts_on=starts_on, ends_on=ends_on)
    mandate.full_clean()
    mandate.save()
    for seat in seats:
        membership = Membership(
            mandate=mandate,
            person=seat.person,
            organization=seat.organization,
            role=seat.role,
            function_title=seat.function_title,
            starts_on=starts_on,
        )
        membership.full_clean()
        membership.save()
    return mandate
