"""What the session page reads, each in one query written as SQL: the session with its agenda,
the seats invited with their answers (or, by correspondence, their votes), the proposals and the
trail of changes; and the rows the page shows of them.

The page is opened more than any other but the overview, and through the ORM its two large reads
cost most of it: composing a query of five joins and making a model instance of every table on
every row took some 3 ms each, for rows the database returns in 0.3 ms (issue 12); the small
ones cost ten times what the database takes. So they are SQL here, their values converted as the
ORM converts them (``_read``). The session comes back as the model, whose rules the page asks
throughout; the rest as dicts of what is shown, with the labels, formats and links the rows share
worked out once for the page. What the models say of a row (a name, a label, a rule) is asked of
the function the model asks too (``person_name``, ``presence_label``, ``fills_seat`` ...).
"""

from itertools import groupby

from django.contrib.auth import get_user_model
from django.db import connection
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from django.utils.formats import date_format

from members.addresses import address_for_key
from members.collation import slovenian_order
from members.models import Mandate, Membership, Organization, Person, person_name
from members.sql import read_parts as _read_parts
from members.sql import read_rows as _read
from members.sql import table as _table

from .models import (
    AgendaChange,
    AgendaItem,
    AgendaProposal,
    Attendance,
    Material,
    Resolution,
    Session,
    SessionSeen,
    Vote,
    fills_seat,
    presence_label,
    presenter_of,
    resolution_name,
    response_label,
    vote_label_of_gender,
    vote_summary,
)
from .sql import invited_seat

ITEM = ("id", "position", "title", "description", "presenter_text", "withdrawn", "withdrawn_at")
MATERIAL = ("id", "uploaded_at", "original_name", "size", "public", "withdrawn_at")
RESOLUTION = ("id", "number", "outcome", "text", "public", "deadline")
VOTES = ("votes_for", "votes_against", "votes_abstained")
User = get_user_model()
NAME = ("honorific", "first_name", "last_name")
PERSON = ("id", *NAME, "gender", "user_id")
ATTENDANCE = ("id", "session_id", "person_id", "response", "presence", "deputy_id", "deputy_name")
PROPOSAL = ("id", "title", "description", "status", "decision_note", "proposed_at")


def read_session(council, session_pk, user, *, also=()):
    """The session ``session_pk`` of ``council`` (else 404), when ``user`` last looked at it
    (SessionSeen, None if never) and its agenda's rows, in one query: the session once, beside
    the rows of its agenda (``read_parts``), each an item joined with one of the item's materials
    and one of its resolutions (a session has a few of each per item, so the rows stay few). The
    rows are for ``agenda_items`` and ``look_is_news``. ``also``: more parts of the session's, each
    (select, rest, params) as ``proposal_part`` and ``change_part`` make them, read in the same
    statement (a round trip less each); their rows follow, a list per part."""
    low, high = connection.ops.integer_field_range(Session._meta.pk.get_internal_type())
    if not low <= session_pk <= high:  # a number no key has: nothing, as the ORM would find
        raise Http404
    session_fields = [field.attname for field in Session._meta.concrete_fields]
    mandate_fields = [field.attname for field in Mandate._meta.concrete_fields]
    read = _read_parts(
        [
            (
                [
                    ("s", Session, session_fields),
                    ("md", Mandate, mandate_fields),
                    ("seen", SessionSeen, ("seen_at",)),
                ],
                f"""FROM {_table(Session)} s
                JOIN {_table(Mandate)} md ON md.id = s.mandate_id
                LEFT JOIN {_table(SessionSeen)} seen
                    ON seen.session_id = s.id AND seen.user_id = %s
                WHERE s.id = %s AND md.council_id = %s""",
            ),
            (
                [
                    ("i", AgendaItem, (*ITEM, "minutes")),
                    ("pp", Person, NAME),
                    ("po", Organization, ("name",)),
                    ("m", Material, MATERIAL),
                    ("r", Resolution, (*RESOLUTION, *VOTES)),
                    ("ro", Organization, ("name",)),
                ],
                f"""FROM {_table(AgendaItem)} i
                LEFT JOIN {_table(Person)} pp ON pp.id = i.presenter_person_id
                LEFT JOIN {_table(Organization)} po ON po.id = i.presenter_organization_id
                LEFT JOIN {_table(Material)} m ON m.item_id = i.id
                LEFT JOIN {_table(Resolution)} r ON r.item_id = i.id
                LEFT JOIN {_table(Organization)} ro ON ro.id = r.responsible_id
                WHERE i.session_id = %s""",
            ),
            *((select, rest) for select, rest, _params in also),
        ],
        [user.pk, session_pk, council.pk, session_pk]
        + [param for _select, _rest, params in also for param in params],
    )
    found, rows, more = read[0], read[1], read[2:]
    if not found:  # not this council's session: nothing of it is shown either
        raise Http404
    (first,) = found
    session = Session.from_db(
        connection.alias, session_fields, [first[f"s.{name}"] for name in session_fields]
    )
    mandate = Mandate.from_db(
        connection.alias, mandate_fields, [first[f"md.{name}"] for name in mandate_fields]
    )
    mandate.council = council
    session.mandate = mandate
    return (session, first["seen.seen_at"], rows, *more)


