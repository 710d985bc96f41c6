"""1.2 Članstvo, written from the council's own seats: whom the members represent, grouped as
the council groups its organizations ("predstavniki policije, mestne uprave, …").

Called under the document's language (Slovenian); the joining words are in the catalogue.
"""

import datetime

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members.collation import slovenian_key
from members.models import Membership

from .slovenian import join_with_and


def represented(mandate, year):
    """What follows "Člani varnostnega sosveta so predstavniki": the groups the organizations
    with a seat in ``year`` belong to, in the council's order, then the organizations in no
    group by name. Empty when no organization holds a seat.

    The chair is named in the sentence before; an organization that holds only the chair's seat
    is not counted among those the members represent.
    """
    if mandate is None:
        return ""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    seats = (
        mandate.memberships.filter(starts_on__lte=last)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=first))
        .exclude(role=Membership.Role.CHAIR)
        .select_related("organization")
    )
    organizations = sorted(
        {seat.organization for seat in seats},
        key=lambda organization: (organization.report_order, slovenian_key(organization.name)),
    )
    # In the order of each group's first organization.
    groups = list(dict.fromkeys(o.report_group for o in organizations if o.report_group))
    by_name = [o.name for o in organizations if not o.report_group]
    parts = list(groups)
    if by_name:
        parts.append(
            ngettext("the organization %(names)s", "the organizations %(names)s", len(by_name))
            % {"names": join_with_and(by_name)}
        )
    return joined(parts, last_is_a_list=len(by_name) > 1)


def joined(parts, *, last_is_a_list):
    """ "policije in občinske uprave"; with three or more, "predstavniki" is said again before the
    last, which is often long ("… in predstavniki tistih organov, služb, …"); before a list of
    organizations, which has an "in" of its own, "ter predstavniki"."""
    if len(parts) <= 1:
        return "".join(parts)
    names = {"first": ", ".join(parts[:-1]), "last": parts[-1]}
    if last_is_a_list:
        return _("%(first)s as well as representatives of %(last)s") % names
    if len(parts) >= 3:
        return _("%(first)s and representatives of %(last)s") % names
    return _("%(first)s and %(last)s") % names
