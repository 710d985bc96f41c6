from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy


class PasswordResetRequest(models.Model):
    """A request for a password-reset link, kept for an hour to count the next ones against.

    In the database rather than the cache: every worker process must see the same count.
    """

    address = models.GenericIPAddressField(null=True)
    # As typed (lower-cased), whether or not an account has it: the answer must not tell.
    email = models.EmailField()
    requested_at = models.DateTimeField(default=timezone.now)

    class Meta:
        # The table it had when the model lived in members: moving the model moved no data.
        db_table = "members_passwordresetrequest"
        ordering = ["-requested_at"]
        indexes = [
            models.Index(fields=["address", "requested_at"], name="reset_by_address"),
            models.Index(fields=["email", "requested_at"], name="reset_by_email"),
        ]
        verbose_name = gettext_lazy("password reset request")
        verbose_name_plural = gettext_lazy("password reset requests")

    def __str__(self):
        return f"{self.email} ({self.address})"
