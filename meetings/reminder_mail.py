"""Sending reminders: who receives one, in which words, and the record that sends each only once.

A reminder is claimed first (a ReminderSent row, unique per reminder and recipient), then sent;
if the mail server refuses it, the claim is removed again, so the next run tries once more. Like
the invitations, reminders are written in the portal's language (Slovenian) and come from the
council's name with its own address to reply to.
"""

import contextlib
import dataclasses
import logging
import smtplib
from email.utils import formataddr

from django.conf import settings
from django.core import mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from members.models import CouncilAccess, Person

from .mailing import describe, one_line
from .reminder_models import ReminderPreference, ReminderSent

logger = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class Recipient:
    """Someone a reminder goes to: a person of the council, or a login (a secretary), with the
    person it is in that council if any (for the salutation)."""

    email: str
    person: Person | None = None
    user: object = None

    @property
    def login_id(self):
        """The login whose choices apply: the person's, or the login itself."""
        if self.user is not None:
            return self.user.pk
        return self.person.user_id if self.person else None

    def record_fields(self):
        """How ReminderSent names the recipient: the login when it is one, else the person."""
        return {"user": self.user} if self.user is not None else {"person": self.person}


@dataclasses.dataclass
class Reminder:
    """One reminder about one thing, to be sent to each of its recipients once."""

    kind: str
    council: object
    subject: str  # what it is about, "resolution:42"
    occasion: str  # which of its reminders, "near"
    template: str  # meetings/email/reminder_<template>_subject.txt and _body.txt
    context: dict
    recipients: list


@dataclasses.dataclass
class Outcome:
    sent: list = dataclasses.field(default_factory=list)
    failed: list = dataclasses.field(default_factory=list)


def secretaries(council, *, except_user=None):
    """The council's secretaries with an address, each with their person there if any."""
    accesses = (
        CouncilAccess.objects.secretaries()
        .filter(council=council, user__is_active=True)
        .select_related("user")
    )
    people = {p.user_id: p for p in council.people.filter(user__isnull=False)}
    found = []
    for access in accesses:
        user = access.user
        if except_user is not None and user.pk == except_user.pk:
            continue
        person = people.get(user.pk)
        email = user.email or (person.email if person else "")
        if email:
            found.append(Recipient(email=email, person=person, user=user))
    return found


def people_of(organization, day):
    """The persons holding a seat for the organization on ``day``, with an address."""
    seats = (
        organization.memberships.on(day)
        .filter(person__isnull=False)
        .exclude(person__email="")
        .select_related("person")
    )
    return [Recipient(email=seat.person.email, person=seat.person) for seat in seats]


def salutation(person):
    """How the mail addresses its reader: in Slovenian, the words agree with the person."""
    if person is None:
        return _("Dear Sir or Madam,")
    if person.gender == Person.Gender.FEMALE:
        return pgettext("woman", "Dear %(name)s,") % {"name": person.full_name}
    return pgettext("man", "Dear %(name)s,") % {"name": person.full_name}


def send_reminders(reminders, *, base_url, dry_run=False):
    """Send each reminder to each of its recipients who has not had it and has not turned the
    kind off. One connection for all; returns the Outcome (recipients as (reminder, email))."""
    outcome = Outcome()
    muted = set(ReminderPreference.objects.filter(enabled=False).values_list("user_id", "kind"))
    connection = None
    try:
        for reminder in reminders:
            for recipient in _still_due(reminder, muted):
                if dry_run:
                    outcome.sent.append((reminder, recipient.email))
                    continue
                if connection is None:
                    connection = mail.get_connection()
                    connection.open()
                error = _send_once(reminder, recipient, base_url, connection)
                (outcome.failed if error else outcome.sent).append((reminder, recipient.email))
    except OSError as error:  # the server cannot be reached: the rest waits for the next run
        logger.warning("Reminders stopped: the mail server cannot be reached (%s)", error)
        outcome.failed.append((None, describe(error)))
    finally:
        if connection is not None:
            with contextlib.suppress(OSError):
                connection.close()
    return outcome


def _still_due(reminder, muted):
    """The recipients who have not had this reminder, one per address, none who turned it off."""
    sent = ReminderSent.objects.filter(
        kind=reminder.kind, subject=reminder.subject, occasion=reminder.occasion
    )
    had = set(sent.values_list("person_id", "user_id"))
    had_people = {person for person, _user in had if person}
    had_logins = {user for _person, user in had if user}
    addresses = set()
    for recipient in reminder.recipients:
        address = recipient.email.strip().lower()
        if address in addresses:
            continue
        addresses.add(address)
        if (recipient.login_id, reminder.kind) in muted:
            continue
        if recipient.user is not None and recipient.user.pk in had_logins:
            continue
        if recipient.user is None and recipient.person.pk in had_people:
            continue
        yield recipient


def _send_once(reminder, recipient, base_url, connection):
    """Claim, send, and give the claim back if the message did not go; returns the error."""
    try:
        with transaction.atomic():
            claim = ReminderSent.objects.create(
                kind=reminder.kind,
                council=reminder.council,
                subject=reminder.subject,
                occasion=reminder.occasion,
                **recipient.record_fields(),
            )
    except IntegrityError:  # another run claimed it a moment ago
        return ""
    try:
        _message(reminder, recipient, base_url, connection).send()
    except OSError as failure:
        claim.delete()
        if not _answered(failure):
            raise
        return _failed(reminder, recipient, failure)
    except ValueError as failure:  # an address no header may carry
        claim.delete()
        return _failed(reminder, recipient, failure)
    return ""


def _answered(error):
    """A refusal of this one message by a server that works (smtplib's answers)."""
    return isinstance(error, smtplib.SMTPResponseException | smtplib.SMTPRecipientsRefused)


def _failed(reminder, recipient, failure):
    logger.warning(
        "Reminder %s %s to %s not sent: %s",
        reminder.subject,
        reminder.occasion,
        recipient.email,
        failure,
    )
    return describe(failure)


def _message(reminder, recipient, base_url, connection):
    council = reminder.council
    root = base_url.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            **reminder.context,
            "council": council,
            "salutation": salutation(recipient.person),
            "base_url": root,
            "settings_url": root + reverse("reminder_settings"),
            # Only a login has choices to make; a person without one is told nothing of them.
            "can_turn_off": recipient.login_id is not None,
        }
        subject = render_to_string(
            f"meetings/email/reminder_{reminder.template}_subject.txt", context
        )
        body = render_to_string(f"meetings/email/reminder_{reminder.template}_body.txt", context)
    body = body.strip() + "\n"  # the templates' own line ends, not blank lines at the end
    return mail.EmailMessage(
        one_line(subject),
        body,
        from_email=formataddr((one_line(council.name), settings.DEFAULT_FROM_EMAIL)),
        to=[recipient.email],
        reply_to=[council.email] if council.email else None,
        connection=connection,
    )
