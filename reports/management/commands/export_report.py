"""`export_report YEAR`: a council's annual report as PDF, as the portal serves it, to a file."""

import hashlib
import os
import uuid
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from members.models import Council
from reports.models import AnnualReport
from reports.rendering import render_pdf

# A draft is rendered outside any request; the report's template loads nothing from the site, so
# the base URL only has to be well formed (a file: URI would not match the static prefixes).
BASE_URL = "http://localhost/"


class Command(BaseCommand):
    help = (
        "Write the PDF of a council's report on YEAR (its newest version): an adopted report as "
        "the stored file, byte for byte; a draft rendered now."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="The year the report is on, e.g. 2023.")
        parser.add_argument(
            "--council", help="The council's slug; may be left out when there is only one."
        )
        parser.add_argument(
            "-o",
            "--output",
            default="-",
            help="File or folder to write to; '-' or none: the report's file name, here.",
        )

    def handle(self, *args, year, council, output, **options):
        council = get_council(council)
        report = (
            AnnualReport.objects.filter(council=council, report_year=year)
            .select_related("council")
            .order_by("-version")
            .first()
        )
        if report is None:
            raise CommandError(f"{council} has no report on {year}.")
        pdf = pdf_of(report)

        if output == "-":
            path = Path(report.filename)
            self.stdout.write(f"No output file named: writing {path} in the current directory.")
        else:
            path = Path(output)
            if path.is_dir():
                path = path / report.filename
        write_atomically(path, pdf)
        self.stdout.write(f"Wrote {path} ({report.status}, version {report.version}).")
        self.stdout.write(f"SHA-256: {hashlib.sha256(pdf).hexdigest()}")


def get_council(slug):
    """The council named, or the only one; otherwise an error that lists the slugs to choose."""
    councils = Council.objects.order_by("slug")
    slugs = ", ".join(councils.values_list("slug", flat=True)) or "none"
    if slug:
        council = councils.filter(slug=slug).first()
        if council is None:
            raise CommandError(f"No council '{slug}'. Councils: {slugs}.")
        return council
    found = list(councils[:2])
    if len(found) != 1:
        raise CommandError(f"Name the council with --council. Councils: {slugs}.")
    return found[0]


def pdf_of(report):
    """What the portal serves: the adopted file as stored, or a draft rendered now."""
    if report.is_draft:
        return render_pdf(report, base_url=BASE_URL)
    try:
        with report.pdf.open("rb") as stored:
            pdf = stored.read()
    except OSError as error:
        raise CommandError(f"Cannot read the stored file {report.pdf.name}: {error}.") from error
    # The hash was taken at adoption: a file that no longer matches is not the adopted report.
    if hashlib.sha256(pdf).hexdigest() != report.pdf_sha256:
        raise CommandError(
            f"The stored file {report.pdf.name} does not match the SHA-256 recorded when "
            f"{report} was adopted; not exported."
        )
    return pdf


def write_atomically(path, data):
    """Write beside the target, then rename over it: an interrupted run leaves no half a PDF."""
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        # os.open rather than tempfile: the finished file gets the usual umask permissions.
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(partial, path)
    except OSError as error:
        raise CommandError(f"Cannot write {path}: {error.strerror}.") from error
    finally:
        # Nothing is left to remove after the rename; after a failure (or Ctrl-C) the part goes.
        partial.unlink(missing_ok=True)
