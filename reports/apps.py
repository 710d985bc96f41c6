from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from members.roles import MAYORS_OFFICE, MEMBER, SECRETARY, crud_permissions


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Annual reports")
    # The mayor's office downloads every report, drafts included; members read adopted ones.
    role_permissions = {
        SECRETARY: crud_permissions("annualreport") + ["view_draft_annualreport"],
        MAYORS_OFFICE: ["view_annualreport", "view_draft_annualreport"],
        MEMBER: ["view_annualreport"],
    }
    # What is due in the council, for the overview (members/overview.py).
    due = "reports.due"

    def ready(self):
        from . import records

        records.connect()
