from functools import partial

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from meetings.opendata.events import council_data
from meetings.views.opendata import OPEN
from members.access import authorise, council_view
from members.confirm import is_confirmed
from members.exports import table_response
from members.models import Council
from members.permissions import may
from members.views import edit_page, form_data

from . import opendata, services
from .access import get_published_report, get_report_for
from .confirmations import confirm_adoption, confirm_publication, confirm_redraft
from .forms import AdoptionForm, ReportCreateForm, ReportForm
from .listing import report_rows
from .models import AnnualReport
from .rendering import render_html, render_pdf

# The text parts of a report, which a list of reports never shows.
LIST_DEFERRED_FIELDS = [
    "introduction",
    "background",
    "membership",
    "sessions",
    "conclusion",
    "schedule",
    "schedule_note",
    "topics",
    "projects",
]


@council_view
def report_list(request, council):
    authorise(request.user, AnnualReport)
    context = {"council": council, "reports": report_rows(council, request.user)}
    # The year is shown on the button that starts a report: only a role that may start one
    # sees it (the template asks the same), so only that role pays the query.
    if may(request.user, "reports.add_annualreport"):
        context["next_year"] = services.next_report_year(council)
    return render(request, "reports/report_list.html", context)


@council_view
def report_create(request, council):
    authorise(request.user, AnnualReport, "add")
    form = ReportCreateForm(
        form_data(request), council=council, initial_year=services.next_report_year(council)
    )
    return edit_page(
        request,
        council,
        form,
        title=_("New annual report"),
        success_url=lambda report: report.get_absolute_url(),
        success_message=_("The report has been started: check the drafted parts."),
        cancel_url=reverse("reports:report_list", kwargs={"council": council.slug}),
        save=lambda form: services.report_create(
            council, form.cleaned_data["report_year"], by=request.user
        ),
    )


@council_view
def report_detail(request, council, pk):
    """The preview: the document laid out as in the PDF, with what may be done to it."""
    report = get_report_for(request.user, council, pk)
    return render(
        request,
        "reports/report_detail.html",
        {"council": council, "report": report, "document": render_html(report, standalone=False)},
    )


def _refuse_if_adopted(request, report):
    if not report.is_draft:
        messages.error(
            request, _("An adopted report cannot be changed; make a correction instead.")
        )
        return redirect(report)
    return None


@council_view
def report_edit(request, council, pk):
    """The parts of the report in a form, with a preview beside it that follows the typing."""
    report = get_report_for(request.user, council, pk, edit=True)
    if refused := _refuse_if_adopted(request, report):
        return refused
    report.updated_by = request.user
    return edit_page(
        request,
        council,
        ReportForm(form_data(request), instance=report),
        title=_("Edit: %(report)s") % {"report": report},
        success_url=report.get_absolute_url(),
        success_message=_("The report has been saved."),
        template="reports/report_form.html",
        # Called by the template, so the preview shows what was typed when it is refused.
        extra_context={
            "report": report,
            "document": partial(render_html, report, standalone=False),
        },
    )


@council_view
@require_POST
def report_preview(request, council, pk):
    """The document as the unsaved form would make it; nothing is stored."""
    report = get_report_for(request.user, council, pk, edit=True)
    form = ReportForm(request.POST, instance=report)
    form.is_valid()  # fills form.instance with what was typed, valid or not; never saved
    document = render_html(form.instance, standalone=False)
    return render(request, "reports/_preview.html", {"document": document})


@council_view
def report_redraft(request, council, pk):
    """Draft the data parts again; asks first when that would replace text, showing which."""
    report = get_report_for(request.user, council, pk, edit=True)
    if refused := _refuse_if_adopted(request, report):
        return refused
    changes = services.redraft_changes(report)
    if not changes:
        messages.info(request, _("The drafted parts already match the portal's data."))
        return redirect(report)
    if not is_confirmed(request):
        return confirm_redraft(request, council, report, changes)
    try:
        services.report_redraft(
            report, by=request.user, seen_version=request.POST.get("seen_version")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The parts drafted from the portal's data have been drafted again.")
        )
    return redirect(report)


