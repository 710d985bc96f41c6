"""The session page's long lists as HTML: each agenda item (with its materials, resolutions and
the secretary's controls), each seat of the attendance table and each item's minutes, made by
``html_format`` (members/html.py: each value escaped) from the dicts meetings/session_page.py
reads.

Twenty items and forty seats through the template engine were most of the page's time: a few
dozen nodes a row, each looked up and escaped on its own (issue 12). Made here, a row costs a
few string formats; the templates (_agenda.html, _attendance.html, _minutes.html) write the
result in place. The fixed words every row repeats are translated once a page.
"""

from django.middleware.csrf import get_token
from django.utils.translation import gettext as _

from members.html import html_format, joined, line_breaks

LINK_BUTTON = "btn btn-link btn-sm p-0 ms-2"  # a button that reads as a link in a line of text


def agenda_rows(agenda, may, request):
    """The ``<li>`` of each item of ``agenda`` (as ``agenda_items`` gives them, withdrawn ones
    left out) with what ``may`` (``agenda_permissions``) lets the login do, as HTML."""
    words = {
        "presented_by": _("Presented by:"),
        "public_note": html_format(", {}", _("public")),
        "members_only_note": html_format(", {}", _("members only")),
        "responsible": _("Responsible:"),
        "deadline": _("deadline"),
        "make_members_only": _("Make members-only"),
        "make_public": _("Make public"),
        "edit": _("Edit"),
        "history": _("History"),
        "attach": _("Attach material"),
        "move_up": _("Move up"),
        "move_down": _("Move down"),
        "withdraw": _("Withdraw"),
        "add_resolution": _("Add resolution"),
    }
    has_forms = may["publish_materials"] or may["remove_materials"] or may["edit_agenda"]
    csrf = _csrf_input(request) if has_forms else ""
    last = len(agenda) - 1
    return joined(
        _item(item, may, words, csrf, first=index == 0, last=index == last)
        for index, item in enumerate(agenda)
    )


def _item(item, may, words, csrf, *, first, last):
    """An item's ``<li>``: one ``html_format`` of its parts, each made only if it is there."""
    presenter = description = materials = resolutions = controls = ""
    if item["presenter"]:
        presenter = html_format("<div>{} {}</div>", words["presented_by"], item["presenter"])
    if item["description"]:
        description = html_format('<div class="mt-1">{}</div>', line_breaks(item["description"]))
    if item["materials"]:
        shown = (m for m in item["materials"] if not m["withdrawn"])
        materials = _list(_material(material, may, words, csrf) for material in shown)
    if item["resolutions"]:
        resolutions = _list(_resolution(each, may, words) for each in item["resolutions"])
    if may["change_items"]:
        controls = html_format(
            '<div class="d-flex flex-wrap gap-2 mt-2">{}</div>',
            _item_controls(item, may, words, csrf, first=first, last=last),
        )
    return html_format(
        '<li class="list-group-item" id="item-{}"><div class="d-inline"><strong>{}</strong>'
        "{}{}{}{}{}</div></li>",
        item["pk"],
        item["title"],
        presenter,
        description,
        materials,
        resolutions,
        controls,
    )


def _list(lines):
    """The ``<li>`` lines of an item's materials or resolutions, as their list."""
    return html_format('<ul class="list-unstyled mt-2 mb-0">{}</ul>', joined(lines))


def _material(material, may, words, csrf):
    name, publish, remove = material["name"], "", ""
    if may["publish_materials"]:
        publish = _post_button(
            material["publicity_url"],
            csrf,
            words["make_members_only"] if material["public"] else words["make_public"],
            name,
            field=html_format(
                '<input type="hidden" name="public" value="{}">', "0" if material["public"] else "1"
            ),
        )
    if may["remove_materials"]:
        remove = _post_button(material["delete_url"], csrf, may["remove_label"], name)
    return html_format(
        '<li><a href="{}">{}</a> <span class="text-body-secondary">({}{})</span>{}{}</li>',
        material["download_url"],
        name,
        material["size"],
        words["public_note"] if material["public"] else "",
        publish,
        remove,
    )


