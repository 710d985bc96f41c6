"""What the members app adds to the overview (members/overview.py): the mandate's end, for whoever
enters mandates."""

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Mandate
from .overview import DueItem
from .permissions import may
from .rollover import notice_for
from .sql import first_row, order

MANDATE_FIELDS = ("pk", "label", "starts_on", "ends_on")


def last_mandate(c):
    """The council's last mandate (``rollover.latest_first``), as SQL from FROM on (members/
    sql.py says why; tests/meetings/test_overview_sql.py holds it to the ORM's rule)."""
    latest_first = order("members_mandate", Mandate.LATEST_FIRST)
    return f"FROM members_mandate WHERE council_id = {c}.id ORDER BY {latest_first} LIMIT 1"


def figures(council, user, today):
    if not may(user, "members.add_mandate"):
        return {}
    return first_row(Mandate, MANDATE_FIELDS, last_mandate)


def items(council, user, figures, today):
    if not figures or figures["pk"] is None:
        return []
    notice = notice_for(Mandate(council=council, **figures), today)
    if notice is None:
        return []
    return [
        DueItem(
            text=notice.message(),
            action=_("New mandate"),
            url=reverse("members:mandate_rollover", kwargs={"council": council.slug}),
            urgent=notice.has_ended,
            when=notice.mandate.ends_on,
        )
    ]
