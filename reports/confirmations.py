"""What adopting, publishing and drafting again will do, asked before it is done.

Each function renders the shared confirmation page (members/confirm.py) with the real values:
the session and date of the adoption, the public address, the sections whose text is replaced.
"""

import difflib

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from members.confirm import confirm_page

from .models import AnnualReport


def confirm_adoption(request, council, report, form):
    session, day = form.cleaned_data["adopted_at"], form.cleaned_data["adopted_on"]
    consequences = [
        _("The PDF of the report will be frozen. Session: %(session)s; date of adoption: %(date)s.")
        % {"session": form.session_label(), "date": date_format(day, "SHORT_DATE_FORMAT")},
        _(
            "Every download will be exactly that file, with its SHA-256 fingerprint shown beside "
            "it."
        ),
        _("After that the text can change only through a correction, a new version."),
    ]
    if form.unusual:
        consequences.append(_unusual_session_note(report))
    return confirm_page(
        request,
        council,
        title=_("Adopt: %(report)s") % {"report": report},
        consequences=consequences,
        confirm_label=_("Adopt and freeze the PDF"),
        cancel_url=report.get_absolute_url(),
        carry={
            "adopted_at": session.pk,
            "adopted_on": day.isoformat(),
            "seen_version": form.cleaned_data["seen_version"],
        },
    )


def _unusual_session_note(report):
    return _(
        "Note: this session was held in %(report_year)s, the year the report is about. That is "
        "unusual: a report is normally adopted in the following year, %(plan_year)s."
    ) % {"report_year": report.report_year, "plan_year": report.plan_year}


def confirm_publication(request, council, report):
    address = request.build_absolute_uri(
        reverse("public:public_report_list", kwargs={"council": council.slug})
    )
    return confirm_page(
        request,
        council,
        title=_("Publish: %(report)s") % {"report": report},
        consequences=[
            _public_at(address),
            _("Anyone will be able to download its adopted PDF there, without logging in."),
            _("Publication cannot be undone in the portal."),
        ],
        confirm_label=_("Publish"),
        cancel_url=report.get_absolute_url(),
        carry={"seen_version": report.lock_version},
    )


def _public_at(address):
    # The address as a link that may break anywhere: whole, it is wider than a phone's screen.
    link = format_html('<a class="text-break" href="{0}">{0}</a>', address)
    sentence = conditional_escape(_("The report will be visible to the public at %(address)s."))
    return mark_safe(sentence % {"address": link})  # both parts are escaped above


def confirm_redraft(request, council, report, changes):
    """``changes`` maps each drafted field whose text would change to (now, after)."""
    sections = [
        {
            "label": AnnualReport._meta.get_field(field).verbose_name,
            "lines": line_diff(now, after),
        }
        for field, (now, after) in changes.items()
    ]
    return confirm_page(
        request,
        council,
        title=_("Draft the data parts again: %(report)s") % {"report": report},
        consequences=[
            _(
                "The text of the sections below will be replaced by a new draft from the portal's "
                "data; whatever was typed into them will be lost."
            ),  # fmt: skip
            _("The other sections stay as they are."),
        ],
        confirm_label=_("Replace the text"),
        cancel_url=report.get_absolute_url(),
        carry={"seen_version": report.lock_version},
        danger=True,
        details_template="reports/_redraft_changes.html",
        extra_context={"sections": sections},
    )


def line_diff(now, after):
    """The two texts paragraph by paragraph: ("same" | "removed" | "added", line)."""
    old = [line for line in now.splitlines() if line.strip()]
    new = [line for line in after.splitlines() if line.strip()]
    lines = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new).get_opcodes():
        if tag == "equal":
            lines.extend(("same", line) for line in old[i1:i2])
            continue
        lines.extend(("removed", line) for line in old[i1:i2])
        lines.extend(("added", line) for line in new[j1:j2])
    return lines
