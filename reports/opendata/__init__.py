"""Published annual reports as open data (porocila.json, porocila.csv): only what the council has
published, each with the address of its PDF and the PDF's SHA-256. The JSON's shape is
schema/reports.json, described in the README with the sessions' and resolutions' files."""

import json
from pathlib import Path

from django.urls import reverse

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"

COLUMNS = [
    "id",
    "name",
    "report_year",
    "plan_year",
    "version",
    "adopted_on",
    "published_on",
    "url",
    "sha256",
]


def schema(name="reports"):
    return json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))


def report_data(report, absolute):
    address = reverse(
        "public:public_report_pdf", kwargs={"council": report.council.slug, "pk": report.pk}
    )
    return {
        "id": f"porocilo-{report.pk}",
        "name": str(report),
        "report_year": report.report_year,
        "plan_year": report.plan_year,
        "version": report.version,
        "adopted_on": report.adopted_on.isoformat(),
        "published_on": report.published_on.isoformat() if report.published_on else None,
        "url": absolute(address),
        "sha256": report.pdf_sha256,
    }


def report_row(data):
    return [data[column] for column in COLUMNS]
