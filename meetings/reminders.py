"""Reminders: what is due to be told by e-mail, to whom, and when.

- A member's proposal tells the council's secretaries at once; the decision tells the proposer
  at once (both from the request that makes them).
- A resolution whose deadline is NEAR_DAYS away or less reminds the people sitting for its
  responsible organization and the secretaries, once; once the deadline has passed, on the day
  after and then weekly, for OVERDUE_WEEKS weeks (after that the overview still lists it).
- The last mandate's end reminds the secretaries once when the notice period of the overview
  begins (members/rollover.py) and once more if it has ended with no next mandate entered.

``send_due_reminders`` (the daily ``send_reminders`` command) sends the last two; each reminder
goes to each recipient once (meetings/reminder_mail.py keeps the record), so a second run the
same day, or the next day, sends nothing new. Each login may turn off each kind of reminder
(ReminderPreference); invitations and notices of change are not reminders and always go out.
"""

import datetime

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from members.models import Mandate
from members.rollover import NOTICE_DAYS, notice_for

from .models import AgendaProposal, Resolution
from .reminder_mail import Recipient, Reminder, people_of, secretaries, send_reminders
from .reminder_models import ReminderKind

# A resolution's deadline is "near" this many days before it: a week to do what is left.
NEAR_DAYS = 7
# How many weekly reminders follow a passed deadline.
OVERDUE_WEEKS = 8


def proposal_received(proposal, *, base_url):
    """Tell the council's secretaries (but the proposer) of a member's new proposal."""
    session = proposal.session
    council = session.council
    proposer = council.person_of(proposal.proposed_by)
    reminder = Reminder(
        kind=ReminderKind.PROPOSAL,
        council=council,
        subject=f"proposal:{proposal.pk}",
        occasion="received",
        template="proposal",
        context={
            "proposal": proposal,
            "session": session,
            "proposer": proposer,
            "proposer_name": proposer.full_name if proposer else _login_name(proposal),
            "url": base_url.rstrip("/") + session.get_absolute_url() + "#proposals",
        },
        recipients=secretaries(council, except_user=proposal.proposed_by),
    )
    return send_reminders([reminder], base_url=base_url)


def proposal_decided(proposal, *, base_url):
    """Tell the proposer what the secretary decided."""
    session = proposal.session
    council = session.council
    user = proposal.proposed_by
    person = council.person_of(user)
    email = user.email or (person.email if person else "")
    recipients = (
        [Recipient(email=email, person=person, user=user)] if email and user.is_active else []
    )
    reminder = Reminder(
        kind=ReminderKind.DECISION,
        council=council,
        subject=f"proposal:{proposal.pk}",
        occasion="decided",
        template="decision",
        context={
            "proposal": proposal,
            "session": session,
            "accepted": proposal.status == AgendaProposal.Status.ACCEPTED,
            "url": base_url.rstrip("/") + session.get_absolute_url() + "#proposals",
        },
        recipients=recipients,
    )
    return send_reminders([reminder], base_url=base_url)


def _login_name(proposal):
    user = proposal.proposed_by
    return user.get_full_name() or user.get_username()


def send_due_reminders(*, base_url, today=None, dry_run=False):
    """Send the reminders due today (deadlines, mandates' ends) that have not gone out yet."""
    today = today or timezone.localdate()
    reminders = [*deadline_reminders(today, base_url), *mandate_reminders(today, base_url)]
    return send_reminders(reminders, base_url=base_url, dry_run=dry_run)


def deadline_occasion(deadline, today):
    """Which reminder a deadline calls for today: "near", "overdue-<week>", or None."""
    days_left = (deadline - today).days
    if 0 <= days_left <= NEAR_DAYS:
        return "near"
    # The first the day after the deadline, then one a week.
    week = (-days_left - 1) // 7
    if days_left < 0 and week < OVERDUE_WEEKS:
        return f"overdue-{week}"
    return None


def deadline_reminders(today, base_url):
    earliest = today - datetime.timedelta(days=7 * OVERDUE_WEEKS)
    resolutions = (
        Resolution.objects.open()
        .filter(
            deadline__gte=earliest,
            deadline__lte=today + datetime.timedelta(days=NEAR_DAYS),
        )
        .select_related("session__mandate__council", "item", "responsible")
    )
    for resolution in resolutions.order_by("deadline", "pk"):
        occasion = deadline_occasion(resolution.deadline, today)
        if occasion is None:
            continue
        session = resolution.session
        council = session.council
        yield Reminder(
            kind=ReminderKind.DEADLINE,
            council=council,
            subject=f"resolution:{resolution.pk}",
            occasion=occasion,
            template="deadline",
            context={
                "resolution": resolution,
                "session": session,
                "days_left": (resolution.deadline - today).days,
                "url": base_url.rstrip("/")
                + session.get_absolute_url()
                + f"#item-{resolution.item_id}",
            },
            # Who sits for the organization first: they do the work.
            recipients=people_of(resolution.responsible, today) + secretaries(council),
        )


def mandate_reminders(today, base_url):
    """The last mandate of each council that ends within the notice period, or has ended with
    no next one entered."""
    later = Mandate.objects.filter(council=OuterRef("council"), ends_on__gt=OuterRef("ends_on"))
    mandates = (
        Mandate.objects.filter(ends_on__lte=today + datetime.timedelta(days=NOTICE_DAYS))
        .exclude(Exists(later))
        .select_related("council")
    )
    for mandate in mandates.order_by("pk"):
        notice = notice_for(mandate, today)
        if notice is None:
            continue
        council = mandate.council
        yield Reminder(
            kind=ReminderKind.MANDATE_END,
            council=council,
            subject=f"mandate:{mandate.pk}",
            occasion="ended" if notice.has_ended else "ending",
            template="mandate",
            context={
                "notice": notice,
                "url": base_url.rstrip("/")
                + reverse("members:mandate_rollover", kwargs={"council": council.slug}),
            },
            recipients=secretaries(council),
        )
