"""The secretary's exports: a year's sessions and the register of resolutions, as CSV or XLSX
(members/exports.py). Only a role with the export permission gets them (meetings/apps.py)."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from members.access import authorise, council_view
from members.exports import table_response

from ..forms import RegisterFilterForm, YearForm
from ..models import Resolution, Session
from .outcome import register_of


@council_view
def session_export(request, council, fmt):
    """The sessions of one year (``?leto=``, this year unless asked), as the list shows them."""
    authorise(request.user, Session, "export")
    year = YearForm(request.GET).year()
    if year is None:
        messages.error(request, _("The year to export must be a number from 1 to 9999."))
        return redirect("meetings:session_list", council=council.slug)
    sessions = (
        Session.objects.of_council(council)
        .in_year(year)
        .select_related("mandate")
        .annotate(item_count=Count("items", filter=Q(items__withdrawn=False)))
        .order_by("date", "planned_month", "number")
    )
    header = [
        _("Session"),
        _("Kind"),
        _("Status"),
        _("Date"),
        _("Time"),
        _("Planned month"),
        _("Place"),
        _("Mandate"),
        _("Agenda items"),
        _("Minutes approved on"),
        _("Public"),
    ]
    rows = (
        [
            str(session),
            session.get_kind_display(),
            session.get_status_display(),
            session.date,
            session.time,
            session.planned_month.strftime("%Y-%m") if session.planned_month else None,
            session.place,
            str(session.mandate),
            session.item_count,
            session.minutes_approved_on,
            session.public,
        ]
        for session in sessions
    )
    filename = _("sessions-%(council)s-%(year)s") % {"council": council.slug, "year": year}
    return table_response(fmt, filename, header, rows)


@council_view
def resolution_export(request, council, fmt):
    """The register with the same filters as its page; filters that cannot be read send the
    secretary back to the page, which names them."""
    authorise(request.user, Resolution, "export")
    filters = RegisterFilterForm(request.GET, council=council)
    if not filters.is_valid():
        messages.error(request, _("Correct the filters before exporting the register."))
        address = reverse("meetings:resolution_register", kwargs={"council": council.slug})
        return redirect(f"{address}?{request.GET.urlencode()}")
    today = timezone.localdate()
    header = [
        _("Session"),
        _("Session date"),
        _("Resolution"),
        _("Text"),
        _("Outcome"),
        _("Responsible organization"),
        _("Deadline"),
        _("Carried out on"),
        _("Overdue"),
        _("Public"),
    ]
    rows = (
        [
            str(resolution.session),
            resolution.session.date,
            resolution.number,
            resolution.text,
            resolution.get_outcome_display(),
            str(resolution.responsible) if resolution.responsible else None,
            resolution.deadline,
            resolution.done_on,
            resolution.is_overdue(today),
            resolution.public,
        ]
        for resolution in filters.filter(register_of(council))
    )
    filename = _("resolutions-%(council)s") % {"council": council.slug}
    return table_response(fmt, filename, header, rows)
