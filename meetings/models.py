"""Sessions of a council and what hangs on them: agenda, materials, attendance, outcome."""

import datetime
import secrets
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models, router
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.collation import Slovenian
from members.models import (
    ChecksFieldsSetByCode,
    Mandate,
    Membership,
    Organization,
    Person,
    agreeing,
    validate_document_number,
)
from members.sql import a_date, condition

from . import sql
from .record_querysets import (
    INVITATION_NUMBER_FINAL,
    MaterialQuerySet,
    RecordLocked,
    RecordQuerySet,
)


def minutes_upload_to(instance, filename):
    return f"minutes/{instance.pk}/{uuid.uuid4().hex}.pdf"


class SessionQuerySet(RecordQuerySet):
    approval = "minutes_approved_at"

    def of_council(self, council):
        return self.filter(mandate__council=council)

    def update(self, **kwargs):
        """As a save would be refused (meetings/records.py): a sent invitation keeps its number."""
        if "invitation_number" in kwargs and self.invitation_sent().exists():
            raise RecordLocked(INVITATION_NUMBER_FINAL, code="locked")
        return super().update(**kwargs)

    def upcoming(self, today=None):
        """Sessions not yet held or cancelled, dated today or later, or planned for this month
        or later without a date yet."""
        return self.filter(sql.on_the_day(sql.upcoming, today or timezone.localdate()))

    def overdue(self, today):
        """Sessions still to come by their status whose day has passed (``Session.is_overdue``)."""
        return self.filter(sql.on_the_day(sql.overdue, today))

    # The life-cycle rules of Session below, as the database asks them of many sessions at once
    # (those the overview asks too written once, as SQL, in meetings/sql.py).

    def held(self):
        return self.filter(condition(sql.held))

    def invitation_sent(self):
        """Sessions whose invitation went out (``not Session.may_change_invitation_number``)."""
        return self.filter(convened_at__isnull=False)

    def locked(self):
        """Sessions whose minutes are approved (``Session.is_locked``)."""
        return self.filter(minutes_approved_at__isnull=False)

    def awaiting_approval(self):
        """Held sessions whose minutes are not approved yet (``Session.may_approve_minutes``)."""
        return self.filter(condition(sql.awaiting_approval))

    def in_year(self, year):
        return self.filter(Q(date__year=year) | Q(date__isnull=True, planned_month__year=year))

    def public(self):
        """Sessions everyone may see in the open data (the secretary has not made them
        members-only)."""
        return self.filter(public=True)

    def with_public_agenda(self):
        """``Session.agenda_is_public``: the invitation is out (or the session held), so its
        agenda is no longer a draft."""
        return self.filter(status__in=Session.AGENDA_PUBLIC)


def session_name(number):
    """What a session is called ("5. seja"): ``str(session)``, for lists that read the number
    alone rather than the session."""
    return gettext("Session %(number)s") % {"number": number}


