from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _

from .roles import MAYORS_OFFICE, MEMBER, SECRETARY, crud_permissions


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members and mandates")
    # Members and the mayor's office see the roster, but not people's contact records.
    role_permissions = {
        SECRETARY: crud_permissions(
            "organization", "person", "mandate", "membership", "councilaccess"
        )
        + ["view_council"],
        MEMBER: ["view_council", "view_organization", "view_mandate", "view_membership"],
        MAYORS_OFFICE: ["view_council", "view_organization", "view_mandate", "view_membership"],
    }
    # What is due in the council, for the overview (members/overview.py).
    due = "members.due"

    def ready(self):
        from . import permissions
        from .collation import register_sqlite_collation

        permissions.register()
        connection_created.connect(register_sqlite_collation)
