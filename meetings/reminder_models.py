"""Reminders by e-mail: which kinds a login has turned off, and which reminders went to whom.

Imported by models.py, so that Django finds these models with the app's others.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Council, Person


class ReminderKind(models.TextChoices):
    """The reminders a login may turn off. Invitations and notices of a change (a new date, time
    or place, an amended agenda, a cancellation) are not reminders: they always go out."""

    PROPOSAL = "proposal", _("A member proposes an addition to the agenda (to the secretary)")
    DECISION = "decision", _("The secretary decides on my proposal")
    DEADLINE = "deadline", _("A resolution's deadline is near or has passed")
    MANDATE_END = "mandate_end", _("The mandate ends (to the secretary)")


class ReminderPreference(models.Model):
    """A login's choice for one kind of reminder; without a row the reminder is on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminder_preferences",
        verbose_name=_("login"),
    )
    kind = models.CharField(_("reminder"), max_length=12, choices=ReminderKind.choices)
    enabled = models.BooleanField(_("send it"), default=True)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["user", "kind"]
        verbose_name = _("reminder preference")
        verbose_name_plural = _("reminder preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="reminder_preference_per_kind")
        ]

    def __str__(self):
        return f"{self.user}: {self.get_kind_display()} ({self.enabled})"


class ReminderSent(models.Model):
    """One reminder sent to one recipient: the record that keeps it from going out twice.

    ``subject`` names what it is about ("resolution:42"), ``occasion`` which of its reminders
    ("near", "overdue-1"). The recipient is a person of the council (who sits for an
    organization) or a login (a secretary); no address is kept, so erasing a person's contact
    details leaves nothing here to erase.
    """

    kind = models.CharField(_("reminder"), max_length=12, choices=ReminderKind.choices)
    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="+", verbose_name=_("council")
    )
    subject = models.CharField(_("about"), max_length=40)
    occasion = models.CharField(_("occasion"), max_length=20)
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "pk"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=True, user__isnull=False)
                | Q(person__isnull=False, user__isnull=True),
                name="reminder_sent_to_a_person_or_a_login",
            ),
            models.UniqueConstraint(
                fields=["kind", "subject", "occasion", "person"],
                condition=Q(person__isnull=False),
                name="reminder_sent_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["kind", "subject", "occasion", "user"],
                condition=Q(user__isnull=False),
                name="reminder_sent_once_per_login",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.subject} {self.occasion}"
