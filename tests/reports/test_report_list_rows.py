"""The reports list reads values, not reports (reports/listing.py): its links and names are
exactly what ``reverse()`` and the models' ``str()`` make."""

import pytest
from django.urls import reverse
from django.utils import translation

from meetings.models import Session, session_name
from reports.listing import url_for_pk
from reports.models import AnnualReport, report_name


@pytest.mark.parametrize("name", ["reports:report", "reports:report_pdf"])
@pytest.mark.parametrize("slug", ["ptuj", "mestna-9876543210"])  # the placeholder in a slug
def test_row_links_equal_reverse(name, slug):
    for pk in (1, 42, 9876543210):
        assert url_for_pk(name, council=slug)(pk) == reverse(
            name, kwargs={"council": slug, "pk": pk}
        )


@pytest.mark.parametrize("language", ["sl", "en"])
def test_names_equal_the_models_str(language):
    with translation.override(language):
        for version in (1, 2):
            report = AnnualReport(report_year=2023, plan_year=2024, version=version)
            assert report_name(2023, 2024, version) == str(report)
        assert session_name(7) == str(Session(number=7))
