"""Fetch-and-authorise: the one place that decides who may see or change what.

Every council page is wrapped in ``council_view``, which takes the council from the URL and the
login's role there, on every request:
- anonymous visitors are sent to the login page;
- a login without a role in that council gets 404, so the council's existence does not leak,
  and so does an object outside the council;
- a role that may see but not change (members/permissions.py) gets 403.
"""

from contextvars import ContextVar
from functools import cache, wraps

from django.contrib.auth import get_user_model
from django.contrib.auth import middleware as auth_middleware
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import connections
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django_otp import DEVICE_ID_SESSION_KEY

from .models import Council, CouncilAccess, Membership
from .permissions import may
from .sql import converted
from .two_factor import (
    must_pass_second_factor,
    quote_name,
    second_factor_expected,
    second_factor_url,
)

# The council a council page names, and whether it asks the second-factor question, while
# ``council_view`` first reads the login: the account's read (sosvet/auth.py) then reads the
# council and the role there in the same statement (``council_read``), one query less per page.
# Set for that read only; the role is still decided on every request, from what it read.
page_council = ContextVar("page_council", default=None)


def council_view(view):
    """Decorate a view whose URL names a council (``<slug:council>``): the view receives the
    Council instead of the slug, and only if the login holds a role there.
    ``request.user.council_access`` then holds the role, for rules asked without an object
    (``perms`` in templates, ``authorise`` without one)."""

    @wraps(view)
    def wrapped(request, *args, council, **kwargs):
        # A session that holds no device has not passed a second factor: its page asks, with
        # the role, whether it must (one that holds one is verified unless the device is gone).
        asks = DEVICE_ID_SESSION_KEY not in request.session
        named = page_council.set((council, asks))
        try:
            # The first use of request.user reads the login, and with it the council and role.
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
        finally:
            page_council.reset(named)
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

    No query when the login's own read asked it already (``council_read``, on a council page
    that read the login first): the same statement's part, for the same council and question.

    Written as SQL: every council page asks it, and composing the same join through the ORM
    (two tables' columns, the annotation) made the floor of every page 0.4 ms dearer, over three
    times the query."""
    read = vars(user).pop("_council_read", None)
    if read is not None and read[0] == slug and (read[1] or not ask_second_factor):
        row = read[2]
    else:
        users = get_user_model()._default_manager
        table = quote_name(users.model._meta.db_table)
        login = f"{table}.{quote_name(users.model._meta.pk.column)}"
        columns, params, joins = role_sql(login, ask_second_factor)
        connection = connections[users.db]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {columns} FROM {table} {joins} WHERE {login} = %s",
                [*params, slug, user.pk],
            )
            found = cursor.fetchone()  # at most one: a login holds one role in a council
        held = found is not None and found[len(Council._meta.concrete_fields)] is not None
        row = (connection.alias, found) if held else None
    if row is None:
        raise Http404
    access = _access_from(user, *row, ask_second_factor)
    user.council_access = access
    return access


@cache  # its text depends on its arguments alone (a column, yes or no): written out once
def role_sql(login, ask_second_factor):
    """The statement's parts that read, beside a login's account, the council at a slug and the
    login's role there: (columns, their params, the joins to write after ``FROM`` the accounts'
    table, whose column ``login`` holds the login's id; the slug is the joins' one param).

    LEFT JOINs, so the account comes without a role too: its columns are then NULL. The columns
    are the council's, as ``council__<column>``, the role's (``access_id``, ``access_role``) and,
    with ``ask_second_factor``, whether the login must pass a second factor. The one statement
    of both ``open_council`` and the account's read on a council page (sosvet/auth.py)."""
    councils, accesses = (quote_name(model._meta.db_table) for model in (Council, CouncilAccess))
    columns = [
        f"{councils}.{quote_name(field.column)} AS {quote_name(COUNCIL + field.column)}"
        for field in Council._meta.concrete_fields
    ]
    columns += [f"{accesses}.id AS access_id", f"{accesses}.role AS access_role"]
    params = []
    if ask_second_factor:
        expected = second_factor_expected(f"{accesses}.user_id")
        columns.append(f"{expected.sql} AS second_factor_required")
        params += expected.params
    joins = (
        f"LEFT JOIN {councils} ON {councils}.slug = %s"
        f" LEFT JOIN {accesses} ON {accesses}.council_id = {councils}.id"
        f" AND {accesses}.user_id = {login}"
    )
    return ", ".join(columns), tuple(params), joins


COUNCIL = "council__"
ROLE_COLUMNS = ("access_id", "access_role", "second_factor_required")


def council_read(user, page):
    """Keep on ``user``, read by the account's statement with ``role_sql``'s columns for the
    council ``page`` names (``page_council``'s value), what it read there, for ``open_council``.
    The columns leave the login: they are the council's and the role's, not the account's."""
    slug, asks = page
    read = vars(user)
    values = [read.pop(COUNCIL + field.column) for field in Council._meta.concrete_fields]
    values += [read.pop(column) for column in ROLE_COLUMNS[: 3 if asks else 2]]
    # No role there, or no such council: the LEFT JOIN's NULLs, a 404 without another query.
    held = values[len(Council._meta.concrete_fields)] is not None
    user._council_read = (slug, asks, (user._state.db, values) if held else None)


def _access_from(user, db, values, ask_second_factor):
    """The role (a CouncilAccess with its council) of the values ``role_sql``'s columns read.
    The council's are converted as the ORM converts what it reads (none of its fields needs it
    today, on SQLite or PostgreSQL; a date or a yes/no field added later would)."""
    fields = [field.attname for field in Council._meta.concrete_fields]
    stored = converted([("c", Council, fields)], list(values[: len(fields)]), connections[db])
    council = Council.from_db(db, fields, stored)
    access_id, role, *asked = values[len(fields) :]
    access = CouncilAccess.from_db(
        db, ["id", "council_id", "user_id", "role"], [access_id, council.pk, user.pk, role]
    )
    access.council = council
    if ask_second_factor:
        access.second_factor_required = bool(asked[0])
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
