"""The roster's rows: a mandate's seats by organization, read as plain rows.

The roster is the council's most opened list, so it reads each seat as one row of the columns it
shows (no Membership, Person and Organization instances per seat), formats each distinct date
and role title once, builds the secretary's links from one reverse() per kind of link, and makes
each seat's line of HTML here (``SEAT_LINES``): a dozen template nodes a seat cost more than all
the rest of its making.
"""

from itertools import groupby

from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.translation import gettext as _

from .addresses import address_for_key
from .collation import slovenian_key
from .html import html_format, joined
from .models import Membership, Organization, Person, person_name, role_title
from .sql import read_rows, seat_on, table

SEAT = ("id", "role", "function_title", "starts_on", "ends_on", "person_id", "organization_id")
PERSON = ("honorific", "first_name", "last_name", "gender")

# An organization's section is made here as HTML, ``section`` of ``seat_list``s of
# ``seat_line``s (``html_format``: each value escaped), all of them one value for
# members/roster.html to write: a dozen template nodes per seat cost more than the rest of the
# page, and a loop over the sections with four values each was still a third of the template.


def roster_sections(council, mandate, *, with_links):
    """The mandate's seats by organization, in Slovenian order, as HTML (empty without seats),
    and how many are held on the roster's day. Each organization has its section (``SECTION``):
    its name, then its lists of seats: those held on the roster's day first (always there,
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
    # Most seats share their first and last days, and all of them a few titles: each formatted
    # and escaped once, then passed to html_format as safe text, which it writes as it is.
    days = {seat["ms.starts_on"] for seat in seats} | {seat["last_day"] for seat in seats}
    shown_days = {date: escaped(date_format(date, "SHORT_DATE_FORMAT")) for date in days}
    titles = {(seat["ms.role"], seat["p.gender"]) for seat in seats}
    shown_titles = {title: escaped(role_title(*title)) for title in titles}
    links = seat_links(council) if with_links else None
    words = {  # said once, not per seat
        "future": escaped(_("Joining later")),
        "former": escaped(_("Replaced earlier in the mandate")),
        "not_named": escaped(_("representative not named")),
        "edit": escaped(_("Edit")),
        "end": escaped(_("End")),
        "history": escaped(_("History")),
    }

    sections, member_count = [], 0
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
        later = [seat_list("future", future, words)] if future else []
        later += [seat_list("former", former, words)] if former else []
        sections.append(section(organization_id, name, joined(current), joined(later)))
        member_count += len(current)
    return joined(sections), member_count


SECTION = """
      <section class="card mb-3" aria-labelledby="org-{id}">
        <div class="card-body">
          <h2 class="h5 card-title" id="org-{id}">{name}</h2>
          <ul class="list-unstyled mb-0">{current}</ul>{later}
        </div>
      </section>"""


def section(organization_id, name, current, later):
    """An organization's section of the roster (HTML): its ``name`` as the heading (its HTML id
    the organization's, for links to it), the list of its ``current`` seats' lines (always
    there, even empty) and the ``later`` lists (``seat_list``), all HTML."""
    return html_format(SECTION, id=organization_id, name=name, current=current, later=later)


# The lists of an organization's seats that start later and that ended, under their headings
# (those held on the roster's day are in the section's own list, ``SECTION``).
LISTS = {
    "future": '<h3 class="h6 mt-3">{heading}</h3><ul class="list-unstyled mb-0">{lines}</ul>',
    "former": (
        '<h3 class="h6 mt-3">{heading}</h3>'
        '<ul class="list-unstyled mb-0 text-body-secondary">{lines}</ul>'
    ),
}


def seat_list(kind, lines, words):
    """The list of seats of ``kind`` (``LISTS``), of their ``lines`` (``seat_line``), as HTML."""
    return html_format(LISTS[kind], heading=words[kind], lines=joined(lines))


def escaped(text):
    """``text`` escaped once, for the values every seat repeats (its dates, titles, the fixed
    words): html_format then writes them as they are instead of escaping them again per seat."""
    return conditional_escape(text)


# A seat's line is one html_format call (a few calls per seat were most of the roster's making):
# the person's name and titles, or that the representative is not named; the dates; and, for
# the secretary, the seat's links (``seat_controls``).
SEAT_DATES = ' <span class="text-body-secondary">({start} – {end})</span>{controls}</li>'
SEAT_LINES = {
    "named": '<li class="py-1"><strong>{name}</strong>, {titles}' + SEAT_DATES,
    "not_named": '<li class="py-1"><em>{not_named}</em>' + SEAT_DATES,
}
NO_CONTROLS = escaped("")
SEAT_LINK = ' <a class="ms-2" href="{}">{}<span class="visually-hidden"> {}</span></a>'


def seat_line(seat, shown_days, shown_titles, organization_name, links, words):
    """The roster's line (``<li>``, HTML, each value escaped) of a seat: the person's name (for
    a seat whose representative is not named, that it is not), the role and function, and the
    dates; with ``links``, the secretary's links. ``words``: the fixed words, translated and
    escaped; ``shown_days`` and ``shown_titles`` too."""
    name = None
    if seat["ms.person_id"] is not None:
        name = person_name(seat["p.honorific"], seat["p.first_name"], seat["p.last_name"])
    dates = {
        "start": shown_days[seat["ms.starts_on"]],
        "end": shown_days[seat["last_day"]],
        "controls": NO_CONTROLS,
    }
    if links is not None:
        dates["controls"] = seat_controls(seat, name, organization_name, links, words)
    if not name:
        return html_format(SEAT_LINES["not_named"], not_named=words["not_named"], **dates)
    title = shown_titles[seat["ms.role"], seat["p.gender"]]
    if function := seat["ms.function_title"]:
        title = html_format("{}, {}", title, function)
    return html_format(SEAT_LINES["named"], name=name, titles=title, **dates)


def seat_controls(seat, name, organization_name, links, words):
    """The secretary's links of a seat (edit, end while it has no end, history), as HTML."""
    pk = seat["ms.id"]
    # Membership.__str__: names the seat to screen readers after each link.
    label = html_format("{} ({})", name or words["not_named"], organization_name)
    kinds = ("edit", "history") if seat["ms.ends_on"] else ("edit", "end", "history")
    controls = joined(html_format(SEAT_LINK, links[kind](pk), words[kind], label) for kind in kinds)
    return html_format(' <span class="d-print-none">{}</span>', controls)


def seat_links(council):
    """The address of a seat's edit, end and history page in ``council``, each a function of
    the seat's key."""
    return {
        "edit": address_for_key("members:membership_edit", council=council.slug),
        "end": address_for_key("members:membership_end", council=council.slug),
        "history": address_for_key("history", council=council.slug, kind="clanstvo"),
    }
