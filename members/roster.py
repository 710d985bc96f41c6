"""The roster's rows: a mandate's seats by organization, read as plain rows.

The roster is the council's most opened list, so it reads each seat as one row of the columns it
shows (no Membership, Person and Organization instances per seat), formats each distinct date
and role title once, builds the secretary's links from one reverse() per kind of link, and makes
each seat's line of HTML here (``SEAT_LINE``): a dozen template nodes a seat cost more than all
the rest of its making.
"""

from itertools import groupby

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .addresses import address_for_key
from .collation import slovenian_key
from .models import Membership, Organization, Person, person_name, role_title
from .sql import read_rows, seat_on, table

SEAT = ("id", "role", "function_title", "starts_on", "ends_on", "person_id", "organization_id")
PERSON = ("honorific", "first_name", "last_name", "gender")

# An organization's lists of seats are made here as HTML, ``seat_list`` of ``seat_line``s
# (``format_html``: each value escaped), one value for members/roster.html to write in the
# organization's section: a dozen template nodes per seat cost more than the rest of the page.


def roster_groups(council, mandate, *, with_links):
    """The mandate's seats by organization, in Slovenian order, and how many are held on the
    roster's day. Each organization has its ``anchor`` (its section's HTML id), ``name`` and
    ``seats``, its lists of seats (HTML): those held on the roster's day first (always there,
    even empty), then those that start later ("future") and those that ended ("former"), where
    there are any. ``with_links``: each seat also has its edit, end and history links. One
    query, written as SQL, asking the one rule of a seat held on a day (``members.sql.seat_on``).
    """
    day = mandate.roster_day()
    # The council's own organizations only, which every seat's are anyway: stated, it lets the
    # database read this council's few by index instead of hashing every council's.
    rows = read_rows(
        [("ms", Membership, SEAT), ("p", Person, PERSON), ("o", Organization, ("name",))],
        f""", CASE WHEN {seat_on("ms", "%s")} THEN 1 ELSE 0 END AS held
        FROM {table(Membership)} ms
        JOIN {table(Organization)} o ON o.id = ms.organization_id
        LEFT JOIN {table(Person)} p ON p.id = ms.person_id
        WHERE ms.mandate_id = %s AND o.council_id = %s""",
        [day, day, mandate.pk, council.pk],
        extra=("held",),
    )
    # Sorted here (in Slovenian order), so the database is not asked to.
    seats = sorted(
        rows,
        key=lambda seat: (
            slovenian_key(seat["o.name"]),
            seat["ms.organization_id"],
            seat["ms.starts_on"],
            # Several seats of one organization from the same day (the district communities'
            # representatives): by name.
            slovenian_key(seat["p.last_name"] or ""),
            slovenian_key(seat["p.first_name"] or ""),
            seat["ms.id"],  # and unnamed representatives as recorded, the same on every view
        ),
    )
    for seat in seats:
        seat["last_day"] = seat["ms.ends_on"] or mandate.ends_on  # Membership.last_day
    # Most seats share their first and last days, and all of them a few titles.
    days = {seat["ms.starts_on"] for seat in seats} | {seat["last_day"] for seat in seats}
    shown_days = {date: date_format(date, "SHORT_DATE_FORMAT") for date in days}
    titles = {(seat["ms.role"], seat["p.gender"]) for seat in seats}
    shown_titles = {title: role_title(*title) for title in titles}
    links = seat_links(council) if with_links else None
    words = {  # said once, not per seat
        "future": _("Joining later"),
        "former": _("Replaced earlier in the mandate"),
        "not_named": _("representative not named"),
        "edit": _("Edit"),
        "end": _("End"),
        "history": _("History"),
    }

    groups, member_count = [], 0
    for (organization_id, name), org_seats in groupby(
        seats, key=lambda seat: (seat["ms.organization_id"], seat["o.name"])
    ):
        current, future, former = [], [], []
        for seat in org_seats:
            line = seat_line(seat, shown_days, shown_titles, name, links, words)
            if seat["held"]:
                current.append(line)
            elif seat["ms.starts_on"] > day:
                future.append(line)
            else:
                former.append(line)
        seats = [seat_list("current", current, words)]  # always there, even empty
        seats += [seat_list("future", future, words)] if future else []
        seats += [seat_list("former", former, words)] if former else []
        # The section's id as text: the template renders an int through number formatting.
        groups.append({"anchor": f"org-{organization_id}", "name": name, "seats": joined(seats)})
        member_count += len(current)
    return groups, member_count


# The lists of an organization's seats: those held on the roster's day, those that start later,
# those that ended; the later two under a heading.
LISTS = {
    "current": '<ul class="list-unstyled mb-0">',
    "future": '<h3 class="h6 mt-3">{heading}</h3><ul class="list-unstyled mb-0">',
    "former": (
        '<h3 class="h6 mt-3">{heading}</h3><ul class="list-unstyled mb-0 text-body-secondary">'
    ),
}


def seat_list(kind, lines, words):
    """The list of seats of ``kind`` (``LISTS``), of their ``lines`` (``seat_line``), as HTML."""
    start = format_html(LISTS[kind], heading=words.get(kind, ""))
    return format_html("{}{}</ul>", start, joined(lines))


def joined(pieces):
    """HTML pieces, each made by ``format_html``, as one."""
    return mark_safe("".join(pieces))


def seat_line(seat, shown_days, shown_titles, organization_name, links, words):
    """The roster's line (``<li>``, HTML, each value escaped) of a seat: the person's name (for
    a seat whose representative is not named, that it is not), the role and function, and the
    dates; with ``links``, the secretary's links. ``words``: the fixed words, translated."""
    name = None
    if seat["ms.person_id"] is not None:
        name = person_name(seat["p.honorific"], seat["p.first_name"], seat["p.last_name"])
    if name:
        title = shown_titles[seat["ms.role"], seat["p.gender"]]
        titles = f"{title}, {function}" if (function := seat["ms.function_title"]) else title
        who = format_html("<strong>{}</strong>, {}", name, titles)
    else:
        who = format_html("<em>{}</em>", words["not_named"])
    dates = f"{shown_days[seat['ms.starts_on']]} – {shown_days[seat['last_day']]}"
    line = format_html(
        '<li class="py-1">{} <span class="text-body-secondary">({})</span>', who, dates
    )
    if links is not None:
        pk = seat["ms.id"]
        # Membership.__str__: names the seat to screen readers after each link.
        label = f"{name or words['not_named']} ({organization_name})"
        kinds = ("edit", "history") if seat["ms.ends_on"] else ("edit", "end", "history")
        controls = format_html_join(
            "",
            ' <a class="ms-2" href="{}">{}<span class="visually-hidden"> {}</span></a>',
            ((links[kind](pk), words[kind], label) for kind in kinds),
        )
        line = format_html('{} <span class="d-print-none">{}</span>', line, controls)
    return format_html("{}</li>", line)


def seat_links(council):
    """The address of a seat's edit, end and history page in ``council``, each a function of
    the seat's key."""
    return {
        "edit": address_for_key("members:membership_edit", council=council.slug),
        "end": address_for_key("members:membership_end", council=council.slug),
        "history": address_for_key("history", council=council.slug, kind="clanstvo"),
    }
