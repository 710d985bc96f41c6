"""Who may do what, in one module: the role a login holds in an object's council, and the object
rules on top of it (django-rules).

Each app declares in ``AppConfig.role_permissions`` which permission codenames each role has; here
every such permission becomes a rule "the login's role in the council of the object is one of
these", and a few rules add a condition on the object itself (a member sees their own proposals
only). Code asks ``may(user, name, obj)``; templates ask ``perms.app.codename`` (see ``RolePerms``).

Called without an object, a rule asks about the council the page belongs to, which
``members.access.council_view`` opened for this request. With neither, the answer is no.

Django's own ``user.has_perm`` is left to the admin: it grants a superuser everything, while here
the installation administrator has in a council only the rights of a role held there.
"""

from collections import defaultdict

import rules
from django.apps import apps

from .roles import MEMBER, SECRETARY


def council_id_of(obj):
    """The council an object belongs to, by the way each model hangs on it."""
    if obj._meta.label == "members.Council":
        return obj.pk
    if hasattr(obj, "council_id"):
        return obj.council_id
    for parent in ("mandate", "session", "item"):
        if hasattr(obj, parent):
            return council_id_of(getattr(obj, parent))
    raise TypeError(f"{obj!r} does not belong to a council")


def role_of(user, obj=None):
    """The login's role in the object's council (or in the council of this page), or None."""
    if not user.is_authenticated or not user.is_active:
        return None
    opened = getattr(user, "council_access", None)
    if obj is None:
        return opened.role if opened else None
    council_id = council_id_of(obj)
    if opened is not None and opened.council_id == council_id:
        return opened.role
    access = user.council_accesses.filter(council_id=council_id).values_list("role", flat=True)
    return access.first()


def has_role(*roles):
    @rules.predicate(name=f"has_role({', '.join(roles)})")
    def predicate(user, obj=None):
        return role_of(user, obj) in roles

    return predicate


@rules.predicate
def proposed_it(user, proposal=None):
    """Without a proposal (a list of them), the list is limited to the login's own."""
    return proposal is None or proposal.proposed_by_id == user.pk


# Rules with a condition beyond the role; every other permission is the role alone.
OBJECT_RULES = {
    "meetings.view_agendaproposal": has_role(SECRETARY) | (has_role(MEMBER) & proposed_it),
}


def may(user, name, obj=None):
    """May the login do ``name`` ("meetings.change_session") to ``obj`` (or in this page's
    council)? The role rules alone decide, for superusers too."""
    return rules.has_perm(name, user, obj)


class RolePerms:
    """``perms`` for templates, asking ``may`` in the council of the page: replaces Django's
    PermWrapper (members.context_processors), so a button shows exactly when the role allows."""

    def __init__(self, user):
        self.user = user

    def __getitem__(self, app_label):
        return _AppPerms(self.user, app_label)


class _AppPerms:
    def __init__(self, user, app_label):
        self.user, self.app_label = user, app_label

    def __getitem__(self, codename):
        return may(self.user, f"{self.app_label}.{codename}")


def register():
    """Called once from MembersConfig.ready, when every app's table is known."""
    holders = defaultdict(set)
    for config in apps.get_app_configs():
        for role, codenames in getattr(config, "role_permissions", {}).items():
            for codename in codenames:
                holders[f"{config.label}.{codename}"].add(role)
    for name, roles in holders.items():
        rules.set_perm(name, OBJECT_RULES.get(name, has_role(*sorted(roles))))
