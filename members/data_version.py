"""A council's data version: a token that moves with every change a page of the council could show.

Pages are cached under it (see ``page_cache.py``), so a cached page cannot outlive what it shows:
the first view after a change draws the page anew, and the old copies are never asked for again.
The version is a fresh random token, never a counter, so that two states of the data (before and
after a restore, or in two test databases) can never share one.

What moves it, in the change's own transaction (or straight after a change that committed on its
own), so that no reader can pair the new version with the old data:
- saving or deleting an object of a model an app registers with ``track()`` (each app registers its
  own in ``AppConfig.ready``), and the council itself;
- who belongs to the council (``Council.users``);
- anything about accounts and roles: a name, a password, groups, permissions. Roles are global,
  so these move every council's version;
- the few writes that bypass model signals (``QuerySet.update``, ``bulk_update``) call
  ``council_data_changed`` themselves.
"""

import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_save, pre_delete

_council_paths = {}


def new_version():
    return uuid.uuid4().hex


def council_data_changed(council_ids):
    """Move the data version of the councils whose ids (a list or a queryset of ids) are given."""
    from .models import Council

    Council.objects.filter(pk__in=council_ids).update(data_version=new_version())


def all_councils_changed():
    from .models import Council

    Council.objects.update(data_version=new_version())


def track(model, council_path):
    """Move the council's data version whenever an object of ``model`` is saved or deleted.

    ``council_path`` leads from the model to its council's id as a lookup: ``"council"`` or
    ``"session__mandate__council"``.
    """
    _council_paths[model] = council_path
    post_save.connect(_saved, sender=model, dispatch_uid=f"data-version-save-{model._meta.label}")
    # Before the delete, while the rows that lead to the council still exist; Django runs it in
    # the delete's own transaction.
    pre_delete.connect(_deleted, sender=model, dispatch_uid=f"data-version-del-{model._meta.label}")


def tracked_models():
    return set(_council_paths)


def _council_ids_of(model, instance):
    path = _council_paths[model]
    if path == "council":
        return [instance.council_id]
    return model._base_manager.filter(pk=instance.pk).values(path)


def _saved(sender, instance, raw=False, **kwargs):
    # A fixture being loaded (restore) may refer to rows not loaded yet; restore moves every
    # council's version once it is done.
    if not raw:
        council_data_changed(_council_ids_of(sender, instance))


def _deleted(sender, instance, origin=None, **kwargs):
    # Deleting a session also deletes its items, materials and attendance, each with its own
    # signal; the object the deletion started from speaks for all of them (a cascade never
    # leaves its council).
    if isinstance(origin, tuple(_council_paths)) and origin is not instance:
        return
    council_data_changed(_council_ids_of(sender, instance))


def _council_saved(sender, instance, raw=False, **kwargs):
    # Saving a council writes back the version it was read with; a new one must follow.
    if not raw:
        council_data_changed([instance.pk])


def _council_users_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if not reverse:
        council_data_changed([instance.pk])
    elif pk_set is not None:
        council_data_changed(pk_set)
    else:
        all_councils_changed()


def _account_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    # Logging in only records the time; nothing a page shows.
    if not raw and set(update_fields or ()) != {"last_login"}:
        all_councils_changed()


def _roles_changed(sender, action=None, raw=False, **kwargs):
    if not raw and (action is None or action.startswith("post_")):
        all_councils_changed()


def connect(council_model):
    """Connect the council's and the accounts' signals (the members app does this once)."""
    post_save.connect(_council_saved, sender=council_model, dispatch_uid="data-version-council")
    m2m_changed.connect(
        _council_users_changed,
        sender=council_model.users.through,
        dispatch_uid="data-version-council-users",
    )
    user_model = get_user_model()
    post_save.connect(_account_saved, sender=user_model, dispatch_uid="data-version-user")
    for model in (user_model, Group, Permission):
        pre_delete.connect(
            _roles_changed, sender=model, dispatch_uid=f"data-version-del-{model._meta.label}"
        )
    for through in (
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(
            _roles_changed, sender=through, dispatch_uid=f"data-version-m2m-{through._meta.label}"
        )