def look_is_news(seen, rows):
    """Whether the login's look at the session, last noted at ``seen`` (None: never), is worth
    noting (SessionSeen.record): it has never been noted, or a material came since. Only the
    overview's "new materials" read it, as the materials added after it; were no material added
    since the last note, a new one would make no difference to what they count, and the page
    would pay a write (a commit, a sync to disk) on every view."""
    return seen is None or any(
        row["m.uploaded_at"] is not None and row["m.uploaded_at"] > seen for row in rows
    )


def agenda_items(rows, council, may):
    """The session's agenda items in order, each a dict of what the page shows (pk, number,
    title, presenter, description, minutes, withdrawn and withdrawn_at), with its ``materials`` and
    ``resolutions`` (dicts too) and the links ``may`` (agenda_permissions) lets the login follow.
    Withdrawn items are among them: the trail of changes lists them."""
    links = _agenda_links(council, may)
    outcomes = {value: str(label) for value, label in Resolution.Outcome.choices}
    items, materials, resolutions = {}, {}, {}
    for row in rows:
        item_pk = row["i.id"]
        if item_pk not in items:
            items[item_pk] = _item(row, links)
        item = items[item_pk]
        material_pk, resolution_pk = row["m.id"], row["r.id"]
        if material_pk is not None and material_pk not in materials:
            materials[material_pk] = material = _material(row, links)
            item["materials"].append(material)
        if resolution_pk is not None and resolution_pk not in resolutions:
            resolutions[resolution_pk] = resolution = _resolution(row, links, outcomes)
            item["resolutions"].append(resolution)
    # In the order the ORM's would be; the rows come unsorted, which spares the database a sort.
    for item in items.values():
        item["materials"].sort(key=lambda material: material.pop("order"))
        item["resolutions"].sort(key=lambda resolution: resolution.pop("order"))
    items = sorted(items.values(), key=lambda item: item.pop("order"))
    for number, item in enumerate(items, start=1):
        item["number"] = str(number)  # as the minutes number it: among all, withdrawn too
    return items


def _item(row, links):
    pk = row["i.id"]
    person = None
    if row["pp.first_name"] is not None:
        person = person_name(row["pp.honorific"], row["pp.first_name"], row["pp.last_name"])
    item = {
        "order": (row["i.position"], pk),
        "pk": str(pk),  # as the page writes it (a number would go through number formatting)
        "title": row["i.title"],
        "presenter": presenter_of(row["i.presenter_text"], person, row["po.name"]),
        "description": row["i.description"],
        "minutes": row["i.minutes"],
        "withdrawn": row["i.withdrawn"],
        "withdrawn_at": row["i.withdrawn_at"],
        "materials": [],
        "resolutions": [],
    }
    for name, address in links["item"].items():
        item[name] = address(pk)
    return item


def _material(row, links):
    pk = row["m.id"]
    material = {
        "order": (row["m.uploaded_at"], pk),
        "name": row["m.original_name"],
        "size": filesizeformat(row["m.size"]),
        "public": row["m.public"],
        "withdrawn": row["m.withdrawn_at"] is not None,  # Material.withdrawn
        "withdrawn_at": row["m.withdrawn_at"],
    }
    for name, address in links["material"].items():
        material[name] = address(pk)
    return material