class Session(models.Model):
    """A numbered session (seja) of the council within a mandate: "2. seja"."""

    class Kind(models.TextChoices):
        CONSTITUTIVE = "constitutive", _("constitutive")
        REGULAR = "regular", _("regular")
        EXTRAORDINARY = "extraordinary", _("extraordinary")
        CORRESPONDENCE = "correspondence", _("by correspondence")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        CONVENED = "convened", _("convened")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    mandate = models.ForeignKey(
        Mandate, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("mandate")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.REGULAR)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    planned_month = models.DateField(
        _("planned month"),
        null=True,
        blank=True,
        help_text=_("When only the month is known so far; the first day of that month."),
    )
    date = models.DateField(_("date"), null=True, blank=True)
    time = models.TimeField(_("time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    convened_at = models.DateTimeField(_("invitation sent"), null=True, blank=True, editable=False)
    # The numbers the municipality's filing system gives the two documents ("0110-1/2024-3").
    invitation_number = models.CharField(
        _("invitation number"),
        max_length=60,
        blank=True,
        validators=[validate_document_number],
        help_text=_("The number in the municipality's filing system, e.g. 0110-1/2024-3."),
    )
    minutes_number = models.CharField(
        _("minutes number"),
        max_length=60,
        blank=True,
        validators=[validate_document_number],
        help_text=_("The number in the municipality's filing system, e.g. 0110-1/2024-4."),
    )
    minutes_approved_at = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_minutes_of",
        verbose_name=_("minutes approved at"),
    )
    minutes_approved_on = models.DateField(_("minutes approved on"), null=True, blank=True)
    # Rendered once, at approval, and served from then on (like an adopted annual report).
    minutes_pdf = models.FileField(
        _("approved minutes (PDF)"), upload_to=minutes_upload_to, blank=True, editable=False
    )
    minutes_pdf_sha256 = models.CharField(
        _("SHA-256 of the minutes PDF"), max_length=64, blank=True, editable=False
    )
    minutes_introduction = models.TextField(_("minutes: introduction"), blank=True)
    # The annual report drafts what the record holds of the session (reports/drafting_sessions);
    # this is the secretary's own word after it.
    report_summary = models.TextField(
        _("addition for the annual report"),
        blank=True,
        help_text=_(
            "Under 1.3 Seje the annual report writes what the record holds: the agenda items "
            "with their presenters and the resolutions. This is added after it, for what the "
            "record does not say."
        ),
    )
    public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_(
            "Shown in the council's open data and public calendar: its date, place, status and, "
            "once the invitation is sent, the agenda titles. Uncheck for a members-only session."
        ),
    )

    # Raised by every save through a form, so a second secretary cannot overwrite the first.
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    # The calendar event's SEQUENCE: raised when a convened session moves or is cancelled, so
    # calendar apps replace the event they took from the invitation.
    calendar_sequence = models.PositiveIntegerField(default=0, editable=False)
    # A correspondence session's tally, written once when its votes are counted
    # (meetings/correspondence.py): when, and how many members could vote and did.
    votes_counted_at = models.DateTimeField(
        _("votes counted"), null=True, blank=True, editable=False
    )
    eligible_voters = models.PositiveSmallIntegerField(
        _("members who could vote"), null=True, blank=True, editable=False
    )
    voters = models.PositiveSmallIntegerField(
        _("members who voted"), null=True, blank=True, editable=False
    )

    objects = SessionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["mandate__starts_on", "number"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["mandate", "number"],
                name="session_unique_number_per_mandate",
                violation_error_message=_("This mandate already has a session with that number."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="session_number_positive",
                violation_error_message=_("Sessions are numbered from 1."),
            ),
        ]
        indexes = [models.Index(fields=["date"], name="session_date")]

    def __str__(self):
        return session_name(self.number)

    def get_absolute_url(self):
        return reverse(
            "meetings:session", kwargs={"council": self.mandate.council.slug, "pk": self.pk}
        )

    def get_voting_url(self):
        return reverse(
            "meetings:vote", kwargs={"council": self.mandate.council.slug, "pk": self.pk}
        )

    @property
    def council(self):
        return self.mandate.council

    # When and where, as pages, e-mails and documents say it, in the language in use.

    @property
    def when(self):
        """ "7. 4. 2023 ob 10.00", "7. 4. 2023", "načrtovana za marec 2024" or "datum še ni
        določen"; a session by correspondence "glasovanje do 7. 4. 2023 ob 10.00"."""
        if self.voting_deadline:
            return _("votes until %(deadline)s") % {"deadline": self.voting_deadline_text}
        if self.date and self.time:
            return _("%(date)s at %(time)s") % {
                "date": date_format(self.date, "SHORT_DATE_FORMAT"),
                "time": time_format(self.time, "TIME_FORMAT"),
            }
        if self.date:
            return date_format(self.date, "SHORT_DATE_FORMAT")
        if self.planned_month:
            month = date_format(self.planned_month, "YEAR_MONTH_FORMAT")
            return _("planned for %(month)s") % {"month": month}
        return _("date not set")

    @property
    def when_and_where(self):
        """ "7. 4. 2023 ob 10.00, sejna soba": the place, if known, after a comma."""
        return ", ".join(part for part in (self.when, self.place) if part)

    @property
    def shown_date(self):
        """The date as an invitation gives it: "petek, 7. 4. 2023", or "še ni določen"."""
        if not self.date:
            return pgettext("date", "to be set")
        return f"{date_format(self.date, 'l')}, {date_format(self.date, 'SHORT_DATE_FORMAT')}"

    @property
    def shown_time(self):
        """ "10.00", or "še ni določena" (ura, feminine)."""
        return time_format(self.time, "TIME_FORMAT") if self.time else pgettext("time", "to be set")

    @property
    def shown_place(self):
        return self.place or pgettext("place", "to be set")

    # The life-cycle rules of the record, asked by views, forms, templates, the admin and
    # services alike (meetings/records.py enforces them below all of those).

    # What may still be written on a session after its minutes are approved: the addition the
    # annual report quotes is written when the report is drafted, months later; whether it is
    # public is a decision about publishing, not part of the record, and may be taken later.
    OPEN_AFTER_APPROVAL = ("report_summary", "public")

    # Planned or convened: the session is still to come.
    TO_COME = (Status.PLANNED, Status.CONVENED)

    @property
    def is_to_come(self):
        return self.status in self.TO_COME

    @property
    def is_planned(self):
        """Not convened yet: the agenda is only proposed."""
        return self.status == self.Status.PLANNED

    @property
    def is_convened(self):
        """The invitation is out and the session still to come: changes are announced."""
        return self.status == self.Status.CONVENED

    @property
    def is_held(self):
        return self.status == self.Status.HELD

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_locked(self):
        """The minutes are approved: nothing of the session changes any more, by any path."""
        return self.minutes_approved_at_id is not None

    @property
    def is_record(self):
        """Held (or approved): the session is part of the council's record, never deleted.
        (``sessions_in_the_record()`` asks the same of the database.)"""
        return self.is_held or self.is_locked

    # Convened or held: the agenda has gone out (``agenda_is_public``).
    AGENDA_PUBLIC = (Status.CONVENED, Status.HELD)

    @property
    def agenda_is_public(self):
        """After the invitation, agenda changes are kept in the trail, and the agenda of a public
        session is in the open data."""
        return self.status in self.AGENDA_PUBLIC

    @property
    def agenda_was_sent(self):
        """Members have had the agenda: its items and materials are withdrawn, not deleted."""
        return self.agenda_is_public or self.convened_at is not None or self.is_locked

    @property
    def announces_changes(self):
        """Changes are announced to the members while the session is convened, and its
        cancellation once it is cancelled."""
        return self.is_convened or self.is_cancelled

    def may_change_invitation_number(self):
        """The number a sent invitation carried is final: members have the letter with it."""
        return self.convened_at is None and not self.is_locked

    def may_change_agenda(self):
        """Items, their order and materials change only before the session is held; at a
        correspondence session only before they are sent, since the members vote on them."""
        if self.is_correspondence:
            return self.is_planned and not self.is_locked
        return self.is_to_come and not self.is_locked

    def may_take_proposals(self):
        """A member's proposal can only add to a session that is still to come."""
        return self.may_change_agenda()

    def may_take_answers(self, today=None):
        """Members answer the invitation until the session day (a correspondence session has
        no meeting to come to)."""
        today = today or timezone.localdate()
        return (
            self.is_to_come and not self.is_correspondence and not (self.date and self.date < today)
        )

    def may_record_outcome(self):
        """Minutes and resolutions are written, and corrected, from holding until approval."""
        return self.is_held and not self.is_locked

    def may_write_resolutions(self):
        """What the council decides is written as the outcome of a held session; at a
        correspondence session it is proposed before the session is sent, and then voted on
        as it was sent."""
        if self.is_correspondence:
            return self.is_planned and not self.is_locked
        return self.may_record_outcome()

    def may_record_attendance(self):
        return (
            self.date is not None
            and not self.is_cancelled
            and not self.is_locked
            and not self.is_correspondence
        )

    def may_approve_minutes(self):
        return self.is_held and not self.is_locked

    def may_become(self, status):
        """Whether the life cycle lets the session go from its status to ``status``. A
        correspondence session is held only by counting its votes, and one cancelled after it
        was sent is not planned again: the votes cast stay with what was sent."""
        if self.is_correspondence:
            if status == self.Status.HELD:
                return False
            if status == self.Status.PLANNED and self.convened_at is not None:
                return False
        return status in SESSION_TRANSITIONS[self.status]

    def may_be_marked_held(self, today=None):
        """Only a session whose date has come can be marked as held."""
        return self.date is not None and self.date <= (today or timezone.localdate())

    def next_statuses(self):
        """The status changes open to this session now, as (status, button label); convening
        is not among them, since it is its own step that sends the invitations."""
        actions = {
            self.Status.HELD: _("Mark as held"),
            self.Status.CANCELLED: _("Cancel the session"),
            self.Status.PLANNED: _("Plan it again"),
        }
        return [
            (status, actions[status])
            for status in SESSION_TRANSITIONS[self.status]
            if self.may_become(status)
        ]

    @property
    def can_be_convened(self):
        if self.is_correspondence:
            return self.is_to_come and self.voting_deadline is not None and not self.voting_ended
        return self.is_to_come and self.date is not None

    # A correspondence session (dopisna seja) is held without meeting: the members vote on the
    # proposed resolutions in the portal until the deadline, its date and time.

    @property
    def is_correspondence(self):
        return self.kind == self.Kind.CORRESPONDENCE

    @property
    def voting_deadline(self):
        """The moment votes stop being taken, or None (not a correspondence session, or no
        date and time yet)."""
        if not (self.is_correspondence and self.date and self.time):
            return None
        return timezone.make_aware(datetime.datetime.combine(self.date, self.time))

    @property
    def voting_deadline_text(self):
        """The deadline as documents say it: "7. 4. 2023 ob 10.00"; "" without one."""
        if self.voting_deadline is None:
            return ""
        return _("%(date)s at %(time)s") % {
            "date": date_format(self.date, "SHORT_DATE_FORMAT"),
            "time": time_format(self.time, "TIME_FORMAT"),
        }

    def voting_has_ended(self, now=None):
        deadline = self.voting_deadline
        return deadline is not None and (now or timezone.now()) >= deadline

    @property
    def voting_ended(self):
        return self.voting_has_ended()

    @property
    def votes_are_counted(self):
        return self.votes_counted_at is not None

    def may_vote(self, now=None):
        """Members vote, and change their vote, from the sending until the deadline."""
        return (
            self.is_correspondence
            and self.is_convened
            and not self.votes_are_counted
            and not self.voting_has_ended(now)
        )

    @property
    def voting_is_open(self):
        return self.may_vote()

    def may_count_votes(self, now=None):
        """The votes are counted once, after the deadline, and the session is then held."""
        return (
            self.is_correspondence
            and self.is_convened
            and not self.votes_are_counted
            and self.voting_has_ended(now)
        )

    def votes_are_secret(self, now=None):
        """Until the deadline the portal shows who has voted, not how."""
        return not (self.votes_are_counted or self.voting_has_ended(now))

    @property
    def votes_are_shown(self):
        return not self.votes_are_secret()

    @property
    def is_quorate_by_correspondence(self):
        """The counted session was quorate: more than half of the members invited voted (the
        one quorum rule, meetings.services.quorum, decided it when the votes were counted)."""
        return self.votes_are_counted and has_quorum(self.voters, self.eligible_voters)

    def is_overdue(self, today=None):
        """Still to come by its status, but its date (or its planned month) has passed: it is
        to be marked as held or cancelled."""
        today = today or timezone.localdate()
        if not self.is_to_come:
            return False
        if self.date:
            return self.date < today
        return self.planned_month is not None and self.planned_month < today.replace(day=1)

    @property
    def convocation_deadline(self):
        """The last day the invitation may go out: the council's convocation period
        (``Council.convocation_days``) before the session's date; None without a date."""
        return self.convocation_deadline_in(self.council)

    def convocation_deadline_in(self, council):
        """``convocation_deadline``, with the session's council in hand: a page of the council
        need not read it again with every session."""
        if self.date is None:
            return None
        return self.date - datetime.timedelta(days=council.convocation_days)

    def clean(self):
        if not self.mandate_id:
            return
        mandate = self.mandate
        # A planned month counts if any of it lies in the mandate; a date must lie in it.
        first_day = {"date": mandate.starts_on, "planned_month": mandate.starts_on.replace(day=1)}
        for field in ("date", "planned_month"):
            day = getattr(self, field)
            if day and not first_day[field] <= day <= mandate.ends_on:
                raise ValidationError({field: self._outside_mandate(field, day)})
        if (self.is_convened or self.is_held) and not self.date:
            raise ValidationError({"date": _("A convened or held session needs a date.")})
        if self.is_correspondence and self.date and not self.time:
            raise ValidationError(
                {
                    "time": _(
                        "At a session by correspondence the date and time are the deadline "
                        "for votes; enter the time."
                    )
                }
            )

    def _outside_mandate(self, field, day):
        """What to do about a date outside the chosen mandate: choose the mandate that covers it,
        or change the date, or enter the next mandate first."""
        mandate = self.mandate
        last_day = day if field == "date" else _month_end(day)
        other = (
            mandate.council.mandates.exclude(pk=mandate.pk)
            .filter(starts_on__lte=last_day, ends_on__gte=day)
            .first()
        )
        names = {"mandate": mandate, "period": mandate.period, "other": other}
        if other is not None:
            message = _(
                "The date is outside the mandate %(mandate)s (%(period)s); it falls in the "
                "mandate %(other)s. Choose that mandate."
            )
        elif field == "planned_month":
            message = _(
                "The month is outside the mandate %(mandate)s (%(period)s). Choose a month in "
                "the mandate or enter the new mandate first."
            )
        else:
            message = _(
                "The date is outside the mandate %(mandate)s (%(period)s). Choose a date in the "
                "mandate or enter the new mandate first."
            )
        return ValidationError(message, params=names, code="outside_mandate")

    def members_invited(self):
        """Seats with a named person that cover the session's date, in the order of the
        people's names (as attendance is listed)."""
        day = self.date or self.planned_month
        if day is None:
            return Membership.objects.none()
        return (
            self.mandate.memberships.filter(condition(sql.invited_on_day, day=a_date(day)))
            .select_related("person", "organization")
            .order_by(Slovenian("person__last_name"), Slovenian("person__first_name"), "pk")
        )


