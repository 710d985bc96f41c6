"""Two-factor sign-in: who must have a second factor, and the gate that leads there.

A login that is the secretary of any council, or the installation administrator (superuser),
must type a code from an authenticator app after the password; every other login may choose to,
and once it has set one up it is asked for the code at every sign-in too. The codes and their
throttling are django-otp's (TOTP devices for the app, static devices for one-use recovery
codes); this module holds the rule, the gate and the few operations on devices.
"""

import django_otp
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import BooleanField, Exists, OuterRef
from django.db.models.expressions import RawSQL
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import CouncilAccess, SecondFactorReset
from .roles import Role

quote_name = connection.ops.quote_name

RECOVERY_CODE_COUNT = 10
# The pages a login may open before passing its second factor: the second-factor pages
# themselves, signing in and out, the password-reset links (a new password still leaves the code
# to be typed), the language switch and what anyone may open without an account.
OPEN_BEFORE_SECOND_FACTOR = {
    "two_factor:setup",
    "two_factor:verify",
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
    "healthz",
    "accessibility",
    "council_accessibility",
    "calendar_feed",
}
OPEN_NAMESPACES = {"public"}


def second_factor_required(user):
    """The rule: the installation administrator and every council's secretary must have one."""
    return user.is_superuser or user.council_accesses.secretaries().exists()


def has_second_factor(user):
    """Whether the login has set up an authenticator app (and confirmed it with a code)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def must_pass_second_factor(user):
    """For a login not yet verified in this session: whether it must set up a second factor or
    type a code before going on (required, or set up by choice). One query."""
    if user.is_superuser:
        return True
    users = get_user_model().objects
    login = f"{quote_name(users.model._meta.db_table)}.{quote_name('id')}"
    return users.filter(second_factor_expected(login), pk=user.pk).exists()


def second_factor_expected(login):
    """SQL for a query whose column ``login`` (quoted, with its table) holds a login's id: whether
    that login is a secretary anywhere or has set up an app (the rule and the choice, the
    superuser aside). Also asked by ``members.access.council_view`` with the role, so a council
    page costs no query more.

    Written as SQL, not as two ORM subqueries: every page of a login without a verified second
    factor asks it, and composing the subqueries cost the ORM 1 ms per request, more than the
    rest of the role's query (bench/RESULTS.md); the database answers either form as fast."""
    accesses, devices = (quote_name(model._meta.db_table) for model in (CouncilAccess, TOTPDevice))
    sql = (
        f"(EXISTS (SELECT 1 FROM {accesses} a WHERE a.user_id = {login} AND a.role = %s)"
        f" OR EXISTS (SELECT 1 FROM {devices} d WHERE d.user_id = {login} AND d.confirmed))"
    )
    return RawSQL(sql, [Role.SECRETARY], output_field=BooleanField())


def second_factor_url(user, next_url):
    """Where a login goes to pass its second factor: the code if it has an app, else set-up."""
    name = "two_factor:verify" if has_second_factor(user) else "two_factor:setup"
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


class SecondFactorMiddleware:
    """Lead a login that needs a second factor, and has not passed it in this session, to set it
    up or to type a code before any other page, the admin included.

    A verified session costs nothing beyond django-otp's lookup of its device; only a session
    without one asks the database whether a second factor is needed, and on a council page
    (``members.access.council_view``) that question rides along with the role's query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # The page first, the login then: an open page (/healthz, the public pages) does not
        # read the session and the account only for this.
        if getattr(view_func, "checks_second_factor", False):
            return None  # a council page: council_view asks with the role, in one query
        match = request.resolver_match
        if match.view_name in OPEN_BEFORE_SECOND_FACTOR or match.namespace in OPEN_NAMESPACES:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if not must_pass_second_factor(user):
            return None
        return redirect(second_factor_url(user, request.get_full_path()))


def normalised(code):
    """A code as typed, without the spaces and dashes people add when copying it."""
    return "".join(code.split()).replace("-", "").lower()


def verify_code(user, code, *, device=None):
    """Check a code from the app (six digits) or a recovery code against the login's devices.

    Returns (device, locked_until): the device that accepted the code, or None; and, when
    django-otp's throttling refuses to try at all after too many wrong codes, until when.
    A recovery code is deleted when used. ``device`` checks an app being set up.
    """
    code = normalised(code)
    if device is None:
        model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
        device = model.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return None, None
    allowed, why = device.verify_is_allowed()
    if not allowed:
        return None, why.get("locked_until")
    # django-otp locks the device's row while it checks, so two requests cannot both use a code.
    return django_otp.verify_token(user, device.persistent_id, code), None


def recovery_codes_create(user):
    """New recovery codes for the login, replacing earlier ones; returned to be shown once."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name="recovery codes")
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def resettable_logins(council):
    """The logins whose second factor the council's secretary may reset: they hold a role in
    the council and have a second factor, but are no secretary anywhere and not the installation
    administrator (theirs is reset in the admin)."""
    return (
        get_user_model()
        .objects.filter(is_superuser=False, council_accesses__council=council)
        .exclude(council_accesses__role=Role.SECRETARY)
        .filter(Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)))
    )


def second_factor_reset(user, *, by, council=None):
    """Remove the login's app and recovery codes, and record who did it. At the next sign-in a
    login that must have a second factor sets up a new one."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        return SecondFactorReset.objects.create(user=user, reset_by=by, council=council)