def _resolution(row, links, outcomes):
    pk = row["r.id"]
    votes = [row[f"r.{name}"] for name in VOTES]
    deadline = row["r.deadline"]
    resolution = {
        "order": (row["r.number"], pk),
        "pk": pk,
        "number": row["r.number"],
        "name": resolution_name(row["r.number"]),
        "outcome": outcomes[row["r.outcome"]],
        "public": row["r.public"],
        "text": row["r.text"],
        "has_vote": votes[0] is not None,  # Resolution.has_vote
        "vote_summary": vote_summary(row["r.outcome"], *votes),
        "responsible": row["ro.name"],
        "deadline": date_format(deadline, "SHORT_DATE_FORMAT") if deadline else None,
    }
    for name, address in links["resolution"].items():
        resolution[name] = address(pk)
    return resolution


def _agenda_links(council, may):
    """The links of an item, a material and a resolution that the login may follow, each a
    function of the row's key."""
    slug = council.slug
    item, material, resolution = {}, {}, {}
    material["download_url"] = address_for_key("meetings:material_download", council=slug)
    if may["edit_agenda"]:
        item["edit_url"] = address_for_key("meetings:item_edit", council=slug)
        item["history_url"] = address_for_key("history", council=slug, kind="tocka")
        item["upload_url"] = address_for_key("meetings:material_upload", council=slug)
        item["move_url"] = address_for_key("meetings:item_move", council=slug)
        item["withdraw_url"] = address_for_key("meetings:item_withdraw", council=slug)
    if may["add_resolutions"]:
        item["add_resolution_url"] = address_for_key(
            "meetings:resolution_create", "item", council=slug
        )
    if may["publish_materials"]:
        material["publicity_url"] = address_for_key("meetings:material_publicity", council=slug)
    if may["remove_materials"]:
        material["delete_url"] = address_for_key("meetings:material_delete", council=slug)
    if may["edit_resolutions"]:
        resolution["edit_url"] = address_for_key("meetings:resolution_edit", council=slug)
        resolution["history_url"] = address_for_key("history", council=slug, kind="sklep")
    return {"item": item, "material": material, "resolution": resolution}


def seats_with_attendance(session, council, user, *, deputy_links=False):
    """The seats invited to the session (``Session.members_invited``, in its order), each a
    dict of what the attendance table shows of it (with ``deputy_url``, the page naming the
    seat's deputy, if ``deputy_links``), its ``person_id`` and whether it ``fills_seat``
    (``Attendance.fills_seat``); and, apart, the seat of ``user`` (None if not invited) with its
    ``person`` and ``attendance`` (the models; None without an answer), and whether any presence
    is recorded for the session at all. One query."""
    rows = _invited(
        session,
        council,
        [("a", Attendance, ATTENDANCE), ("d", Person, PERSON)],
        columns=f""", EXISTS (SELECT 1 FROM {_table(Attendance)} recorded
            WHERE recorded.session_id = %s AND recorded.presence <> '') AS recorded""",
        joins=f"""LEFT JOIN {_table(Attendance)} a
            ON a.person_id = ms.person_id AND a.session_id = %s
        LEFT JOIN {_table(Person)} d ON d.id = a.deputy_id""",
        params=[session.pk, session.pk],
        extra=("recorded",),
    )
    labels = _attendance_labels(rows)
    deputy_url = None
    if deputy_links:
        deputy_url = address_for_key(
            "meetings:attendance_deputy", "person", council=council.slug, pk=session.pk
        )
    seats, own = [], None
    for row in rows:
        seat = _seat(row, labels)
        if deputy_url:
            seat["deputy_url"] = deputy_url(row["p.id"])
        seats.append(seat)
        if row["p.user_id"] == user.pk:
            person = _person(row, "p")
            own = {**seat, "person": person, "attendance": _attendance(row, person)}
    return seats, own, bool(rows) and bool(rows[0]["recorded"])


