"""The logins the secretary manages: inviting a person, their role, revoking it, and erasing a
former member's personal data on request (GDPR).

Every refusal is a ValidationError whose message the page shows as it is; nothing is changed
then. Mail goes out once the change is saved, in the portal's language, so a mail server that is
down cannot undo a role; the page then offers to send it again.

The invitation link is Django's password-reset token: it expires after
``settings.PASSWORD_RESET_TIMEOUT`` and is used up once a password is set, because the token
hashes the stored password. Sending again stores a new unusable password first, which voids the
previous link.
"""

from datetime import timedelta
from email.utils import formataddr

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from .models import CouncilAccess, Person

# What the history of an erased person says instead of the erased data.
ERASURE_REASON = "izbris osebnih podatkov"

# Steps other apps add (in their AppConfig.ready) to erase what they keep of a person's contact
# details, e.g. the address an invitation went to. Each is called as step(person, login), where
# login is the anonymised login or None.
erasure_steps = []
# Steps the site adds to forget what it keeps under an erased login's former names (its user name
# and e-mail address), e.g. the password-reset requests counted against them. Each is called as
# step(login, former_names) once the login is anonymised.
login_erasure_steps = []


class LoginState(models.TextChoices):
    # Said of the login (prijava, feminine): "povabljena", "aktivna", "onemogočena".
    NONE = "none", pgettext_lazy("login", "no access")
    INVITED = "invited", pgettext_lazy("login", "invited")
    ACTIVE = "active", pgettext_lazy("login", "active")
    DISABLED = "disabled", pgettext_lazy("login", "disabled")


def login_state(user, access):
    """How a login stands in a council: without a role there it has no access at all."""
    if user is None or access is None:
        return LoginState.NONE
    if not user.is_active:
        return LoginState.DISABLED
    if not user.has_usable_password():
        return LoginState.INVITED
    return LoginState.ACTIVE


def invite_person(person, role, *, base_url):
    """Give a person of the council a login with ``role`` there and tell them by e-mail.

    A person without a login gets the one their address already belongs to (from another
    council), or a new one without a password. Returns the set-password link sent, or None when
    the login already has a password (then the mail only says which council was added).
    """
    council = person.council
    if not person.email:
        raise ValidationError(
            _("%(person)s has no e-mail address: add it to the person first.") % {"person": person}
        )
    with transaction.atomic():
        user = person.user or _login_for_address(
            person.email, first_name=person.first_name, last_name=person.last_name
        )
        if not user.is_active:
            raise ValidationError(
                _("The login %(login)s is disabled; the administrator must enable it first.")
                % {"login": user.get_username()}
            )
        if person.user_id is None:
            other = council.people.filter(user=user).first()
            if other is not None:
                raise ValidationError(
                    _("The address %(email)s belongs to the login of %(other)s in this council.")
                    % {"email": person.email, "other": other}
                )
            person.user = user
            person.save(update_fields=["user"])
        _grant(council, user, role)
    return send_access_mail(user, council, to=person.email, base_url=base_url)


def invite_login(council, email, role, *, base_url):
    """Give the login of ``email`` (created if there is none) ``role`` in the council; for
    ``manage.py create_council``, where there is no person yet. Returns the link sent, if any."""
    with transaction.atomic():
        user = _login_for_address(email)
        if not user.is_active:
            raise ValidationError(
                _("The login %(login)s is disabled; the administrator must enable it first.")
                % {"login": user.get_username()}
            )
        _grant(council, user, role)
    return send_access_mail(user, council, to=email, base_url=base_url)


def _login_for_address(email, **names):
    """The login whose name or address is ``email``, or a new one that has no password yet."""
    User = get_user_model()
    found = User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email))
    user = found.order_by("pk").first()
    if user is None:
        # Lower-case, because logging in compares the name exactly.
        user = User(username=email.lower(), email=email, **names)
        user.set_unusable_password()
        user.save()
    return user


def _grant(council, user, role):
    if CouncilAccess.objects.filter(council=council, user=user).exists():
        raise ValidationError(
            _("The login %(login)s already has a role in this council.")
            % {"login": user.get_username()}
        )
    CouncilAccess.objects.create(council=council, user=user, role=role)


def resend_invitation(access, *, to, base_url):
    """A fresh set-password link for a login that has not set its password yet."""
    user = access.user
    if not user.is_active:
        raise ValidationError(
            _("The login %(login)s is disabled; the administrator must enable it first.")
            % {"login": user.get_username()}
        )
    if user.has_usable_password():
        raise ValidationError(
            _(
                "%(login)s has already set a password. A forgotten password can be reset with "
                "“Forgotten password?” on the login page."
            )
            % {"login": user.get_username()}
        )
    user.set_unusable_password()  # a new unusable password voids the link sent before
    user.save(update_fields=["password"])
    return send_access_mail(user, access.council, to=to, base_url=base_url)


def change_role(access, role):
    access.role = role
    access.save()  # refuses to demote the last secretary


def revoke(access):
    access.delete()  # refuses to remove the last secretary


def set_password_link(user, base_url):
    path = reverse(
        "set_password",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return base_url.rstrip("/") + path


def send_access_mail(user, council, *, to, base_url):
    """The invitation with a set-password link, or, to a login that already has a password, a
    notice that it now has a role in this council. Raises OSError if the mail server fails."""
    link = None if user.has_usable_password() else set_password_link(user, base_url)
    kind = "notice" if link is None else "invitation"
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "council": council,
            "user": user,
            "link": link,
            "login_url": base_url.rstrip("/") + reverse("login"),
            "valid_for": timeuntil(
                timezone.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
            ),
        }
        subject = " ".join(
            render_to_string(f"members/email/access_{kind}_subject.txt", context).split()
        )
        body = render_to_string(f"members/email/access_{kind}_body.txt", context)
    mail.EmailMessage(
        subject,
        body,
        from_email=formataddr((" ".join(council.name.split()), settings.DEFAULT_FROM_EMAIL)),
        to=[to],
        reply_to=[council.email] if council.email else None,
    ).send()
    return link


def check_erasable(person):
    """Refuse to erase a current member's data: the council still works with them."""
    if person.sits_now_or_later():
        raise ValidationError(
            _(
                "%(person)s has a current or future seat on the council; only a former member's "
                "data can be erased. End the seat first."
            )
            % {"person": person}
        )


def erase_person(person):
    """Erase a former member's contact details and login, on their request.

    The name and gender stay: the person stays in the council's records by name and function
    (the honorific is part of how the records name them). The e-mail address and phone number
    go, also from every earlier version in the history; the erasure itself is recorded without
    them. The login loses its role here; unless it still works with another council it is
    anonymised and disabled rather than deleted, because the records name who did what with it.
    """
    check_erasable(person)
    login = person.user
    with transaction.atomic():
        if login is not None:
            access = CouncilAccess.objects.filter(council=person.council, user=login).first()
            if access is not None:
                revoke(access)
        Person.history.filter(id=person.pk).update(email="", phone="")
        person.email = person.phone = ""
        person.user = None
        person._change_reason = ERASURE_REASON
        person.save()
        erased_login = None
        if login is not None and not login.council_accesses.exists() and not login.people.exists():
            erased_login = _anonymise(login)
        for step in erasure_steps:
            step(person, erased_login)


def _anonymise(user):
    old_names = {user.get_username(), user.email}
    user.username = f"izbrisan-{user.pk}"
    user.email = user.first_name = user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    old_names.discard("")
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__in=old_names).delete()
    for step in login_erasure_steps:
        step(user, old_names)
    return user
