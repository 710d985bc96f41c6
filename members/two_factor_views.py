"""The pages of two-factor sign-in: the login's own (overview, set-up, recovery codes, the code
after the password, turning it off) and the secretary's reset of a member's lost second factor.

The rule and the gate are in members/two_factor.py; the admin's reset is in members/admin.py.
"""

from base64 import b32encode

import django_otp
import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from .access import authorise, council_view, get_person_for
from .confirm import confirm_page, is_confirmed
from .models import Person
from .two_factor import (
    has_second_factor,
    recovery_codes_create,
    recovery_codes_left,
    resettable_logins,
    second_factor_required,
    second_factor_reset,
    verify_code,
)

# The recovery codes just made, kept in the session only until the page shows them.
NEW_CODES_KEY = "two_factor_new_codes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def __init__(self, *args, user, device=None, help_text=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.device = user, device
        if help_text:
            self.fields["code"].help_text = help_text

    def clean_code(self):
        code = self.cleaned_data["code"]
        accepted, locked_until = verify_code(self.user, code, device=self.device)
        if locked_until:
            raise forms.ValidationError(
                _(
                    "Too many wrong codes in a row. Wait until %(time)s, then type the code "
                    "your app shows at that moment."
                )
                % {"time": time_format(timezone.localtime(locked_until), "H:i:s")}
            )
        if accepted is None:
            raise forms.ValidationError(
                _("This code is not right. Type the code your app shows now.")
                if self.device
                else _(
                    "This code is not right. Type the code your app shows now, or a recovery "
                    "code you have not used yet."
                )
            )
        return accepted


def _next_url(request, default="home"):
    """Where to go after the code: the page the login was on its way to, if it is ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    # A path on this site only: not another site, and not a name redirect() would look up.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


def _with_next(name, next_url):
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _mark_verified(request, device):
    """This session has passed the second factor; a new session key, as after the password."""
    request.session.cycle_key()
    django_otp.login(request, device)


@login_required
def overview(request):
    user = request.user
    return render(
        request,
        "two_factor/overview.html",
        {
            "enabled": has_second_factor(user),
            "required": second_factor_required(user),
            "codes_left": recovery_codes_left(user),
        },
    )


@login_required
def setup(request):
    """Link an authenticator app: scan the code, type what the app shows, get recovery codes."""
    user = request.user
    if has_second_factor(user):
        return redirect("two_factor:overview")
    # Kept unconfirmed until the first right code, so the secret stays the same between the
    # page that shows it and the answer.
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=False)
    form = CodeForm(request.POST or None, user=user, device=device)
    if request.method == "POST" and form.is_valid():
        device.refresh_from_db()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        _mark_verified(request, device)
        request.session[NEW_CODES_KEY] = recovery_codes_create(user)
        messages.success(request, _("Two-step sign-in is on."))
        return redirect(_with_next("two_factor:recovery_codes", _next_url(request)))
    return render(
        request,
        "two_factor/setup.html",
        {
            "form": form,
            "qr_code": _qr_svg(device.config_url),
            "secret": _grouped(b32encode(device.bin_key).decode()),
            "required": second_factor_required(user),
            "next": _next_url(request),
        },
    )


def _qr_svg(text):
    """The QR code as inline SVG, drawn here: the secret never leaves the server for a picture."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage)
    return mark_safe(image.to_string(encoding="unicode"))  # our own drawing, no user text in it


def _grouped(secret):
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
def recovery_codes(request):
    """Show new recovery codes once; a verified login may replace its codes with new ones."""
    user = request.user
    if not has_second_factor(user):
        return redirect("two_factor:overview")
    if request.method == "POST":
        request.session[NEW_CODES_KEY] = recovery_codes_create(user)
        return redirect("two_factor:recovery_codes")
    return render(
        request,
        "two_factor/recovery_codes.html",
        {
            "codes": request.session.pop(NEW_CODES_KEY, None),
            "codes_left": recovery_codes_left(user),
            "next": _next_url(request, default="two_factor:overview"),
        },
    )


@login_required
def verify(request):
    """The code after the password."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if not has_second_factor(user):
        if second_factor_required(user):
            return redirect(_with_next("two_factor:setup", _next_url(request)))
        return redirect(_next_url(request))
    form = CodeForm(
        request.POST or None,
        user=user,
        help_text=_(
            "The six-digit code from your authenticator app, or one of your recovery codes."
        ),
    )
    if request.method == "POST" and form.is_valid():
        _mark_verified(request, form.cleaned_data["code"])
        return redirect(_next_url(request))
    return render(request, "two_factor/verify.html", {"form": form, "next": _next_url(request)})


@require_POST
@login_required
def disable(request):
    """A login that chose a second factor may turn it off; one that must have it may not."""
    user = request.user
    if not has_second_factor(user):
        return redirect("two_factor:overview")
    if second_factor_required(user):
        raise PermissionDenied
    second_factor_reset(user, by=user)
    messages.success(request, _("Two-step sign-in is off."))
    return redirect("two_factor:overview")


@council_view
def person_second_factor_reset(request, council, pk):
    """The secretary removes a member's lost second factor; the member sets up a new one."""
    person = get_person_for(request.user, council, pk, edit=True)
    people = reverse("members:person_list", kwargs={"council": council.slug})
    if not resettable_logins(council).filter(pk=person.user_id).exists():
        messages.error(
            request,
            _(
                "%(person)s has no second factor to reset here. A secretary's second factor is "
                "reset by the installation administrator."
            )
            % {"person": person},
        )
        return redirect(people)
    if is_confirmed(request):
        second_factor_reset(person.user, by=request.user, council=council)
        messages.success(
            request,
            _("The second factor of %(person)s has been reset.") % {"person": person},
        )
        return redirect(people)
    return confirm_page(
        request,
        council,
        title=_("Reset the second factor of %(person)s") % {"person": person},
        consequences=[
            _("The authenticator app and the recovery codes of the login %(login)s stop working.")
            % {"login": person.user.get_username()},
            _("At the next sign-in the password alone is enough; they can then set up a new app."),
            _("The reset is recorded with your name."),
        ],
        confirm_label=_("Reset the second factor"),
        cancel_url=people,
        danger=True,
    )


@council_view
def second_factor_reset_list(request, council):
    """Whose second factor was reset in this council, by whom and when."""
    authorise(request.user, Person, "change")
    resets = council.second_factor_resets.select_related("user", "reset_by")
    return render(
        request, "members/second_factor_resets.html", {"council": council, "resets": resets}
    )