@council_view
def report_adopt(request, council, pk):
    report = get_report_for(request.user, council, pk, edit=True)
    if not report.is_draft:
        # Most often the answer to a second secretary who adopted at the same time.
        messages.info(
            request, _("This report has already been adopted; it cannot be adopted again.")
        )
        return redirect(report)
    form = AdoptionForm(form_data(request), report=report)
    if request.method == "POST" and form.is_valid() and not is_confirmed(request):
        return confirm_adoption(request, council, report, form)

    def adopt(form):
        services.report_adopt(
            report,
            at_session=form.cleaned_data["adopted_at"],
            on=form.cleaned_data["adopted_on"],
            base_url=request.build_absolute_uri("/"),
            by=request.user,
            seen_version=form.cleaned_data["seen_version"],
        )
        return report

    return edit_page(
        request,
        council,
        form,
        title=_("Adopt: %(report)s") % {"report": report},
        success_url=report.get_absolute_url(),
        success_message=_("The report is adopted; its PDF is now fixed."),
        save=adopt,
        template="reports/adopt_form.html",
        extra_context={"report": report, "submit_label": _("Continue")},
    )


@council_view
def report_publish(request, council, pk):
    report = get_report_for(request.user, council, pk, edit=True)
    if report.may_be_published and not is_confirmed(request):
        return confirm_publication(request, council, report)
    try:
        services.report_publish(
            report, by=request.user, seen_version=request.POST.get("seen_version")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The report is published on the public page."))
    return redirect(report)


@council_view
@require_POST
def report_correct(request, council, pk):
    report = get_report_for(request.user, council, pk, edit=True)
    authorise(request.user, AnnualReport, "add")
    try:
        correction = services.report_correct(report, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(report)
    messages.success(request, _("A correction has been started; the adopted version is kept."))
    return redirect(correction)


@council_view
def report_pdf(request, council, pk):
    return _pdf_response(request, get_report_for(request.user, council, pk))


def _pdf_response(request, report):
    """An adopted report is the stored file, byte for byte; a draft is rendered now."""
    if report.is_draft:
        response = HttpResponse(
            render_pdf(report, base_url=request.build_absolute_uri("/")),
            content_type="application/pdf",
        )
        response["Content-Disposition"] = f'attachment; filename="{report.filename}"'
        return response
    return FileResponse(
        report.pdf.open("rb"),
        as_attachment=True,
        filename=report.filename,
        content_type="application/pdf",
    )


def public_report_list(request, council):
    """The council's public page: its published reports and its open data."""
    council = get_object_or_404(Council, slug=council)
    return render(
        request,
        "reports/public_report_list.html",
        {"council": council, "reports": council.annual_reports.published()},
    )


@require_safe
def reports_data(request, council, fmt):
    """Published reports as open data (reports/opendata/)."""
    council = get_object_or_404(Council, slug=council)
    reports = (
        council.annual_reports.published().select_related("council").defer(*LIST_DEFERRED_FIELDS)
    )
    with translation.override(settings.LANGUAGE_CODE):
        found = [opendata.report_data(report, request.build_absolute_uri) for report in reports]
    if fmt == "json":
        response = JsonResponse(
            {"council": council_data(council, request.build_absolute_uri), "reports": found},
            json_dumps_params={"ensure_ascii": False, "indent": 1},
        )
    else:
        rows = [opendata.report_row(data) for data in found]
        response = table_response(
            "csv", f"porocila-{council.slug}", opendata.COLUMNS, rows, for_spreadsheets=False
        )
    for header, value in OPEN.items():
        response[header] = value
    return response


def public_report_pdf(request, council, pk):
    return _pdf_response(request, get_published_report(council, pk))
