"""The reports list reads values, not reports (reports/listing.py): its names are exactly what
the models' ``str()`` make (its links: tests/members/test_addresses.py)."""

import pytest
from django.utils import translation

from meetings.models import Session, session_name
from reports.models import AnnualReport, report_name


@pytest.mark.parametrize("language", ["sl", "en"])
def test_names_equal_the_models_str(language):
    with translation.override(language):
        for version in (1, 2):
            report = AnnualReport(report_year=2023, plan_year=2024, version=version)
            assert report_name(2023, 2024, version) == str(report)
        assert session_name(7) == str(Session(number=7))