def has_quorum(taking_part, invited):
    """The quorum rule, one for every kind of session: more than half of the members invited
    take part (at a meeting: present, themselves or through a deputy; by correspondence: voted)."""
    return taking_part > invited / 2


def sessions_in_the_record(prefix=""):
    """``Session.is_record`` as a condition on sessions (``prefix`` reaches them from a related
    model, "session__")."""
    return Q(**{f"{prefix}status": Session.Status.HELD}) | Q(
        **{f"{prefix}minutes_approved_at__isnull": False}
    )


def _month_end(first_day):
    next_month = (first_day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return next_month - datetime.timedelta(days=1)


# The life cycle of a session: which status may follow which (convening is done by sending).
SESSION_TRANSITIONS = {
    Session.Status.PLANNED: [Session.Status.HELD, Session.Status.CANCELLED],
    Session.Status.CONVENED: [Session.Status.HELD, Session.Status.CANCELLED],
    Session.Status.CANCELLED: [Session.Status.PLANNED],
    Session.Status.HELD: [],
}


class Withdrawable(models.Model):
    """Once the agenda is sent, an item or a material is withdrawn rather than deleted: the row
    (and the file) stay in the record, with who withdrew it and when."""

    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )

    class Meta:
        abstract = True


class AgendaItem(Withdrawable):
    """An item on a session's agenda (točka dnevnega reda)."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="items", verbose_name=_("session")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    presenter_person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("presented by (member)"),
    )
    presenter_organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("presented by (organization)"),
    )
    presenter_text = models.CharField(
        _("presented by (guest)"),
        max_length=200,
        blank=True,
        help_text=_("For a guest, for example: Načelnik PP Ptuj mag. Aleksander LUBEJ."),
    )
    withdrawn = models.BooleanField(_("withdrawn"), default=False)
    minutes = models.TextField(_("minutes"), blank=True)
    lock_version = models.PositiveIntegerField(default=0, editable=False)

    objects = RecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return self.title

    @property
    def presenter(self):
        return presenter_of(self.presenter_text, self.presenter_person, self.presenter_organization)


def presenter_of(text, person, organization):
    """Who presents an item: the name typed for it, else its person, else its organization
    (``AgendaItem.presenter``; lists that read items as rows pass names)."""
    return text or person or organization or ""


def material_upload_to(instance, filename):
    # Stored under a generated name: what the user called the file never becomes a path.
    suffix = PurePath(filename).suffix.lower()
    return f"materials/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Material(Withdrawable):
    """A file attached to an agenda item, downloaded only by those who may see the session."""

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="materials", verbose_name=_("item")
    )
    file = models.FileField(_("file"), upload_to=material_upload_to)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Materials are drafts, letters and slides meant for the members: never public unless the
    # secretary says so.
    public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Offered for download in the open data of a public session."),
    )

    objects = MaterialQuerySet.as_manager()

    # Publishing a material is a decision about the open data, not part of the record.
    OPEN_AFTER_APPROVAL = ("public",)

    class Meta:
        ordering = ["item", "uploaded_at", "pk"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self):
        return self.original_name

    @property
    def withdrawn(self):
        return self.withdrawn_at is not None


class AgendaProposal(models.Model):
    """A member's proposal to add an item to the agenda (dopolnitev dnevnega reda)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("session")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="agenda_proposals",
        verbose_name=_("proposed by"),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("explanation"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.CharField(_("note on the decision"), max_length=300, blank=True)
    item = models.OneToOneField(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposal"
    )

    class Meta:
        ordering = ["proposed_at", "pk"]
        verbose_name = _("agenda proposal")
        verbose_name_plural = _("agenda proposals")

    def __str__(self):
        return self.title


class AgendaChange(models.Model):
    """One entry of the trail of agenda changes made after the invitation went out."""

    class Kind(models.TextChoices):
        # Said of the agenda item (točka, feminine): "dodana", "umaknjena".
        ADDED = "added", pgettext_lazy("agenda item", "added")
        CHANGED = "changed", pgettext_lazy("agenda item", "changed")
        WITHDRAWN = "withdrawn", pgettext_lazy("agenda item", "withdrawn")
        REORDERED = "reordered", pgettext_lazy("agenda item", "reordered")
        MOVED = "moved", _("date, time or place changed")
        CANCELLED = "cancelled", _("session cancelled")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="agenda_changes", verbose_name=_("session")
    )
    item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("change"), max_length=10, choices=Kind.choices)
    summary = models.CharField(_("what changed"), max_length=400)
    changed_at = models.DateTimeField(_("when"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    notified = models.BooleanField(_("members notified"), default=False)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("agenda change")
        verbose_name_plural = _("agenda changes")

    def __str__(self):
        return self.summary


class InvitationDelivery(models.Model):
    """The record of one invitation (or amended-agenda notice) sent to one member."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("invitation")
        AMENDMENT = "amendment", _("amended agenda")
        MOVED = "moved", _("notice of a new date, time or place")
        CANCELLED = "cancelled", _("notice of cancellation")

    class Status(models.TextChoices):
        # Claimed in the transaction that decides to send, sent once it has committed.
        QUEUED = "queued", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("session")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(_("status"), max_length=6, choices=Status.choices)
    error = models.CharField(_("error"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("invitation delivery")
        verbose_name_plural = _("invitation deliveries")
        constraints = [
            # Sending the invitation twice must not invite anyone twice.
            models.UniqueConstraint(
                fields=["session", "person"],
                condition=Q(kind="invitation", status="sent"),
                name="delivery_one_invitation_per_person",
            )
        ]

    def __str__(self):
        return f"{self.session} → {self.person}: {self.get_status_display()}"


class Attendance(models.Model):
    """A member's answer to the invitation, whether they were there, and who stood in for them.

    Both are said of a person, so Slovenian agrees with them: "navzoč" of a man, "navzoča" of a
    woman. The labels below are the masculine; ``get_presence_display()``,
    ``get_response_display()`` and the ``*_choices(person)`` agree with the person.

    A member who cannot come may send a deputy (namestnik, namestnica), named in advance or on
    the day. The deputy is a person of the council when they are in the portal, else only a name
    typed: deputies are mostly colleagues from the member's organization who never get a login,
    and a member naming one when answering can only type the name.
    """

    class Response(models.TextChoices):
        ATTENDING = "yes", _("will attend")
        NOT_ATTENDING = "no", _("cannot attend")

    class Presence(models.TextChoices):
        PRESENT = "present", _("present")
        EXCUSED = "excused", _("excused")
        ABSENT = "absent", _("absent")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("session")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("person")
    )
    response = models.CharField(_("answer"), max_length=3, choices=Response.choices, blank=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    presence = models.CharField(_("presence"), max_length=8, choices=Presence.choices, blank=True)
    deputy = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deputy_attendances",
        verbose_name=_("deputy"),
    )
    deputy_name = models.CharField(_("deputy (name)"), max_length=200, blank=True)

    objects = RecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["session", Slovenian("person__last_name"), Slovenian("person__first_name")]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"], name="attendance_one_per_person_and_session"
            ),
            models.CheckConstraint(
                condition=Q(deputy__isnull=True) | Q(deputy_name=""),
                name="attendance_one_deputy",
                violation_error_message=_(
                    "Choose a person of the council or type a name, not both."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_presence_display() or self.get_response_display()}"

    def get_presence_display(self):
        """Present, excused or absent, as said of the person ("navzoča"); "" if not recorded."""
        return _of_person(self.person, self.presence, self.Presence, FEMININE_PRESENCE)

    def get_response_display(self):
        """The answer as the attendance list says it of the person ("udeležila se bo")."""
        return _of_person(self.person, self.response, self.Response, FEMININE_RESPONSE)

    @property
    def own_answer(self):
        """The answer in the member's own words ("udeležila se bom"), as they gave it."""
        if not self.response:
            return ""
        return self.person.agrees(*OWN_ANSWERS[self.response])

    @classmethod
    def presence_choices(cls, person):
        """The presences to record for ``person``, each as said of them."""
        return [(value, _of_person(person, value, cls.Presence, FEMININE_PRESENCE))
                for value in cls.Presence.values]  # fmt: skip

    @classmethod
    def answer_choices(cls, person):
        """The answers ``person`` can give, in their own words."""
        return [(value, person.agrees(*OWN_ANSWERS[value])) for value in cls.Response.values]

    @property
    def has_deputy(self):
        return self.deputy_id is not None or bool(self.deputy_name)

    @property
    def deputy_full_name(self):
        """The deputy's name, whether a person of the council or a name typed; else ""."""
        return self.deputy.full_name if self.deputy_id else self.deputy_name

    @property
    def fills_seat(self):
        """Whether the seat counts for the quorum: the member was present, or a deputy stood in
        for them. A deputy named in advance counts once the attendance is recorded."""
        return fills_seat(self.presence, self.has_deputy)

    def name_with_deputy(self):
        """The member's name and who stood in for them: "Ana Kovač (namesto nje Janez Novak)".

        Said with a pronoun, so that neither name has to be declined: Slovenian names change
        with their case, and a genitive guessed wrong has no place in the minutes."""
        name = self.person.full_name
        if not self.has_deputy:
            return name
        label = self.person.agrees(
            gettext("%(member)s (represented by %(deputy)s)"),
            pgettext("woman", "%(member)s (represented by %(deputy)s)"),
        )
        return label % {"member": name, "deputy": self.deputy_full_name}


def fills_seat(presence, has_deputy):
    """``Attendance.fills_seat`` of a presence and whether a deputy is named, for lists read as
    rows."""
    if presence == Attendance.Presence.PRESENT:
        return True
    return bool(presence) and has_deputy


def presence_label(presence, gender):
    """``Attendance.get_presence_display`` of a person of ``gender``, for lists read as rows."""
    return _said_of(gender, presence, Attendance.Presence, FEMININE_PRESENCE)


def response_label(response, gender):
    """``Attendance.get_response_display`` of a person of ``gender``, for lists read as rows."""
    return _said_of(gender, response, Attendance.Response, FEMININE_RESPONSE)


def _of_person(person, value, choices, feminine):
    return _said_of(person.gender, value, choices, feminine)


def _said_of(gender, value, choices, feminine):
    if not value:
        return ""
    return agreeing(gender, choices(value).label, feminine[value])


FEMININE_PRESENCE = {
    Attendance.Presence.PRESENT: pgettext_lazy("woman", "present"),
    Attendance.Presence.EXCUSED: pgettext_lazy("woman", "excused"),
    Attendance.Presence.ABSENT: pgettext_lazy("woman", "absent"),
}
FEMININE_RESPONSE = {
    Attendance.Response.ATTENDING: pgettext_lazy("woman", "will attend"),
    Attendance.Response.NOT_ATTENDING: pgettext_lazy("woman", "cannot attend"),
}
# The member's own answer to "Will you attend?": (masculine, feminine).
OWN_ANSWERS = {
    Attendance.Response.ATTENDING: (_("I will attend"), pgettext_lazy("woman", "I will attend")),
    Attendance.Response.NOT_ATTENDING: (
        _("I cannot attend"),
        pgettext_lazy("woman", "I cannot attend"),
    ),
}


class ResolutionQuerySet(RecordQuerySet):
    """The register's questions about resolutions (``Resolution.is_open``, ``is_overdue``)."""

    def adopted(self):
        return self.filter(condition(sql.adopted))

    def rejected(self):
        return self.filter(outcome=Resolution.Outcome.REJECTED)

    def open(self):
        """Adopted, with someone responsible, not yet carried out (written once, as SQL, in
        meetings/sql.py)."""
        return self.filter(condition(sql.open_resolution))

    def carried_out(self):
        return self.filter(done_on__isnull=False)

    def overdue(self, today=None):
        """Open past their deadline."""
        return self.open().filter(deadline__lt=today or timezone.localdate())

    def public(self):
        """What the open data shows: adopted, public, at a public session whose minutes are
        approved (until then the record may still be corrected)."""
        return self.adopted().filter(
            public=True, session__public=True, session__minutes_approved_at__isnull=False
        )


class Resolution(ChecksFieldsSetByCode, models.Model):
    """A decision (sklep) taken under an agenda item, numbered within the session: "1. sklep"."""

    # Set from the item, so the number's uniqueness in the session is checked on the form.
    SET_BY_CODE = ("session",)

    class Outcome(models.TextChoices):
        # "Sklep je sprejet": the outcome agrees with the resolution (sklep, masculine).
        ADOPTED = "adopted", pgettext_lazy("resolution", "adopted")
        REJECTED = "rejected", pgettext_lazy("resolution", "rejected")
        # Sent to the members of a correspondence session, who vote on it until the deadline.
        PROPOSED = "proposed", pgettext_lazy("resolution", "proposed")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="resolutions", verbose_name=_("session")
    )
    item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, related_name="resolutions", verbose_name=_("item")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))
    outcome = models.CharField(
        _("outcome"), max_length=8, choices=Outcome.choices, default=Outcome.ADOPTED
    )
    responsible = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resolutions",
        verbose_name=_("responsible organization"),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    done_on = models.DateField(_("carried out on"), null=True, blank=True)
    # The vote, when one was counted: all three numbers or none (a resolution taken by consensus
    # has none). Frozen with the minutes like the rest of the decision.
    votes_for = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    votes_abstained = models.PositiveSmallIntegerField(_("abstentions"), null=True, blank=True)
    public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_(
            "Shown in the council's open data once adopted and the minutes are approved. "
            "Uncheck for a members-only resolution."
        ),
    )
    lock_version = models.PositiveIntegerField(default=0, editable=False)

    objects = ResolutionQuerySet.as_manager()
    history = HistoricalRecords()

    VOTE_FIELDS = ("votes_for", "votes_against", "votes_abstained")

    # The follow-up, noted as it happens, after the minutes are approved. What the council
    # decided (text, outcome, who is responsible and by when) is frozen with the minutes;
    # whether it is published is not part of it.
    OPEN_AFTER_APPROVAL = ("done_on", "public")

    class Meta:
        ordering = ["session", "number"]
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "number"],
                name="resolution_unique_number_per_session",
                violation_error_message=_("This session already has a resolution of that number."),
            ),
            models.CheckConstraint(
                condition=Q(
                    votes_for__isnull=True, votes_against__isnull=True, votes_abstained__isnull=True
                )
                | Q(
                    votes_for__isnull=False,
                    votes_against__isnull=False,
                    votes_abstained__isnull=False,
                ),
                name="resolution_vote_all_or_none",
                violation_error_message=_(
                    "Enter all three numbers of the vote (for, against, abstained) or none."
                ),
            ),
        ]
        indexes = [
            # The open follow-ups (the dashboard's count, the register's "open" filter): a few
            # rows a session, however many resolutions the council has taken over the years.
            models.Index(
                fields=["session"],
                condition=Q(outcome="adopted", responsible__isnull=False, done_on__isnull=True),
                name="resolution_open_follow_up",
            )
        ]

    def __str__(self):
        return resolution_name(self.number)

    @property
    def is_open(self):
        """Adopted with someone responsible, and not yet carried out (``.open()`` of many)."""
        return self.outcome == self.Outcome.ADOPTED and self.responsible_id and not self.done_on

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return bool(self.is_open and self.deadline and self.deadline < today)

    @property
    def has_vote(self):
        return self.votes_for is not None

    @property
    def votes_cast(self):
        return self.votes_for + self.votes_against + self.votes_abstained if self.has_vote else 0

    def outcome_by_vote(self, quorate):
        """The outcome of a vote by correspondence: adopted when the session was quorate and
        more than half of the members who voted voted for it (an abstention is a vote cast
        that does not support it)."""
        if quorate and self.votes_for * 2 > self.votes_cast:
            return self.Outcome.ADOPTED
        return self.Outcome.REJECTED

    def vote_summary(self):
        """The vote as the minutes say it: "Sklep je bil sprejet: za 12, proti 0, vzdržani 1."
        Empty when no vote was counted."""
        return vote_summary(self.outcome, self.votes_for, self.votes_against, self.votes_abstained)


