"""The three roles, as auth groups whose permissions each app declares for its own models.

An app lists what each role may do with its models in ``AppConfig.role_permissions``;
``sync_roles`` gives the groups those permissions. It runs from the ``0002_roles`` data migration
and again after every ``migrate`` and ``flush`` (post_migrate), so a role never lacks the
permissions of an app added later, and tests that empty the database get the roles back.
"""

from django.apps import apps as global_apps

SECRETARY = "Tajništvo"
MEMBER = "Član"
MAYORS_OFFICE = "Kabinet župana"
ROLES = (SECRETARY, MEMBER, MAYORS_OFFICE)


def crud_permissions(*model_names):
    """Codenames of every action on the named models, for ``role_permissions``."""
    actions = ("view", "add", "change", "delete")
    return [f"{action}_{model}" for model in model_names for action in actions]


def sync_roles(app_labels=None, apps=global_apps, using="default"):
    """Create the role groups and grant what the apps (all, or those named) declare."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    groups = {name: Group.objects.using(using).get_or_create(name=name)[0] for name in ROLES}
    for config in global_apps.get_app_configs():
        if app_labels is not None and config.label not in app_labels:
            continue
        for role, codenames in getattr(config, "role_permissions", {}).items():
            permissions = Permission.objects.using(using).filter(
                content_type__app_label=config.label, codename__in=codenames
            )
            groups[role].permissions.add(*permissions)


def sync_roles_after_migrate(sender, using="default", **kwargs):
    """post_migrate handler: runs once per migrated app, after its permissions exist."""
    sync_roles(app_labels=[sender.label], using=using)
