"""The secretary's Dostopi page: who of the council's people can log in, in what role, and the
steps on it (invite, send again, change the role, revoke); erasing a former member's data; and
the public page where an invited person sets their password.

The work itself is in members/accounts.py; each view here shows its refusal or its result as a
message and returns to the Dostopi page.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _

from . import accounts
from .access import authorise, council_view, get_authorised, get_person_for
from .confirm import confirm_page, is_confirmed
from .forms import RoleForm
from .models import CouncilAccess, ensure_a_secretary_remains
from .roles import Role

HISTORY_SHOWN = 50


@council_view
def access_list(request, council):
    authorise(request.user, CouncilAccess, "change")
    accesses = {access.user_id: access for access in council.accesses.select_related("user")}
    rows = []
    for person in council.people.select_related("user"):
        access = accesses.pop(person.user_id, None) if person.user_id else None
        state = accounts.login_state(person.user, access)
        rows.append({"person": person, "user": person.user, "access": access, "state": state})
    # Logins with a role here that are nobody's person in this council (the mayor's office).
    others = sorted(accesses.values(), key=lambda access: access.user.get_username())
    for access in others:
        access.state = accounts.login_state(access.user, access)
    return render(
        request,
        "members/access_list.html",
        {
            "council": council,
            "rows": rows,
            "others": others,
            "roles": Role.choices,
            "history": _access_history(council),
            "LoginState": accounts.LoginState,
        },
    )


def _access_history(council):
    records = list(
        CouncilAccess.history.filter(council_id=council.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:HISTORY_SHOWN]
    )
    # The login a record names may be gone since; its id is enough to say so.
    logins = get_user_model().objects.in_bulk({record.user_id for record in records})
    for record in records:
        record.login = logins.get(record.user_id)
    return records


def _back(council):
    return redirect("members:access_list", council=council.slug)


def _base_url(request):
    return request.build_absolute_uri("/")


def _run(request, step):
    """Run a step of members.accounts; say its refusal or a mail failure. True if it ran."""
    try:
        step()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    except OSError as error:  # the mail server; what was decided is saved
        messages.warning(
            request,
            _(
                "The access is saved, but the e-mail could not be sent (%(error)s). Try "
                "“Send again” later."
            )
            % {"error": error},
        )
        return False
    return True


def _chosen_role(request):
    form = RoleForm(request.POST)
    if form.is_valid():
        return form.cleaned_data["role"]
    messages.error(request, _("Choose one of the roles."))
    return None


@council_view
def access_invite(request, council, pk):
    authorise(request.user, CouncilAccess, "add")
    person = get_person_for(request.user, council, pk, edit=True)
    if request.method != "POST" or not (role := _chosen_role(request)):
        return _back(council)
    sent = {}

    def invite():
        sent["link"] = accounts.invite_person(person, role, base_url=_base_url(request))

    if _run(request, invite):
        names = {"person": person, "email": person.email, "role": Role(role).label}
        if sent["link"]:
            message = _(
                "An invitation has been sent to %(email)s: %(person)s sets a password with the "
                "link in it and then logs in as %(role)s."
            )
        else:
            message = _(
                "%(person)s already has a login: the role %(role)s has been added to it and a "
                "notice sent to %(email)s."
            )
        messages.success(request, message % names)
    return _back(council)


def _get_access(request, council, pk):
    queryset = council.accesses.select_related("user")
    return get_authorised(request.user, queryset, pk, edit=True)


def _address_of(access):
    person = access.council.people.filter(user=access.user).first()
    return access.user.email or (person.email if person else "")


@council_view
def access_resend(request, council, pk):
    access = _get_access(request, council, pk)
    if request.method != "POST":
        return _back(council)
    to = _address_of(access)

    def resend():
        if not to:
            raise ValidationError(_("This login has no e-mail address to send the link to."))
        accounts.resend_invitation(access, to=to, base_url=_base_url(request))

    if _run(request, resend):
        messages.success(
            request,
            _("A new link has been sent to %(email)s; the link sent before no longer works.")
            % {"email": to},
        )
    return _back(council)


@council_view
def access_change_role(request, council, pk):
    access = _get_access(request, council, pk)
    if request.method != "POST" or not (role := _chosen_role(request)):
        return _back(council)
    if _run(request, lambda: accounts.change_role(access, role)):
        messages.success(
            request,
            _("The role of %(login)s in this council is now %(role)s.")
            % {"login": access.user.get_username(), "role": Role(role).label},
        )
    return _back(council)


@council_view
def access_revoke(request, council, pk):
    """Irreversible for the login (it must be invited again), so it asks first."""
    access = _get_access(request, council, pk)
    login = access.user.get_username()
    if access.role == Role.SECRETARY and not _run(
        request, lambda: ensure_a_secretary_remains(council.pk, leaving=[access.pk])
    ):
        return _back(council)
    if not is_confirmed(request):
        return confirm_page(
            request,
            council,
            title=_("Revoke the access of %(login)s") % {"login": login},
            consequences=[
                _(
                    "%(login)s loses the role %(role)s and can no longer open any page of this "
                    "council, from their next click on."
                )
                % {"login": login, "role": access.get_role_display()},
                _("The login itself stays, with its roles in other councils, if any."),
            ],
            confirm_label=_("Revoke access"),
            cancel_url=reverse("members:access_list", kwargs={"council": council.slug}),
            danger=True,
        )
    if _run(request, lambda: accounts.revoke(access)):
        messages.success(
            request, _("%(login)s no longer has access to this council.") % {"login": login}
        )
    return _back(council)


@council_view
def person_erase(request, council, pk):
    """GDPR erasure of a former member's contact details and login; asks first."""
    person = get_person_for(request.user, council, pk, edit=True)
    people_url = reverse("members:person_list", kwargs={"council": council.slug})
    if not _run(request, lambda: accounts.check_erasable(person)):
        return redirect(people_url)
    if not is_confirmed(request):
        names = {"person": person}
        consequences = [
            _(
                "The e-mail address and phone number of %(person)s are erased, also from the "
                "history of changes."
            )
            % names,
            _(
                "The name, title and gender stay: %(person)s stays in the council's records by "
                "name and function."
            )
            % names,
        ]
        if person.user:
            consequences.append(
                _(
                    "The login %(login)s loses its access to this council; unless it works "
                    "with another council, it is disabled and its name and address erased."
                )
                % {"login": person.user.get_username()}
            )
        return confirm_page(
            request,
            council,
            title=_("Erase the personal data of %(person)s") % names,
            consequences=consequences,
            confirm_label=_("Erase the personal data"),
            cancel_url=people_url,
            danger=True,
        )
    if _run(request, lambda: accounts.erase_person(person)):
        messages.success(
            request, _("The personal data of %(person)s have been erased.") % {"person": person}
        )
    return redirect(people_url)


class SetPasswordView(PasswordResetConfirmView):
    """The invitation link: Django's password-reset confirmation with the portal's own page."""

    template_name = "members/set_password.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(
            self.request,
            _("Your password is set. Log in with your username %(login)s and the new password.")
            % {"login": form.user.get_username()},
        )
        return response