def resolution_name(number):
    """What a resolution is called ("3. sklep"): ``str(resolution)``, for lists that read the
    number alone."""
    return gettext("Resolution %(number)s") % {"number": number}


def vote_summary(outcome, votes_for, votes_against, votes_abstained):
    """``Resolution.vote_summary`` of its outcome and votes, for lists that read them as rows."""
    if votes_for is None or outcome == Resolution.Outcome.PROPOSED:
        return ""
    counts = {"for": votes_for, "against": votes_against, "abstained": votes_abstained}
    if outcome == Resolution.Outcome.ADOPTED:
        return (
            gettext(
                "The resolution was adopted: %(for)s for, %(against)s against, "
                "%(abstained)s abstained."
            )
            % counts
        )
    return (
        gettext(
            "The resolution was not adopted: %(for)s for, %(against)s against, "
            "%(abstained)s abstained."
        )
        % counts
    )


class VoteQuerySet(RecordQuerySet):
    approval = "resolution__session__minutes_approved_at"


class Vote(models.Model):
    """A member's vote on a resolution proposed at a correspondence session. One per member and
    resolution: changing it until the deadline replaces it (the history keeps the earlier)."""

    class Choice(models.TextChoices):
        FOR = "for", pgettext_lazy("vote", "for")
        AGAINST = "against", pgettext_lazy("vote", "against")
        ABSTAIN = "abstain", pgettext_lazy("vote", "abstained")

    resolution = models.ForeignKey(
        Resolution, on_delete=models.CASCADE, related_name="votes", verbose_name=_("resolution")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="votes", verbose_name=_("member")
    )
    choice = models.CharField(_("vote"), max_length=7, choices=Choice.choices)
    cast_at = models.DateTimeField(_("cast"), default=timezone.now)

    objects = VoteQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["resolution", "person__last_name", "person__first_name"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "person"], name="vote_one_per_member_and_resolution"
            )
        ]

    def __str__(self):
        return f"{self.person}: {self.get_choice_display()}"

    @property
    def session(self):
        return self.resolution.session

    def label(self):
        """The vote as the minutes list it, agreeing with the voter: "vzdržan", "vzdržana"."""
        return vote_label(self.choice, self.person)


