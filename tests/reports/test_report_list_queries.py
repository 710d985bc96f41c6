"""The list of annual reports costs the same number of queries however many years it holds."""

import pytest
from django.urls import reverse

from reports.models import AnnualReport

pytestmark = pytest.mark.django_db


def add_reports(council, years):
    """Drafts, one a year (a published report needs its adoption and PDF)."""
    for year in range(2000, 2000 + years):
        AnnualReport.objects.create(
            council=council,
            report_year=year,
            plan_year=year + 1,
            subject=f"Poročilo {year}",
            report_heading="Poročilo",
            plan_heading="Plan",
        )


@pytest.mark.parametrize(
    ("persona", "queries"), [("mayors_office", 3), ("member", 3), ("secretary", 5)]
)
@pytest.mark.parametrize("years", [2, 12])
def test_report_list_query_count_is_fixed(
    client, request, council, persona, queries, years, django_assert_num_queries
):
    add_reports(council, years)
    client.force_login(request.getfixturevalue(persona))
    # The session, the login with its role and the council (and whether the login needs a
    # second factor; a verified secretary's session loads its device instead); the reports;
    # for the secretary, who may start the next report, that report's year.
    with django_assert_num_queries(queries):
        response = client.get(reverse("reports:report_list", kwargs={"council": "ptuj"}))
    shown = 0 if persona == "member" else years  # members see no drafts
    assert response.content.decode().count("porocilo.pdf") == shown
