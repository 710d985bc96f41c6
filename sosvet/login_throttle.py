"""Throttling of guesses: how django-axes names the account a login was for, and the limit on
password-reset requests per address and per account."""

import logging
from datetime import timedelta

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.views import PasswordResetView
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import PasswordResetRequest

logger = logging.getLogger("sosvet.security")

# No account name is longer than this; what someone types beyond it is not a name to remember,
# and storing it whole would overflow axes' column on PostgreSQL (a 500 instead of an answer).
LONGEST_USERNAME = get_user_model()._meta.get_field("username").max_length

RESET_WINDOW = timedelta(hours=1)


def attempted_username(request, credentials):
    data = credentials or request.POST
    return (data.get("username") or "")[:LONGEST_USERNAME]


def reset_allowed(address, email):
    """Record a reset request unless this address or this e-mail made too many in the last hour."""
    since = timezone.now() - RESET_WINDOW
    PasswordResetRequest.objects.filter(requested_at__lt=since).delete()
    recent = PasswordResetRequest.objects.filter(requested_at__gte=since)
    by_address = recent.filter(address=address).count() if address else 0
    by_email = recent.filter(email=email).count()
    if (
        by_address >= settings.SOSVET_RESETS_PER_ADDRESS
        or by_email >= settings.SOSVET_RESETS_PER_ACCOUNT
    ):
        return False
    PasswordResetRequest.objects.create(address=address, email=email)
    return True


class ThrottledPasswordResetView(PasswordResetView):
    """Django's password reset, refusing (and sending nothing) past the hourly limits."""

    def form_valid(self, form):
        address = get_client_ip_address(self.request)
        email = form.cleaned_data["email"].lower()
        if reset_allowed(address, email):
            return super().form_valid(form)
        logger.warning("Password reset refused past the limit: %s from %s", email, address)
        form.add_error(
            None,
            _(
                "There have been too many requests for a new password from your address or for "
                "this account. Try again in an hour."
            ),
        )
        return self.render_to_response(self.get_context_data(form=form), status=429)


def forget_reset_requests(login, former_names):
    """On a login's erasure (members.accounts): the reset requests made for its former names."""
    PasswordResetRequest.objects.filter(email__in=[name.lower() for name in former_names]).delete()