def seats_with_votes(session, council, user, resolutions):
    """The seats invited to a session by correspondence (``Session.members_invited``, in its
    order), each a dict of the member's ``name``, ``organization`` and ``person_id``, whether
    they ``has_voted`` and, once the votes are no longer secret, ``vote_labels``: how they voted
    on each of ``resolutions`` (as ``agenda_items`` gives them), in order; and, apart, the seat
    of ``user`` (None if not invited). One query; before the deadline how anyone voted is not
    even read."""
    votes, proposed = _table(Vote), _table(Resolution)
    shown = session.votes_are_shown  # asked once: the deadline may pass meanwhile
    if shown:  # a row for each vote of the seat's member, or one without
        rows = _invited(
            session,
            council,
            [("v", Vote, ("resolution_id", "choice"))],
            joins=f"""LEFT JOIN {votes} v ON v.person_id = ms.person_id
                AND v.resolution_id IN (SELECT r.id FROM {proposed} r WHERE r.session_id = %s)""",
            params=[session.pk],
        )
    else:
        rows = _invited(
            session,
            council,
            [],
            columns=f""", EXISTS (SELECT 1 FROM {votes} v
                JOIN {proposed} r ON r.id = v.resolution_id
                WHERE v.person_id = ms.person_id AND r.session_id = %s) AS has_voted""",
            params=[session.pk],
            extra=("has_voted",),
        )
    seats, own = [], None
    for _, seat_rows in groupby(rows, key=lambda row: row["ms.id"]):
        seat_rows = list(seat_rows)
        row = seat_rows[0]
        seat = {
            "person_id": row["p.id"],
            "name": person_name(row["p.honorific"], row["p.first_name"], row["p.last_name"]),
            "organization": row["o.name"],
            "vote_labels": [],
        }
        if shown:
            choices = {each["v.resolution_id"]: each["v.choice"] for each in seat_rows}
            seat["has_voted"] = any(each["v.resolution_id"] is not None for each in seat_rows)
            seat["vote_labels"] = [
                vote_label_of_gender(choices.get(resolution["pk"]), row["p.gender"])
                for resolution in resolutions
            ]
        else:
            seat["has_voted"] = bool(row["has_voted"])
        seats.append(seat)
        if row["p.user_id"] == user.pk:
            own = seat
    return seats, own


def _invited(session, council, select, *, columns="", joins="", params=(), extra=()):
    """The rows of the seats invited to the session (``Session.members_invited``, in its
    order): each a seat's membership ("ms.id"), person ("p.*") and organization ("o.name"),
    and what ``select``, ``columns`` and ``extra`` add (as ``_read`` takes them) of the tables
    ``joins`` adds; ``params`` are theirs, in order."""
    day = session.date or session.planned_month
    if day is None:
        return []
    rows = _read(
        [
            ("ms", Membership, ("id",)),
            ("p", Person, PERSON),
            ("o", Organization, ("name",)),
            *select,
        ],
        # The council's own organizations only, which every seat's are anyway: stated, it lets
        # the database read this council's few by index instead of hashing every council's.
        f"""{columns}
        FROM {_table(Membership)} ms
        JOIN {_table(Person)} p ON p.id = ms.person_id
        JOIN {_table(Organization)} o ON o.id = ms.organization_id
        {joins}
        WHERE ms.mandate_id = %s AND {invited_seat("ms", "%s")} AND o.council_id = %s""",
        [*params, session.mandate_id, day, day, council.pk],
        extra=extra,
    )
    # members_invited()'s order of the people's names, sorted here: the database would call
    # the Python collation for every comparison (members/collation.py).
    rows.sort(
        key=lambda row: (
            slovenian_order(row["p.last_name"]),
            slovenian_order(row["p.first_name"]),
            row["ms.id"],
        )
    )
    return rows


def _seat(row, labels):
    """What the table shows of a seat."""
    gender = row["p.gender"]
    name = person_name(row["p.honorific"], row["p.first_name"], row["p.last_name"])
    has_deputy = row["a.deputy_id"] is not None or bool(row["a.deputy_name"])  # .has_deputy
    seat = {
        "person_id": row["p.id"],
        "name": name,
        "name_with_deputy": name,
        "organization": row["o.name"],
        "response": labels[row["a.response"] or "", gender],
        "presence": labels[row["a.presence"] or "", gender],
        "fills_seat": fills_seat(row["a.presence"], has_deputy),
    }
    if has_deputy:  # rare: said of both, as the model says it
        seat["name_with_deputy"] = _attendance(row, _person(row, "p")).name_with_deputy()
    return seat


