"""What the members app adds to the overview (members/overview.py): the mandate's end, for whoever
enters mandates."""

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Mandate
from .overview import DueItem
from .permissions import may
from .rollover import latest_first, notice_for


def figures(council, user, today):
    if not may(user, "members.add_mandate"):
        return {}
    last = latest_first(Mandate.objects.filter(council=OuterRef("pk")))
    return {
        name: Subquery(last.values(name)[:1]) for name in ("pk", "label", "starts_on", "ends_on")
    }


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