def vote_label(choice, person):
    """A vote's label agreeing with the voter ("vzdržan", "vzdržana"); no choice is "did not
    vote" ("ni glasoval", "ni glasovala")."""
    return vote_label_of_gender(choice, person.gender)


def vote_label_of_gender(choice, gender):
    """``vote_label`` of a voter of ``gender``, for lists that read people as rows."""
    if choice is None:
        return agreeing(gender, gettext("did not vote"), pgettext("woman", "did not vote"))
    label = Vote.Choice(choice).label
    if choice == Vote.Choice.ABSTAIN:
        return agreeing(gender, str(label), pgettext("woman", "abstained"))
    return str(label)


class CalendarFeed(models.Model):
    """A private address from which a user's calendar app reads their councils' sessions."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)


class SessionSeen(models.Model):
    """When a login last opened a session's page: materials added after it are new to them.

    One row per login and session, written with one upsert when the page is shown with
    something new: the first time, or with materials added since (meetings.session_page
    .look_is_news). A look at a page with nothing new is not written: the materials it would
    leave behind are none, and later ones come after either time.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("login"),
    )
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="+", verbose_name=_("session")
    )
    seen_at = models.DateTimeField(_("last opened"))

    class Meta:
        verbose_name = _("session last opened")
        verbose_name_plural = _("sessions last opened")
        constraints = [
            models.UniqueConstraint(fields=["user", "session"], name="session_seen_once_per_login")
        ]

    def __str__(self):
        return f"{self.user} – {self.session}"

    @classmethod
    def record(cls, user, session):
        """Note that the login has just opened the session's page: one statement, whether or not
        it had opened it before.

        Written out rather than bulk_create(update_conflicts=True), which wraps its insert in a
        transaction: under autocommit every member's view of the page would pay BEGIN and COMMIT
        besides. ``INSERT ... ON CONFLICT DO UPDATE`` reads the same on SQLite (3.24 and later)
        and PostgreSQL, and one statement needs no transaction around it."""
        connection = connections[router.db_for_write(cls)]
        quote = connection.ops.quote_name
        table = quote(cls._meta.db_table)
        user_column, session_column, seen_column = (
            quote(cls._meta.get_field(name).column) for name in ("user", "session", "seen_at")
        )
        seen_at = cls._meta.get_field("seen_at").get_db_prep_save(timezone.now(), connection)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({user_column}, {session_column}, {seen_column})"
                f" VALUES (%s, %s, %s) ON CONFLICT ({user_column}, {session_column})"
                f" DO UPDATE SET {seen_column} = excluded.{seen_column}",
                [user.pk, session.pk, seen_at],
            )


# Reminders by e-mail live in a module of their own; imported here so that Django finds them.
from .reminder_models import ReminderKind, ReminderPreference, ReminderSent  # noqa: E402, F401
