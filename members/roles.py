"""The roles a login may hold in a council, and what each may do there.

A role belongs to one council (members.models.CouncilAccess): the same login may be a member in
one council and the secretary of another. Each app declares, in ``AppConfig.role_permissions``,
which permission codenames of its models each role has; members/permissions.py turns that table
into the rules ``may(user, name, obj)`` asks, evaluated in the council of the object (or of the
page).
"""

from django.db import models
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    SECRETARY = "secretary", pgettext_lazy("access role", "secretary")
    MEMBER = "member", pgettext_lazy("access role", "member")
    MAYORS_OFFICE = "mayors_office", pgettext_lazy("access role", "mayor's office")


SECRETARY = Role.SECRETARY
MEMBER = Role.MEMBER
MAYORS_OFFICE = Role.MAYORS_OFFICE


def crud_permissions(*model_names):
    """Codenames of every action on the named models, for ``role_permissions``."""
    actions = ("view", "add", "change", "delete")
    return [f"{action}_{model}" for model in model_names for action in actions]