def _attendance(row, person):
    """The seat's answer as the model, with its ``person`` (and ``deputy``); None if none."""
    if row["a.id"] is None:
        return None
    values = [row[f"a.{name}"] for name in ATTENDANCE]
    attendance = Attendance.from_db(connection.alias, ATTENDANCE, values)
    attendance.person = person
    if attendance.deputy_id is not None:
        attendance.deputy = _person(row, "d")
    return attendance


def _person(row, alias):
    return Person.from_db(connection.alias, PERSON, [row[f"{alias}.{name}"] for name in PERSON])


def _attendance_labels(rows):
    """The answers and presences of the seats' ``rows`` as the table says them of the person's
    gender ("navzoča"), each that occurs said once for the page rather than once a row (and
    only those: most seats give the same few); "—" for none."""
    labels = {}
    for row in rows:
        gender = row["p.gender"]
        labels["", gender] = "—"
        for value, label_of in (
            (row["a.response"], response_label),
            (row["a.presence"], presence_label),
        ):
            if value and (value, gender) not in labels:
                labels[value, gender] = str(label_of(value, gender))
    return labels


def proposal_part(session_pk, council, user, *, deciding):
    """The part of ``read_session`` that reads the proposals to add to the session's agenda:
    all of them for a login ``deciding`` them, else the login's own (``proposals_from``)."""
    return (
        [
            ("pr", AgendaProposal, PROPOSAL),
            ("u", User, ("username",)),
            ("pp", Person, ("first_name", "last_name")),
        ],
        f"""FROM {_table(AgendaProposal)} pr
        JOIN {_table(User)} u ON u.id = pr.proposed_by_id
        LEFT JOIN {_table(Person)} pp ON pp.user_id = u.id AND pp.council_id = %s
        WHERE pr.session_id = %s {"" if deciding else "AND pr.proposed_by_id = %s"}""",
        [council.pk, session_pk] + ([] if deciding else [user.pk]),
    )


def proposals_from(rows, council, *, deciding):
    """The proposals' ``rows`` (``proposal_part``) in the order they came, each a dict of what
    the page shows; for a login ``deciding`` them, with who proposed each (their person in this
    council, else their login) and the address of the decision."""
    if not rows:  # most views: no labels to translate, no address to reverse
        return []
    rows.sort(key=lambda row: (row["pr.proposed_at"], row["pr.id"]))
    statuses = {value: str(label) for value, label in AgendaProposal.Status.choices}
    if deciding:
        decide_url = address_for_key("meetings:proposal_decide", council=council.slug)
    proposals = []
    for row in rows:
        proposal = {
            "title": row["pr.title"],
            "status": statuses[row["pr.status"]],
            "pending": row["pr.status"] == AgendaProposal.Status.PENDING,
            "description": row["pr.description"],
            "decision_note": row["pr.decision_note"],
        }
        if deciding:
            known = row["pp.first_name"] is not None  # full_name_expression: no honorific
            proposal["proposer"] = (
                f"{row['pp.first_name']} {row['pp.last_name']}" if known else row["u.username"]
            )
            proposal["decide_url"] = decide_url(row["pr.id"])
        proposals.append(proposal)
    return proposals


def change_part(session_pk):
    """The part of ``read_session`` that reads the trail of the agenda's changes after the
    invitation (``changes_from``)."""
    return (
        [
            ("c", AgendaChange, ("id", "changed_at", "summary", "notified")),
            ("u", User, ("username", "first_name", "last_name")),
        ],
        f"""FROM {_table(AgendaChange)} c
        LEFT JOIN {_table(User)} u ON u.id = c.changed_by_id
        WHERE c.session_id = %s""",
        [session_pk],
    )


def changes_from(rows):
    """The changes' ``rows`` (``change_part``), oldest first, each a dict of when, by whom
    (their name, else their login; None if not known), what and whether the members were
    told."""
    rows.sort(key=lambda row: (row["c.changed_at"], row["c.id"]))
    changes = []
    for row in rows:
        by = None
        if row["u.username"] is not None:  # User.get_full_name, else get_username
            by = f"{row['u.first_name']} {row['u.last_name']}".strip() or row["u.username"]
        changes.append(
            {
                "changed_at": row["c.changed_at"],
                "changed_by": by,
                "summary": row["c.summary"],
                "notified": row["c.notified"],
            }
        )
    return changes
