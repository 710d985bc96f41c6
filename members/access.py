"""Fetch-and-authorise: the one place that decides who may see or change what.

Every council page is wrapped in ``council_view``, which takes the council from the URL and the
login's role there, on every request:
- anonymous visitors are sent to the login page;
- a login without a role in that council gets 404, so the council's existence does not leak,
  and so does an object outside the council;
- a role that may see but not change (members/permissions.py) gets 403.
"""

from functools import wraps

from django.contrib.auth import middleware as auth_middleware
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect

from .models import Council, CouncilAccess, Membership
from .permissions import may
from .two_factor import (
    must_pass_second_factor,
    quote_name,
    second_factor_expected,
    second_factor_url,
)


def council_view(view):
    """Decorate a view whose URL names a council (``<slug:council>``): the view receives the
    Council instead of the slug, and only if the login holds a role there.
    ``request.user.council_access`` then holds the role, for rules asked without an object
    (``perms`` in templates, ``authorise`` without one)."""

    @wraps(view)
    def wrapped(request, *args, council, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        # django-otp wraps the lazily read login in a lazy object of its own, so every use of
        # request.user on the page went through two proxies (about a thousand on the overview).
        # Read by now, the login itself serves the rest of the request: the instance that
        # AuthenticationMiddleware read and kept, with what django-otp set on it.
        request.user = user = auth_middleware.get_user(request)
        # The second-factor gate (SecondFactorMiddleware leaves council pages to this): a
        # session not yet verified asks, in the same query as the role, whether it must be.
        unverified = not user.is_verified()
        try:
            access = open_council(user, council, ask_second_factor=unverified)
        except Http404:
            if unverified and must_pass_second_factor(user):
                return redirect(second_factor_url(user, request.get_full_path()))
            raise
        if unverified and (user.is_superuser or access.second_factor_required):
            return redirect(second_factor_url(user, request.get_full_path()))
        return view(request, *args, council=access.council, **kwargs)

    wrapped.checks_second_factor = True
    return wrapped


def open_council(user, slug, *, ask_second_factor=False):
    """The login's role in the council at ``slug`` (one query, with the council), else 404.
    With ``ask_second_factor``, the role also says whether the login must pass a second
    factor (``second_factor_required``, as ``must_pass_second_factor`` without the superuser).

    Written as SQL and read with ``Council.objects.raw``, which still gives the whole Council:
    every council page asks it, and composing the same join through the ORM (two tables' columns,
    the annotation) made the floor of every page 0.4 ms dearer, over three times the query."""
    councils, accesses = (quote_name(model._meta.db_table) for model in (Council, CouncilAccess))
    columns = f"{councils}.*, {accesses}.id AS access_id, {accesses}.role AS access_role"
    params = []
    if ask_second_factor:
        expected = second_factor_expected(f"{accesses}.user_id")
        columns += f", {expected.sql} AS second_factor_required"
        params += expected.params
    found = Council.objects.raw(
        f"SELECT {columns} FROM {councils} INNER JOIN {accesses}"
        f" ON {accesses}.council_id = {councils}.id"
        f" WHERE {councils}.slug = %s AND {accesses}.user_id = %s",
        [*params, slug, user.pk],
    )
    council = next(iter(found), None)  # at most one: a login holds one role in a council
    if council is None:
        raise Http404
    # The role's columns came as attributes of the council; they belong to the access.
    row = vars(council)
    access = CouncilAccess.from_db(
        council._state.db,
        ["id", "council_id", "user_id", "role"],
        [row.pop("access_id"), council.pk, user.pk, row.pop("access_role")],
    )
    access.council = council
    if ask_second_factor:
        access.second_factor_required = bool(row.pop("second_factor_required"))
    user.council_access = access
    return access


def authorise(user, model, action="view", obj=None):
    """Raise 403 unless the login's role allows ``action`` (view/add/change/delete) on ``model``,
    in the council of ``obj`` or, without one, of the page."""
    opts = model._meta
    if not may(user, f"{opts.app_label}.{action}_{opts.model_name}", obj):
        raise PermissionDenied


def get_authorised(user, queryset, pk, edit=False):
    """The object at ``pk`` in ``queryset`` (already limited to one council), else 404; then
    403 unless the user's role may view it (or change it, with ``edit``)."""
    obj = get_object_or_404(queryset, pk=pk)
    authorise(user, queryset.model, "change" if edit else "view", obj)
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
