"""Fetch-and-authorise: the one place that decides who may see or change what.

Every view goes through these helpers, so none can forget a check. The rules:
- anonymous users never get here: views are wrapped in ``login_required``;
- an object outside the user's councils answers 404, so its existence does not leak;
- a user who may see the council but lacks the model permission for the action gets 403.
Roles are groups with model permissions (see the ``roles`` data migration).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Council, Membership


def authorise(user, model, action="view"):
    """Raise 403 unless the user's role allows ``action`` (view/add/change/delete) on ``model``."""
    opts = model._meta
    if not user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}"):
        raise PermissionDenied


def get_council_for(user, slug):
    """The council at ``slug`` if the user belongs to it, else 404."""
    return get_object_or_404(Council.objects.for_user(user), slug=slug)


def get_authorised(user, queryset, pk, edit=False):
    """The object at ``pk`` in ``queryset`` (already limited to one council), else 404; then
    403 unless the user's role may view it (or change it, with ``edit``)."""
    obj = get_object_or_404(queryset, pk=pk)
    authorise(user, queryset.model, "change" if edit else "view")
    return obj


def get_organization_for(user, council, pk, *, edit=False):
    return get_authorised(user, council.organizations.all(), pk, edit)


def get_person_for(user, council, pk, *, edit=False):
    return get_authorised(user, council.people.all(), pk, edit)


def get_mandate_for(user, council, pk, *, edit=False):
    return get_authorised(user, council.mandates.all(), pk, edit)


def get_membership_for(user, council, pk, *, edit=False):
    queryset = Membership.objects.filter(mandate__council=council).select_related("mandate")
    return get_authorised(user, queryset, pk, edit)
