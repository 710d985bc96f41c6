"""The roster's rows: a mandate's seats by organization, read as plain rows.

The roster is the council's most opened list, so it reads each seat as one row of the columns it
shows (no Membership, Person and Organization instances per seat), formats each distinct date
and role title once, and builds the secretary's links from one reverse() per kind of link.
"""

from itertools import groupby

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .addresses import address_for_key
from .collation import slovenian_key
from .models import Membership, role_title

SEAT_COLUMNS = (
    "pk",
    "role",
    "function_title",
    "starts_on",
    "ends_on",
    "person_id",
    "person__honorific",
    "person__first_name",
    "person__last_name",
    "person__gender",
    "organization_id",
    "organization__name",
)


def roster_groups(council, mandate, *, with_links):
    """The mandate's seats by organization, in Slovenian order, and how many are held on the
    roster's day. Each organization has its ``anchor`` (its section's HTML id), ``name`` and
    ``lists`` of seats: those held on the roster's day first (always there, even empty), then
    those that start later ("future") and those that ended ("former"), where there are any.
    ``with_links``: each seat also carries its edit, end and history addresses and the label
    read after them."""
    day = mandate.roster_day()
    # The council's own organizations only, which every seat's are anyway: stated, it lets the
    # database read this council's few by index instead of hashing every council's. Sorted here
    # (in Slovenian order), so the database is not asked to.
    seats = (
        Membership.objects.filter(mandate=mandate, organization__council=council)
        .order_by()
        .values(*SEAT_COLUMNS)
    )
    seats = sorted(
        seats,
        key=lambda seat: (
            slovenian_key(seat["organization__name"]),
            seat["organization_id"],
            seat["starts_on"],
            # Several seats of one organization from the same day (the district communities'
            # representatives): by name.
            slovenian_key(seat["person__last_name"] or ""),
            slovenian_key(seat["person__first_name"] or ""),
            seat["pk"],  # and unnamed representatives as recorded, the same on every view
        ),
    )
    for seat in seats:
        seat["last_day"] = seat["ends_on"] or mandate.ends_on  # Membership.last_day
    # Most seats share their first and last days, and all of them a few titles.
    days = {seat["starts_on"] for seat in seats} | {seat["last_day"] for seat in seats}
    shown_days = {date: date_format(date, "SHORT_DATE_FORMAT") for date in days}
    titles = {(seat["role"], seat["person__gender"]) for seat in seats}
    shown_titles = {title: role_title(*title) for title in titles}
    links = seat_links(council) if with_links else None

    groups, member_count = [], 0
    for (organization_id, name), org_seats in groupby(
        seats, key=lambda seat: (seat["organization_id"], seat["organization__name"])
    ):
        current, future, former = [], [], []
        for seat in org_seats:
            row = seat_row(seat, shown_days, shown_titles, name, links)
            if seat["starts_on"] > day:
                future.append(row)
            elif seat["last_day"] < day:
                former.append(row)
            else:
                current.append(row)
        lists = [{"kind": "current", "seats": current}]
        lists += [{"kind": "future", "seats": future}] if future else []
        lists += [{"kind": "former", "seats": former}] if former else []
        # The section's id as text: the template renders an int through number formatting.
        groups.append({"anchor": f"org-{organization_id}", "name": name, "lists": lists})
        member_count += len(current)
    return groups, member_count


def seat_row(seat, shown_days, shown_titles, organization_name, links):
    """What the roster shows of a seat: the person's name (None for a seat whose representative
    is not named), the role and function, and the dates."""
    name = None
    if seat["person_id"] is not None:
        parts = (seat["person__honorific"], seat["person__first_name"], seat["person__last_name"])
        name = " ".join(part for part in parts if part)  # Person.full_name
    title = shown_titles[seat["role"], seat["person__gender"]]
    row = {
        "name": name,
        "titles": f"{title}, {seat['function_title']}" if seat["function_title"] else title,
        "dates": f"{shown_days[seat['starts_on']]} – {shown_days[seat['last_day']]}",
    }
    if links is not None:
        pk = seat["pk"]
        # Membership.__str__: names the seat to screen readers after each link.
        row["label"] = f"{name or _('representative not named')} ({organization_name})"
        row["edit"] = links["edit"](pk)
        row["end"] = None if seat["ends_on"] else links["end"](pk)
        row["history"] = links["history"](pk)
    return row


def seat_links(council):
    """The address of a seat's edit, end and history page in ``council``, each a function of
    the seat's key."""
    return {
        "edit": address_for_key("members:membership_edit", council=council.slug),
        "end": address_for_key("members:membership_end", council=council.slug),
        "history": address_for_key("history", council=council.slug, kind="clanstvo"),
    }
