from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from members.roles import MAYORS_OFFICE, MEMBER, SECRETARY, crud_permissions

_SEE_SESSIONS = [
    "view_session",
    "view_agendaitem",
    "view_material",
    "view_resolution",
    "view_attendance",
    # The statistics page (meetings/statistics.py); a permission of its own, not of a model.
    "view_statistics",
]


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Sessions")
    # Members read agendas and propose additions; the mayor's office reads; the secretary runs it.
    role_permissions = {
        SECRETARY: crud_permissions(
            "session",
            "agendaitem",
            "material",
            "agendaproposal",
            "agendachange",
            "attendance",
            "resolution",
            "invitationdelivery",
        )
        + ["view_statistics"],
        # A member's looks at a session are noted (SessionSeen), so that their overview can say
        # which materials are new to them.
        MEMBER: _SEE_SESSIONS + ["add_agendaproposal", "view_agendaproposal", "add_sessionseen"],
        MAYORS_OFFICE: _SEE_SESSIONS,
    }
    # What is due in the council, for the overview (members/overview.py).
    due = "meetings.due"

    def ready(self):
        from . import records, roster_records

        records.connect()
        roster_records.connect()