def _resolution(resolution, may, words):
    name, vote, responsible, links = resolution["name"], "", "", ""
    if resolution["has_vote"]:
        vote = html_format(" <br>{}", resolution["vote_summary"])
    if resolution["responsible"]:
        deadline = ""
        if resolution["deadline"]:
            deadline = html_format(", {} {}", words["deadline"], resolution["deadline"])
        responsible = html_format(
            ' <br><span class="text-body-secondary">{} {}{}</span>',
            words["responsible"],
            resolution["responsible"],
            deadline,
        )
    if may["edit_resolutions"]:
        links = html_format(
            ' <span class="d-print-none">{} {}</span>',
            _link("ms-2", resolution["edit_url"], words["edit"], name),
            _link("ms-2", resolution["history_url"], words["history"], name),
        )
    return html_format(
        "<li><strong>{}</strong> ({}{}): {}{}{}{}</li>",
        name,
        resolution["outcome"],
        "" if resolution["public"] else words["members_only_note"],
        line_breaks(resolution["text"]),
        vote,
        responsible,
        links,
    )


def _item_controls(item, may, words, csrf, *, first, last):
    """The secretary's buttons under an item: edit, history, attach, move, withdraw, and add a
    resolution. The first item cannot move up, the last not down."""
    title, button = item["title"], "btn btn-sm btn-outline-dark"
    parts = []
    if may["edit_agenda"]:
        parts += [
            _link(button, item["edit_url"], words["edit"], title),
            _link(button, item["history_url"], words["history"], title),
            _link(button, item["upload_url"], words["attach"], title),
        ]
        moves = [("up", words["move_up"])] if not first else []
        moves += [("down", words["move_down"])] if not last else []
        for direction, label in moves:
            parts.append(
                html_format(
                    '<form method="post" action="{url}" data-hx-post="{url}" '
                    'data-hx-target="#agenda-list" data-hx-swap="outerHTML">{csrf}'
                    '<input type="hidden" name="direction" value="{direction}">'
                    '<button type="submit" class="{button}" id="move-{direction}-{pk}">{label}'
                    '<span class="visually-hidden"> {title}</span></button></form>',
                    url=item["move_url"],
                    csrf=csrf,
                    direction=direction,
                    button=button,
                    pk=item["pk"],
                    label=label,
                    title=title,
                )
            )
        parts.append(
            _post_button(
                item["withdraw_url"],
                csrf,
                words["withdraw"],
                title,
                button="btn btn-sm btn-outline-danger",
                inline=False,
            )
        )
    if may["add_resolutions"]:
        parts.append(_link(button, item["add_resolution_url"], words["add_resolution"], title))
    return joined(parts)


def _post_button(url, csrf, label, of, *, button=LINK_BUTTON, inline=True, field=""):
    """A form posting to ``url`` by one button (``button``: its classes), the button's visible
    ``label`` heard with what it acts ``of``, as ``_link``; ``inline`` in the line of text it
    follows (after a space); ``field``: a hidden field it sends."""
    form = (
        ' <form method="post" action="{}" class="d-inline">'
        if inline
        else '<form method="post" action="{}">'
    )
    return html_format(
        form + '{}{}<button type="submit" class="{}">{}<span class="visually-hidden"> {}</span>'
        "</button></form>",
        url,
        csrf,
        field,
        button,
        label,
        of,
    )


def _link(css_class, url, label, of):
    """A link whose visible ``label`` ("Edit") a screen reader hears with what it is ``of``."""
    return html_format(
        '<a class="{}" href="{}">{}<span class="visually-hidden"> {}</span></a>',
        css_class,
        url,
        label,
        of,
    )


def attendance_rows(seats, *, deputy_links):
    """The attendance table's ``<tr>`` of each seat (as ``seats_with_attendance`` gives them),
    as HTML; with ``deputy_links``, each answer with the link naming the seat's deputy."""
    name_a_deputy = _("Name a deputy") if deputy_links else ""
    rows = []
    for seat in seats:
        response = seat["response"]
        if deputy_links:
            response = html_format(
                '{} <a class="ms-2" href="{}">{}<span class="visually-hidden">: {}</span></a>',
                response,
                seat["deputy_url"],
                name_a_deputy,
                seat["name"],
            )
        rows.append(
            html_format(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                seat["name_with_deputy"],
                seat["organization"],
                response,
                seat["presence"],
            )
        )
    return joined(rows)


def minutes_rows(minutes):
    """The minutes of each item that has them (as ``agenda_items`` gives them), numbered in the
    session's items, as HTML."""
    return joined(
        html_format(
            '<h3 class="h6">{}. {}</h3><p>{}</p>',
            item["number"],
            item["title"],
            line_breaks(item["minutes"]),
        )
        for item in minutes
    )


def _csrf_input(request):
    """The hidden field of the request's CSRF token, as ``{% csrf_token %}`` writes it."""
    return html_format(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )
