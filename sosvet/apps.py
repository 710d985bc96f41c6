from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SosvetConfig(AppConfig):
    """What serves the whole site and no app imports: the login throttle's records, the backup."""

    name = "sosvet"
    verbose_name = _("Portal")

    def ready(self):
        from members.accounts import login_erasure_steps

        from . import checks  # noqa: F401  (registers the deploy checks)
        from .login_throttle import forget_reset_requests

        if forget_reset_requests not in login_erasure_steps:
            login_erasure_steps.append(forget_reset_requests)
